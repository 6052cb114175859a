// Which feedback pull and builds a view opens with when the URL does not say (or names a
// snapshot that is gone): what the analyst used last, else the newest of each kind. The
// Authenticity view's sender context likewise: the one used last with this feedback pull, else
// the newest context pulled for it, else none.

import type { Settings } from '../../shared/api';
import type { SnapshotInfo } from '../../shared/types';
import type { AnalysisView, Route } from '../app/route';
import { snapshotsOfKind } from '../app/workspace-data';
import { lastRoute } from '../app/remember';

export function defaultContext(view: AnalysisView, route: Route, snapshots: SnapshotInfo[], settings: Settings | null): Partial<Route> | null {
  const kind = view === 'authenticity' ? 'sender-model' : 'reputation';
  const builds = snapshotsOfKind(snapshots, kind);
  const feedbacks = snapshotsOfKind(snapshots, 'feedback');
  const isBuild = (id: string | undefined) => id !== undefined && builds.some((s) => s.id === id);
  const isFeedback = (id: string | undefined) => id !== undefined && feedbacks.some((s) => s.id === id);
  const remembered = lastRoute(view);
  const context = settings?.context ?? {};
  const change: Partial<Route> = {};
  if (!isFeedback(route.feedback)) {
    const pick = [remembered?.feedback, context.feedback].find(isFeedback) ?? feedbacks[0]?.id;
    if (pick !== route.feedback) change.feedback = pick;
  }
  if (!isBuild(route.a)) {
    const fromContext = isBuild(context.buildA);
    const pick = [remembered?.a, context.buildA].find(isBuild) ?? builds[0]?.id;
    if (pick !== route.a) change.a = pick;
    const b = remembered?.a === pick ? remembered?.b : fromContext ? context.buildB : undefined;
    if (route.b === undefined && isBuild(b) && b !== pick) change.b = b;
    if (route.cutoff === undefined) {
      const cutoff = remembered?.a === pick ? remembered?.cutoff : fromContext ? context.cutoff : undefined;
      if (cutoff !== undefined) change.cutoff = cutoff;
    }
  }
  if (route.b !== undefined && (!isBuild(route.b) || route.b === (change.a ?? route.a))) change.b = undefined;
  if (view === 'authenticity') {
    const feedback = 'feedback' in change ? change.feedback : route.feedback;
    const contexts = snapshotsOfKind(snapshots, 'context');
    // null is "none", chosen; an id must still be there.
    const usable = (id: string | null | undefined): id is string | null => id === null || (id !== undefined && contexts.some((s) => s.id === id));
    if (feedback !== undefined && !usable(route.ctx)) {
      const used = [remembered?.feedback === feedback ? remembered?.ctx : undefined, context.feedback === feedback ? context.context : undefined];
      const pick = used.find(usable) ?? contexts.find((s) => s.context?.feedback === feedback)?.id ?? null;
      if (pick !== route.ctx) change.ctx = pick;
    }
  }
  return Object.keys(change).length > 0 ? change : null;
}
