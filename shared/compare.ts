// Comparing builds A and B of one kind against the same feedback and cutoff (DESIGN §4): per
// item both sides, the delta (B − A, null unless both scored) and the transition.

import { AUTHENTICITY_STATUSES, itemIsFinding, itemUnderCutoff, sortedOrgs, type AuthenticityAnalysis } from './authenticity';
import { orgKey } from './org';
import { REPUTATION_STATUSES, reputationUnderCutoff, type ReputationAnalysis } from './reputation';
import type { AuthenticityCompareItem, CompareReport, Org, ReputationCompareItem, Transition, TransitionCounts } from './types';

export const TRANSITIONS: Transition[] = ['fixed', 'regressed', 'changed', 'unchanged'];

export function transitionOf(findingA: boolean, findingB: boolean, statusChanged: boolean, delta: number | null): Transition {
  if (findingA && !findingB) return 'fixed';
  if (!findingA && findingB) return 'regressed';
  if (statusChanged || (delta !== null && Math.abs(delta) > 1e-12)) return 'changed';
  return 'unchanged';
}

function tally<T extends { org: Org; transition: Transition }>(items: T[]): { transitions: TransitionCounts; orgs: Array<{ org: Org } & TransitionCounts> } {
  const transitions = { fixed: 0, regressed: 0, changed: 0, unchanged: 0 };
  const orgs = new Map<string, { org: Org } & TransitionCounts>();
  for (const item of items) {
    transitions[item.transition]++;
    const key = orgKey(item.org);
    let org = orgs.get(key);
    if (!org) {
      org = { org: item.org, fixed: 0, regressed: 0, changed: 0, unchanged: 0 };
      orgs.set(key, org);
    }
    org[item.transition]++;
  }
  return { transitions, orgs: sortedOrgs(orgs) };
}

const nullable = (v: number): number | null => (Number.isNaN(v) ? null : v);

export function compareAuthenticityItem(a: AuthenticityAnalysis, b: AuthenticityAnalysis, i: number, cutoff: number): AuthenticityCompareItem {
  const item = a.items[i];
  const side = (x: AuthenticityAnalysis) => ({
    status: AUTHENTICITY_STATUSES[x.status[i]],
    count: x.count[i],
    mean: nullable(x.mean[i]),
    underCutoff: itemUnderCutoff(x, i, cutoff),
  });
  const base = side(a);
  const candidate = side(b);
  const delta = base.mean !== null && candidate.mean !== null ? candidate.mean - base.mean : null;
  return {
    org: item.org,
    domain: item.domain,
    cidr: item.cidrText,
    base,
    candidate,
    deltaMean: delta,
    transition: transitionOf(itemIsFinding(a, i, cutoff), itemIsFinding(b, i, cutoff), base.status !== candidate.status, delta),
  };
}

/** Both analyses must be of the same feedback items, in the same order. */
export function compareAuthenticity(a: AuthenticityAnalysis, b: AuthenticityAnalysis, ids: { base: string; candidate: string; feedback: string }, cutoff: number): CompareReport<AuthenticityCompareItem> {
  const items = a.items.map((_, i) => compareAuthenticityItem(a, b, i, cutoff));
  return { kind: 'sender-model', ...ids, cutoff, ...tally(items), items };
}

export function compareReputationItem(a: ReputationAnalysis, b: ReputationAnalysis, i: number, cutoff: number): ReputationCompareItem {
  const item = a.items[i];
  const side = (x: ReputationAnalysis) => ({
    status: REPUTATION_STATUSES[x.status[i]],
    score: nullable(x.score[i]),
    underCutoff: reputationUnderCutoff(x, i, cutoff),
  });
  const base = side(a);
  const candidate = side(b);
  const delta = base.score !== null && candidate.score !== null ? candidate.score - base.score : null;
  const finding = (x: ReputationAnalysis) => x.status[i] !== 0 || reputationUnderCutoff(x, i, cutoff);
  return {
    org: item.org,
    domain: item.domain,
    base,
    candidate,
    deltaScore: delta,
    transition: transitionOf(finding(a), finding(b), base.status !== candidate.status, delta),
  };
}

export function compareReputation(a: ReputationAnalysis, b: ReputationAnalysis, ids: { base: string; candidate: string; feedback: string }, cutoff: number): CompareReport<ReputationCompareItem> {
  const items = a.items.map((_, i) => compareReputationItem(a, b, i, cutoff));
  return { kind: 'reputation', ...ids, cutoff, ...tally(items), items };
}
