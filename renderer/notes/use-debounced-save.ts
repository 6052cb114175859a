// Saved as you type: a change is sent 400 ms after the last keystroke, and at once when the
// editor loses focus, the finding changes (unmount), or the window hides or closes — so closing
// the app never loses what was typed. A save that fails (a workspace busy with another writer,
// a server restarting) is tried again, sooner then less often, and the note shows as not saved
// until one lands; a newer edit replaces the one being retried.

import { useCallback, useEffect, useRef, useState } from 'react';
import { errorText } from '../common/error-text';

export type SaveState =
  | { state: 'idle' }
  | { state: 'pending' }
  | { state: 'saving' }
  | { state: 'saved'; at: Date }
  | { state: 'failed'; error: string; retryInMs: number };

export const SAVE_DELAY_MS = 400;
/** Waits before each retry of a failed save; the last one repeats while the page lives. */
export const RETRY_DELAYS_MS = [500, 1000, 2000, 4000, 8000, 15_000] as const;

export function useDebouncedSave<T>(save: (value: T) => Promise<unknown>): { schedule: (value: T) => void; flush: () => void; status: SaveState } {
  const [status, setStatus] = useState<SaveState>({ state: 'idle' });
  const pending = useRef<{ value: T; version: number } | null>(null);
  /** The version of the latest edit: a failed save of an older one is not retried. */
  const latest = useRef(0);
  const failures = useRef(0);
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
        if (job.version === latest.current) failures.current = 0;
        if (mounted.current && !pending.current) setStatus({ state: 'saved', at: new Date() });
      },
      (error: unknown) => {
        // A newer edit is on its way (or landed): it replaces this one.
        if (job.version !== latest.current) return;
        pending.current ??= job;
        const retryInMs = RETRY_DELAYS_MS[Math.min(failures.current++, RETRY_DELAYS_MS.length - 1)];
        if (mounted.current) setStatus({ state: 'failed', error: errorText(error), retryInMs });
        // Also after the editor has gone: what was typed is still sent while the page lives.
        if (!timer.current) timer.current = setTimeout(flush, retryInMs);
      },
    );
  }, []);

  const schedule = useCallback(
    (value: T) => {
      pending.current = { value, version: ++latest.current };
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
