// Authenticity analysis (DESIGN §4): item stats, statuses, the cutoff rule, histograms and org
// summaries. The join and the stats are computed once per (build, feedback); a new cutoff only
// re-reads the means.

import { binIndex, emptyHistogram, isUnderCutoff } from './cutoff';
import type { AuthenticityItem } from './items';
import { entryScore, join, type JoinResult } from './join';
import { compareOrgs, orgKey } from './org';
import { formatIPv4, formatIPv6 } from './cidr';
import type { SenderModelIndex } from './sender-model-index';
import type { AuthenticityItemReport, AuthenticityStatus, FindingsReport, Org, OrgSummary } from './types';

export const AUTHENTICITY_STATUSES: AuthenticityStatus[] = ['scored', 'uncovered-cidr', 'uncovered-domain'];
const SCORED = 0;
const UNCOVERED_CIDR = 1;
const UNCOVERED_DOMAIN = 2;

export interface AuthenticityAnalysis {
  items: AuthenticityItem[];
  join: JoinResult;
  /** Per item; min/mean/max are NaN when the item is not scored. */
  count: Uint32Array;
  min: Float64Array;
  mean: Float64Array;
  max: Float64Array;
  /** Index into AUTHENTICITY_STATUSES. */
  status: Uint8Array;
  /** One score per distinct (domain, model entry) that matches any item. */
  individual: Float64Array;
}

export function analyseAuthenticity(index: SenderModelIndex, items: AuthenticityItem[]): AuthenticityAnalysis {
  const joined = join(index, items);
  const n = items.length;
  const count = new Uint32Array(n);
  const min = new Float64Array(n).fill(NaN);
  const mean = new Float64Array(n).fill(NaN);
  const max = new Float64Array(n).fill(NaN);
  const status = new Uint8Array(n);
  const v4Count = index.v4Start.length;
  const { v4Score, v6Score } = index;
  const { matchOffsets, matchEntries, itemDomain } = joined;
  // A bit per model entry: whether its score is already in `individual`.
  const seen = new Uint32Array(((v4Count + index.v6Hi.length) >>> 5) + 1);
  const individual = new Float64Array(matchEntries.length);
  let individuals = 0;
  for (let i = 0; i < n; i++) {
    const a = matchOffsets[i];
    const b = matchOffsets[i + 1];
    if (a === b) {
      status[i] = itemDomain[i] < 0 ? UNCOVERED_DOMAIN : UNCOVERED_CIDR;
      continue;
    }
    let sum = 0;
    let lo = Infinity;
    let hi = -Infinity;
    for (let k = a; k < b; k++) {
      const entry = matchEntries[k];
      const score = entry < v4Count ? v4Score[entry] : v6Score[entry - v4Count];
      sum += score;
      if (score < lo) lo = score;
      if (score > hi) hi = score;
      // Entries are per domain, so an entry id already names (domain, entry).
      const bit = 1 << (entry & 31);
      if ((seen[entry >>> 5] & bit) === 0) {
        seen[entry >>> 5] |= bit;
        individual[individuals++] = score;
      }
    }
    count[i] = b - a;
    min[i] = lo;
    max[i] = hi;
    mean[i] = sum / (b - a);
    status[i] = SCORED;
  }
  return { items, join: joined, count, min, mean, max, status, individual: individual.slice(0, individuals) };
}

export function isScored(analysis: { status: Uint8Array }, i: number): boolean {
  return analysis.status[i] === SCORED;
}

/** Under the cutoff: scored and mean ≤ cutoff (+1e-9). A finding: under the cutoff or not scored. */
export function itemUnderCutoff(analysis: AuthenticityAnalysis, i: number, cutoff: number): boolean {
  return analysis.status[i] === SCORED && isUnderCutoff(analysis.mean[i], cutoff);
}

export function itemIsFinding(analysis: AuthenticityAnalysis, i: number, cutoff: number): boolean {
  return analysis.status[i] !== SCORED || isUnderCutoff(analysis.mean[i], cutoff);
}

export function authenticityHistograms(analysis: AuthenticityAnalysis): { individual: number[]; cidrAveraged: number[] } {
  const individual = emptyHistogram();
  for (const v of analysis.individual) individual[binIndex(v)]++;
  const cidrAveraged = emptyHistogram();
  for (let i = 0; i < analysis.items.length; i++) if (analysis.status[i] === SCORED) cidrAveraged[binIndex(analysis.mean[i])]++;
  return { individual, cidrAveraged };
}

export function authenticitySummary(analysis: AuthenticityAnalysis, cutoff: number): { summary: FindingsReport['summary']; orgs: OrgSummary[] } {
  const summary = { items: 0, scored: 0, uncoveredCidr: 0, uncoveredDomain: 0, underCutoff: 0, findings: 0 };
  const orgs = new Map<string, OrgSummary>();
  analysis.items.forEach((item, i) => {
    const org = orgEntry(orgs, item.org);
    const under = itemUnderCutoff(analysis, i, cutoff);
    const scored = analysis.status[i] === SCORED;
    summary.items++;
    org.items++;
    if (scored) summary.scored++;
    else org.uncovered++;
    if (analysis.status[i] === UNCOVERED_CIDR) summary.uncoveredCidr++;
    if (analysis.status[i] === UNCOVERED_DOMAIN) summary.uncoveredDomain++;
    if (under) {
      summary.underCutoff++;
      org.underCutoff++;
    }
    if (under || !scored) {
      summary.findings++;
      org.findings++;
    }
  });
  return { summary, orgs: sortedOrgs(orgs) };
}

export function orgEntry(orgs: Map<string, OrgSummary>, org: Org): OrgSummary {
  const key = orgKey(org);
  let entry = orgs.get(key);
  if (!entry) {
    entry = { org, items: 0, underCutoff: 0, uncovered: 0, findings: 0 };
    orgs.set(key, entry);
  }
  return entry;
}

export function sortedOrgs<T extends { org: Org }>(orgs: Map<string, T>): T[] {
  return [...orgs.values()].sort((a, b) => compareOrgs(a.org, b.org));
}

export function formatEntry(index: SenderModelIndex, entry: number): string {
  const v4 = index.v4Start.length;
  if (entry < v4) return `${formatIPv4(index.v4Start[entry])}/${index.v4Prefix[entry]}`;
  const j = entry - v4;
  return `${formatIPv6(index.v6Hi[j], index.v6Lo[j])}/${index.v6Prefix[j]}`;
}

const nullable = (v: number): number | null => (Number.isNaN(v) ? null : v);

export function authenticityItemReport(analysis: AuthenticityAnalysis, index: SenderModelIndex, i: number, cutoff: number): AuthenticityItemReport {
  const item = analysis.items[i];
  const matches = [];
  for (let k = analysis.join.matchOffsets[i]; k < analysis.join.matchOffsets[i + 1]; k++) {
    const entry = analysis.join.matchEntries[k];
    matches.push({ entry: formatEntry(index, entry), score: entryScore(index, entry) });
  }
  return {
    org: item.org,
    domain: item.domain,
    cidr: item.cidrText,
    status: AUTHENTICITY_STATUSES[analysis.status[i]],
    count: analysis.count[i],
    min: nullable(analysis.min[i]),
    mean: nullable(analysis.mean[i]),
    max: nullable(analysis.max[i]),
    underCutoff: itemUnderCutoff(analysis, i, cutoff),
    matches,
    comments: item.comments,
  };
}

export function findingsReport(analysis: AuthenticityAnalysis, index: SenderModelIndex, ids: { build: string; feedback: string }, cutoff: number): FindingsReport {
  const { summary, orgs } = authenticitySummary(analysis, cutoff);
  return {
    build: ids.build,
    feedback: ids.feedback,
    cutoff,
    summary,
    orgs,
    histograms: authenticityHistograms(analysis),
    items: analysis.items.map((_, i) => authenticityItemReport(analysis, index, i, cutoff)),
  };
}
