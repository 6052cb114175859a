// Saved as you type: a change is sent 400 ms after the last keystroke, and at once when the
// editor loses focus, the finding changes (unmount), or the window hides or closes — so closing
// the app never loses what was typed.

import { useCallback, useEffect, useRef, useState } from 'react';
import { errorText } from '../common/error-text';

export type SaveState = { state: 'idle' } | { state: 'pending' } | { state: 'saving' } | { state: 'saved'; at: Date } | { state: 'failed'; error: string };

export const SAVE_DELAY_MS = 400;

export function useDebouncedSave<T>(save: (value: T) => Promise<unknown>): { schedule: (value: T) => void; flush: () => void; status: SaveState } {
  const [status, setStatus] = useState<SaveState>({ state: 'idle' });
  const pending = useRef<{ value: T } | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const saveRef = useRef(save);
  saveRef.current = save;
  const mounted = useRef(true);

  const flush = useCallback(() => {
    if (timer.current) {
      clearTimeout(timer.current);
      timer.current = null;
    }
    const job = pending.current;
    if (!job) return;
    pending.current = null;
    if (mounted.current) setStatus({ state: 'saving' });
    saveRef.current(job.value).then(
      () => {
        if (mounted.current && !pending.current) setStatus({ state: 'saved', at: new Date() });
      },
      (error: unknown) => {
        if (mounted.current) setStatus({ state: 'failed', error: errorText(error) });
      },
    );
  }, []);

  const schedule = useCallback(
    (value: T) => {
      pending.current = { value };
      setStatus({ state: 'pending' });
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(flush, SAVE_DELAY_MS);
    },
    [flush],
  );

  useEffect(() => {
    mounted.current = true;
    const onHide = () => flush();
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') flush();
    };
    window.addEventListener('pagehide', onHide);
    window.addEventListener('beforeunload', onHide);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.removeEventListener('pagehide', onHide);
      window.removeEventListener('beforeunload', onHide);
      document.removeEventListener('visibilitychange', onVisibility);
      mounted.current = false;
      flush();
    };
  }, [flush]);

  return { schedule, flush, status };
}
