// Comparing builds A and B of one kind against the same feedback and cutoff (DESIGN §4): per
// item both sides, the delta (B − A, null unless both scored) and the transition. The compare
// report and the app's compare view both count transitions through here.

import { isFinding, SCORED, type ScoredItems } from './scored-items';
import type { Org, Transition, TransitionCounts } from './types';

export const TRANSITIONS: readonly Transition[] = ['fixed', 'regressed', 'changed', 'unchanged'];
/** Changes of the value smaller than this are rounding, not a change. */
const DELTA_EPSILON = 1e-12;

export function transitionOf(findingA: boolean, findingB: boolean, statusChanged: boolean, delta: number | null): Transition {
  if (findingA && !findingB) return 'fixed';
  if (!findingA && findingB) return 'regressed';
  if (statusChanged || (delta !== null && Math.abs(delta) > DELTA_EPSILON)) return 'changed';
  return 'unchanged';
}

/** B − A of item i's value, null unless both sides scored. */
export function deltaOf(a: ScoredItems, b: ScoredItems, i: number): number | null {
  return a.status[i] === SCORED && b.status[i] === SCORED ? b.value[i] - a.value[i] : null;
}

/** Item i's transition from A to B; both tables are of the same items in the same order. */
export function transitionAt(a: ScoredItems, b: ScoredItems, i: number, cutoff: number): Transition {
  return transitionOf(isFinding(a, i, cutoff), isFinding(b, i, cutoff), a.status[i] !== b.status[i], deltaOf(a, b, i));
}

export function emptyTransitions(): TransitionCounts {
  return { fixed: 0, regressed: 0, changed: 0, unchanged: 0 };
}

/** The transitions of every item, in all and per org (in `a.orgs` order). */
export function transitionCounts(
  a: ScoredItems,
  b: ScoredItems,
  cutoff: number,
): { transitions: TransitionCounts; orgs: Array<{ org: Org } & TransitionCounts> } {
  const transitions = emptyTransitions();
  const orgs = a.orgs.map((org) => ({ org, ...emptyTransitions() }));
  for (let i = 0; i < a.n; i++) {
    const t = transitionAt(a, b, i, cutoff);
    transitions[t]++;
    orgs[a.orgOf[i]][t]++;
  }
  return { transitions, orgs };
}
