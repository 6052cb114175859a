// Pages of the findings table, fetched as they scroll into view. A new query (cutoff, filter,
// sort) keeps showing the old rows until its first page arrives, so the table never blanks;
// answers to an old query are dropped.

import { useCallback, useEffect, useRef, useState } from 'react';
import type { FindingRow, RowsPage } from '../../shared/api';
import { errorText } from '../common/error-text';

export const PAGE_SIZE = 100;

interface Pages {
  key: string | null;
  total: number;
  pages: Map<number, FindingRow[]>;
  error?: string;
  /** ms from request to answer of the last page, for the status line and the benchmark. */
  took?: number;
}

export interface RowPages {
  total: number;
  /** The row at a position, if its page has arrived. */
  row: (index: number) => FindingRow | undefined;
  /** Asks for the pages covering [start, end]. */
  ensure: (start: number, end: number) => void;
  loading: boolean;
  error?: string;
  /** The key of the query whose rows are shown. */
  shownKey: string | null;
  took?: number;
}

export function useRowPages(key: string | null, fetchPage: (offset: number, limit: number) => Promise<RowsPage>): RowPages {
  const [state, setState] = useState<Pages>({ key: null, total: 0, pages: new Map() });
  const inflight = useRef(new Set<string>());
  const fetchRef = useRef(fetchPage);
  fetchRef.current = fetchPage;
  const keyRef = useRef(key);
  keyRef.current = key;
  const stateRef = useRef(state);
  stateRef.current = state;

  const load = useCallback((page: number) => {
    const k = keyRef.current;
    if (k === null) return;
    const tag = `${k}\u0000${page}`;
    if (inflight.current.has(tag)) return;
    if (stateRef.current.key === k && stateRef.current.pages.has(page)) return;
    inflight.current.add(tag);
    const started = performance.now();
    fetchRef.current(page * PAGE_SIZE, PAGE_SIZE).then(
      (result) => {
        inflight.current.delete(tag);
        if (keyRef.current !== k) return;
        const took = performance.now() - started;
        setState((s) => {
          const pages = s.key === k ? new Map(s.pages) : new Map<number, FindingRow[]>();
          pages.set(page, result.rows);
          return { key: k, total: result.total, pages, took };
        });
      },
      (error: unknown) => {
        inflight.current.delete(tag);
        if (keyRef.current !== k) return;
        setState((s) => ({ ...s, error: errorText(error) }));
      },
    );
  }, []);

  const lastRange = useRef<[number, number]>([0, 0]);
  const ensure = useCallback(
    (start: number, end: number) => {
      lastRange.current = [start, end];
      const first = Math.max(0, Math.floor(start / PAGE_SIZE));
      const last = Math.max(first, Math.floor(Math.max(start, end) / PAGE_SIZE));
      for (let p = first; p <= last; p++) load(p);
    },
    [load],
  );

  // A new query: fetch what is in view now (or the first page).
  useEffect(() => {
    if (key === null) return;
    const [start, end] = lastRange.current;
    ensure(start, end);
  }, [key, ensure]);

  const current = state.key === key;
  return {
    total: state.total,
    row: (i) => state.pages.get(Math.floor(i / PAGE_SIZE))?.[i % PAGE_SIZE],
    ensure,
    loading: key !== null && !current,
    error: state.error,
    shownKey: state.key,
    took: state.took,
  };
}
