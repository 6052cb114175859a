// Reputation analysis (DESIGN §4): one item per distinct (org, domain) with label `trusted`;
// risk is the first element of that org's list in the build, score = 1 − risk.

import { emptyHistogram, binIndex, isUnderCutoff } from './cutoff';
import type { ReputationItem } from './items';
import { orgKey } from './org';
import type { ReputationBuild } from './reputation-build';
import { orgEntry, sortedOrgs } from './authenticity';
import type { OrgSummary, ReputationItemReport, ReputationReport, ReputationStatus } from './types';

export const REPUTATION_STATUSES: ReputationStatus[] = ['scored', 'uncovered-org', 'uncovered-domain'];

export interface ReputationAnalysis {
  items: ReputationItem[];
  status: Uint8Array;
  /** NaN when not scored. */
  risk: Float64Array;
  score: Float64Array;
  reasons: string[][];
}

export function analyseReputation(build: ReputationBuild, items: ReputationItem[]): ReputationAnalysis {
  const n = items.length;
  const status = new Uint8Array(n);
  const risk = new Float64Array(n).fill(NaN);
  const score = new Float64Array(n).fill(NaN);
  const reasons: string[][] = [];
  items.forEach((item, i) => {
    const perOrg = build.get(item.domain);
    const entry = perOrg?.get(orgKey(item.org));
    reasons.push(entry ? entry.reasons : []);
    if (!perOrg) status[i] = 2;
    else if (!entry) status[i] = 1;
    else {
      risk[i] = entry.risk;
      score[i] = 1 - entry.risk;
    }
  });
  return { items, status, risk, score, reasons };
}

export function reputationUnderCutoff(analysis: ReputationAnalysis, i: number, cutoff: number): boolean {
  return analysis.status[i] === 0 && isUnderCutoff(analysis.score[i], cutoff);
}

export function reputationSummary(analysis: ReputationAnalysis, cutoff: number): { summary: ReputationReport['summary']; orgs: OrgSummary[] } {
  const summary = { items: 0, scored: 0, uncoveredOrg: 0, uncoveredDomain: 0, underCutoff: 0, findings: 0 };
  const orgs = new Map<string, OrgSummary>();
  analysis.items.forEach((item, i) => {
    const org = orgEntry(orgs, item.org);
    const scored = analysis.status[i] === 0;
    const under = reputationUnderCutoff(analysis, i, cutoff);
    summary.items++;
    org.items++;
    if (scored) summary.scored++;
    else org.uncovered++;
    if (analysis.status[i] === 1) summary.uncoveredOrg++;
    if (analysis.status[i] === 2) summary.uncoveredDomain++;
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

export function reputationHistogram(analysis: ReputationAnalysis): number[] {
  const bins = emptyHistogram();
  for (let i = 0; i < analysis.items.length; i++) if (analysis.status[i] === 0) bins[binIndex(analysis.score[i])]++;
  return bins;
}

export function reputationItemReport(analysis: ReputationAnalysis, i: number, cutoff: number): ReputationItemReport {
  const item = analysis.items[i];
  const scored = analysis.status[i] === 0;
  return {
    org: item.org,
    domain: item.domain,
    status: REPUTATION_STATUSES[analysis.status[i]],
    risk: scored ? analysis.risk[i] : null,
    score: scored ? analysis.score[i] : null,
    underCutoff: reputationUnderCutoff(analysis, i, cutoff),
    reasons: analysis.reasons[i],
  };
}

export function reputationReport(analysis: ReputationAnalysis, ids: { build: string; feedback: string }, cutoff: number): ReputationReport {
  const { summary, orgs } = reputationSummary(analysis, cutoff);
  return {
    build: ids.build,
    feedback: ids.feedback,
    cutoff,
    summary,
    orgs,
    histogram: reputationHistogram(analysis),
    items: analysis.items.map((_, i) => reputationItemReport(analysis, i, cutoff)),
  };
}
