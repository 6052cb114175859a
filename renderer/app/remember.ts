// The last route of each analysis view, kept in localStorage: switching between Authenticity
// and Reputation (whose builds differ) returns to where the analyst was. The context of the
// last analysis also goes to the workspace settings (updateSettings({context})), so it survives
// a new browser profile and the Electron/browser switch.

import { formatRoute, parseRoute, type AnalysisView, type Route } from './route';

const KEY = (view: AnalysisView) => `smw.route.${view}`;

export function lastRoute(view: AnalysisView): Route | null {
  try {
    const hash = localStorage.getItem(KEY(view));
    return hash ? parseRoute(hash) : null;
  } catch {
    return null;
  }
}

export function rememberRoute(route: Route): void {
  if (route.view !== 'authenticity' && route.view !== 'reputation') return;
  try {
    localStorage.setItem(KEY(route.view), formatRoute(route));
  } catch {
    // Storage may be disabled; the workspace settings still hold the context.
  }
}

/** Where a nav link to an analysis view goes: back to its last state. */
export function viewHref(view: Route['view']): string {
  if (view === 'authenticity' || view === 'reputation') {
    const last = lastRoute(view);
    if (last) return formatRoute({ ...last, view });
  }
  return `#/${view}`;
}
