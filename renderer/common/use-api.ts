// Loads one API result for a key. The previous result stays on screen while the next loads
// (a cutoff drag must not blank the page), and a late answer to an old request never
// overwrites a newer one.

import { useEffect, useRef, useState } from 'react';
import { errorText } from './error-text';

export interface ApiState<T> {
  data?: T;
  error?: string;
  loading: boolean;
  /** Milliseconds from request to answer of the result shown. */
  took?: number;
}

/** `load` null: nothing to load (for example, no build picked yet). */
export function useApi<T>(key: string | null, load: () => Promise<T>): ApiState<T> & { reload: () => void } {
  const [state, setState] = useState<ApiState<T>>({ loading: key !== null });
  const [tick, setTick] = useState(0);
  const seq = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  useEffect(() => {
    if (key === null) {
      setState({ loading: false });
      return;
    }
    const mine = ++seq.current;
    const started = performance.now();
    setState((s) => ({ ...s, loading: true }));
    loadRef.current().then(
      (data) => {
        if (mine === seq.current) setState({ data, loading: false, took: performance.now() - started });
      },
      (error: unknown) => {
        if (mine === seq.current) setState((s) => ({ data: s.data, error: errorText(error), loading: false }));
      },
    );
  }, [key, tick]);
  return { ...state, reload: () => setTick((t) => t + 1) };
}
