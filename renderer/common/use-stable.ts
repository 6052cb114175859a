// Keeps the previous reference while the value is equal, so memoised charts do not redraw when
// a new answer carries the same histogram (a cutoff move changes only the marker).

import { useRef } from 'react';

export function sameNumbers(a: readonly number[] | undefined, b: readonly number[] | undefined): boolean {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function useStable<T>(value: T, equal: (a: T, b: T) => boolean): T {
  const ref = useRef(value);
  if (ref.current !== value && !equal(ref.current, value)) ref.current = value;
  return ref.current;
}
