// Reputation analysis (DESIGN §4): one item per distinct (org, domain) with label `trusted`;
// risk is the first element of that org's list in the build, score = 1 − risk, the reasons the
// rest. Statuses: scored, uncovered-org (domain in the build, org not), uncovered-domain.

import { binIndex, emptyHistogram } from './cutoff';
import type { ReputationItem } from './items';
import { orgKey } from './org';
import type { ReputationBuild } from './reputation-build';
import { SCORED, scoredItems, type ScoredItems } from './scored-items';
import type { ReputationStatus } from './types';

export const REPUTATION_STATUSES: readonly ReputationStatus[] = ['scored', 'uncovered-org', 'uncovered-domain'];
const UNCOVERED_ORG = 1;
const UNCOVERED_DOMAIN = 2;

export interface ReputationAnalysis {
  kind: 'reputation';
  items: ReputationItem[];
  status: Uint8Array;
  /** NaN when not scored. */
  risk: Float64Array;
  score: Float64Array;
  reasons: string[][];
  /** The scores as the cutoff sees them. */
  table: ScoredItems;
  histograms: { reputation: number[] };
}

export function analyseReputation(build: ReputationBuild, items: ReputationItem[]): ReputationAnalysis {
  const n = items.length;
  const status = new Uint8Array(n);
  const risk = new Float64Array(n).fill(NaN);
  const score = new Float64Array(n).fill(NaN);
  const reasons: string[][] = [];
  const histogram = emptyHistogram();
  items.forEach((item, i) => {
    const perOrg = build.get(item.domain);
    const entry = perOrg?.get(orgKey(item.org));
    reasons.push(entry ? entry.reasons : []);
    if (!perOrg) status[i] = UNCOVERED_DOMAIN;
    else if (!entry) status[i] = UNCOVERED_ORG;
    else {
      status[i] = SCORED;
      risk[i] = entry.risk;
      score[i] = 1 - entry.risk;
      histogram[binIndex(score[i])]++;
    }
  });
  const table = scoredItems(items, score, status, REPUTATION_STATUSES.length);
  return { kind: 'reputation', items, status, risk, score, reasons, table, histograms: { reputation: histogram } };
}
