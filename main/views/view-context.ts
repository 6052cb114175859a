// Resolves what a view call is about: the feedback pull (default the chosen context snapshot's,
// else the latest), builds A and B (same kind, checked), the cutoff and where it came from
// (DESIGN §4 plus the analyst's default), each side's analysis as an ItemTable, and the context
// snapshot when one is chosen.

import type { AuthenticityAnalysis } from '../../shared/authenticity';
import { DEFAULT_CUTOFF } from '../../shared/cutoff';
import type { ReputationAnalysis } from '../../shared/reputation';
import type { SenderContextSource } from '../../shared/sender-context';
import type { ContextData } from '../../shared/sender-context-of';
import { normaliseOrg } from '../../shared/org';
import { orgPosition } from '../../shared/scored-items';
import type { BuildKind, Org } from '../../shared/types';
import type { Overview, ViewContext } from '../../shared/api';
import type { SnapshotCache } from '../workspace/snapshot-cache';
import type { Workspace } from '../workspace/workspace';
import { tableOf, type ItemTable } from './item-table';
import { feedbackOf } from './reports';

/** The parts of the cache and the workspace the views read (so tests can pass fakes). */
export type ViewCache = Pick<
  SnapshotCache,
  'snapshot' | 'senderModel' | 'reputationBuild' | 'feedback' | 'authenticity' | 'reputation' | 'latestFeedbackId' | 'senderContext' | 'contextData'
>;
export type ViewWorkspace = Pick<Workspace, 'listNotes' | 'getNote' | 'getSettings' | 'dataDir'>;

export interface ViewsContext {
  cache: ViewCache;
  workspace: ViewWorkspace;
}

export interface Side {
  id: string;
  table: ItemTable;
  /** Authenticity only. */
  auth?: AuthenticityAnalysis;
  /** Reputation only. */
  rep?: ReputationAnalysis;
}

/** A chosen context snapshot (DESIGN §8): its id as registered, each item's context, its answers. */
export interface ContextSide {
  id: string;
  source: SenderContextSource;
  data: ContextData;
}

export interface Resolved {
  kind: BuildKind;
  feedback: string;
  cutoff: number;
  cutoffSource: Overview['cutoffSource'];
  a: Side;
  b?: Side;
  context?: ContextSide;
}

export function resolveCutoff(ctx: ViewsContext, given: number | undefined, buildA: string): { cutoff: number; cutoffSource: Overview['cutoffSource'] } {
  if (given !== undefined) return { cutoff: given, cutoffSource: 'given' };
  const fromSettings = ctx.workspace.getSettings().defaultCutoff;
  if (fromSettings !== null && fromSettings !== undefined) return { cutoff: fromSettings, cutoffSource: 'settings' };
  const threshold = ctx.cache.snapshot(buildA).threshold;
  if (threshold !== undefined && threshold !== null && Number.isFinite(threshold)) return { cutoff: threshold, cutoffSource: 'build' };
  return { cutoff: DEFAULT_CUTOFF, cutoffSource: 'default' };
}

/** A chosen context snapshot is a context snapshot, and only of sender-model builds (as `--context`). */
export function checkContextChoice(cache: Pick<ViewCache, 'snapshot'>, context: string | undefined, kind: BuildKind): void {
  if (context === undefined) return;
  if (kind !== 'sender-model') throw new Error('a sender context is of sender-model builds (the Authenticity view); the Reputation view takes none');
  cache.snapshot(context, 'context');
}

export function resolve(ctx: ViewsContext, view: ViewContext, kind: BuildKind): Resolved {
  // Checks the kinds first, so a wrong pick says so instead of failing inside a load.
  ctx.cache.snapshot(view.buildA, kind);
  if (view.buildB !== undefined) ctx.cache.snapshot(view.buildB, kind);
  checkContextChoice(ctx.cache, view.context, kind);
  // As the CLI's `--context ID`: without a feedback pull named, the context's is the default, so
  // the rows, their exports and the whole report's export are all of the same pull.
  const context = view.context === undefined ? undefined : contextSide(ctx.cache, view.context);
  const feedback = feedbackOf(ctx.cache, { feedback: view.feedback, context: context?.source });
  const side = (id: string): Side => {
    if (kind === 'sender-model') {
      const auth = ctx.cache.authenticity(id, feedback);
      return { id, table: tableOf(auth), auth };
    }
    const rep = ctx.cache.reputation(id, feedback);
    return { id, table: tableOf(rep), rep };
  };
  const { cutoff, cutoffSource } = resolveCutoff(ctx, view.cutoff, view.buildA);
  const resolved: Resolved = { kind, feedback, cutoff, cutoffSource, a: side(view.buildA) };
  if (view.buildB !== undefined) resolved.b = side(view.buildB);
  if (context) resolved.context = context;
  return resolved;
}

function contextSide(cache: ViewCache, chosen: string): ContextSide {
  const { id } = cache.snapshot(chosen, 'context');
  return { id, source: cache.senderContext(id), data: cache.contextData(id) };
}

/** The position of an org in side A's org list (the same in B: one feedback pull); throws for an org with no items. */
export function orgIndex(r: Resolved, org: Org): number {
  const normal = normaliseOrg(org);
  const o = normal === null ? -1 : orgPosition(r.a.table, normal);
  if (o < 0) throw new Error(`org ${String(org)} has no items in feedback pull '${r.feedback}'; pick an org from the list`);
  return o;
}
