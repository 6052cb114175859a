// The route lives in location.hash. Small moves (cursor, the open finding, cutoff drags) replace
// the history entry; view and context changes and every filter (bin, org, status, transitions,
// text, sort) push one, so Back steps back through what the analyst did.

import { useCallback, useMemo, useSyncExternalStore } from 'react';
import { formatRoute, parseRoute, type Route } from './route';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

const getHash = () => window.location.hash;

export type SetRoute = (change: Partial<Route> | ((route: Route) => Route), mode?: 'push' | 'replace') => void;

export function navigate(route: Route, mode: 'push' | 'replace' = 'push'): void {
  const hash = formatRoute(route);
  if (hash === window.location.hash) return;
  // pushState and replaceState fire no hashchange: the subscribers are told at once, so the
  // view shows the new route in the same task (Back and Forward fire hashchange themselves).
  if (mode === 'replace') history.replaceState(history.state, '', hash);
  else history.pushState(null, '', hash);
  window.dispatchEvent(new HashChangeEvent('hashchange'));
}

export function useRoute(): [Route, SetRoute] {
  const hash = useSyncExternalStore(subscribe, getHash);
  // Parsed once per hash, so effects that depend on the route run only when it changes.
  const route = useMemo(() => parseRoute(hash), [hash]);
  const setRoute = useCallback<SetRoute>((change, mode = 'replace') => {
    const current = parseRoute(window.location.hash);
    const next = typeof change === 'function' ? change(current) : { ...current, ...change };
    for (const key of Object.keys(next) as (keyof Route)[]) if (next[key] === undefined) delete next[key];
    navigate(next, mode);
  }, []);
  return [route, setRoute];
}
