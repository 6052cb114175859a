// Which feedback pull and builds a view opens with when the URL does not say (or names a
// snapshot that is gone): what the analyst used last, else the newest of each kind.

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
  return Object.keys(change).length > 0 ? change : null;
}
