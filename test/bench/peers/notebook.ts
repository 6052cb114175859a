// The notebook as a peer: its nested loop (notebook_join.py, netaddr, Python 3) on a random
// sample of the feedback items it can finish in the time budget, written as the notebook read
// them (one Avro build record, one feedback row per domain). Its cost per comparison (one model
// entry tested against one feedback CIDR) is then scaled to the full item count: the notebook
// compares every item with every entry of the item's domain.
//
// Cross-check on the notebook's own terms: it only matches model entries that are single
// addresses inside the feedback CIDR, so its comparisons, matches and scored CIDRs must equal
// what our join gives for the same items once prefix entries are left out.

import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { itemMatches, type AuthenticityAnalysis } from '../../../shared/authenticity';
import { MatchBuffer, Matcher } from '../../../shared/join';
import { formatIPv4, formatIPv6 } from '../../../shared/cidr';
import type { SenderModelIndex } from '../../../shared/sender-model-index';
import { writeSenderModelAvro, type SenderModelDomain } from '../../../main/avro-writer/index';
import { Rng } from '../prng';

/** Debian's interpreter, which has the notebook's libraries (the python3 on PATH may not). */
export const PYTHON = process.env.SMW_BENCH_PYTHON ?? '/usr/bin/python3';
const SCRIPT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'notebook_join.py');
export const NOTEBOOK_INSTALL = 'apt-get install -y python3-netaddr python3-numpy python3-avro';

/** Null when the notebook's libraries are there, else what is missing and how to install it. */
export function notebookMissing(python = PYTHON): string | null {
  if (!fs.existsSync(python)) return `${python} not found; the notebook peer needs Debian's Python 3 with netaddr, numpy and avro: ${NOTEBOOK_INSTALL}`;
  const probe = spawnSync(python, ['-c', 'import netaddr, numpy, avro.datafile'], { encoding: 'utf8' });
  if (probe.status !== 0) {
    const why = (probe.stderr || '').trim().split('\n').pop() || 'import failed';
    return `${python} cannot import the notebook's libraries (${why}); install them with: ${NOTEBOOK_INSTALL}`;
  }
  return null;
}

export interface NotebookResult {
  python: string;
  /** Items (distinct domain + CIDR) in the sample, and how many domains they cover. */
  items: number;
  domains: number;
  entriesInSample: number;
  loadMs: number;
  joinMs: number;
  comparisons: number;
  perComparisonUs: number;
  /** Comparisons the notebook would make for all the items, and its join time scaled to them. */
  fullComparisons: number;
  fullMs: number;
  /** What the notebook counted and what our join gives on its terms: must be equal. */
  counted: { comparisons: number; matched: number; scored: number };
  expected: { comparisons: number; matched: number; scored: number };
}

function entryCountOf(index: SenderModelIndex, d: number): number {
  return index.v4Offsets[d + 1] - index.v4Offsets[d] + index.v6Offsets[d + 1] - index.v6Offsets[d];
}

/** As the build lists it: a single address bare, a prefix with its length. */
function entryText(index: SenderModelIndex, d: number, k: number): { cidr: string; score: number; single: boolean } {
  const n4 = index.v4Offsets[d + 1] - index.v4Offsets[d];
  if (k < n4) {
    const i = index.v4Offsets[d] + k;
    const p = index.v4Prefix[i];
    return { cidr: p === 32 ? formatIPv4(index.v4Start[i]) : `${formatIPv4(index.v4Start[i])}/${p}`, score: index.v4Score[i], single: p === 32 };
  }
  const j = index.v6Offsets[d] + k - n4;
  const p = index.v6Prefix[j];
  const text = formatIPv6(index.v6Hi[j], index.v6Lo[j]);
  return { cidr: p === 128 ? text : `${text}/${p}`, score: index.v6Score[j], single: p === 128 };
}

export function runNotebook(
  index: SenderModelIndex,
  analysis: AuthenticityAnalysis,
  options: { budgetComparisons: number; seed: number; dir: string; maxEntries?: number },
): NotebookResult {
  const { items } = analysis;
  const domainOf = analysis.itemDomain;
  let fullComparisons = 0;
  for (let i = 0; i < items.length; i++) if (domainOf[i] >= 0) fullComparisons += entryCountOf(index, domainOf[i]);

  // A random sample of items (distinct domain + CIDR) until the comparison budget is reached.
  const rng = new Rng(options.seed ^ 0x0b00c);
  const order = Array.from({ length: items.length }, (_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [order[i], order[j]] = [order[j], order[i]];
  }
  const chosen = new Map<number, Map<string, number>>(); // domain → CIDR text → item
  const seen = new Set<string>();
  let comparisons = 0;
  // Python's Avro reader takes ~15 s per million entries: the sample's domains are capped.
  const maxEntries = options.maxEntries ?? 400_000;
  let entriesLoaded = 0;
  for (const i of order) {
    const d = domainOf[i];
    if (d < 0) continue;
    const key = `${d}\u0000${items[i].cidrText}`;
    if (seen.has(key)) continue;
    const cost = entryCountOf(index, d);
    if (comparisons > 0 && comparisons + cost > options.budgetComparisons) continue;
    if (!chosen.has(d)) {
      if (entriesLoaded > 0 && entriesLoaded + cost > maxEntries) continue;
      entriesLoaded += cost;
    }
    seen.add(key);
    comparisons += cost;
    let cidrs = chosen.get(d);
    if (!cidrs) chosen.set(d, (cidrs = new Map()));
    cidrs.set(items[i].cidrText, i);
    if (comparisons >= options.budgetComparisons * 0.98) break;
  }

  // What the notebook must count: single-address entries matched by each chosen item.
  const v4 = index.v4Start.length;
  const matcher = new Matcher(index);
  const found = new MatchBuffer();
  let matched = 0;
  let scored = 0;
  for (const cidrs of chosen.values()) {
    for (const i of cidrs.values()) {
      let m = 0;
      itemMatches(matcher, analysis, i, found);
      for (let k = 0; k < found.length; k++) {
        const e = found.data[k];
        if (e < v4 ? index.v4Prefix[e] === 32 : index.v6Prefix[e - v4] === 128) m++;
      }
      matched += m;
      if (m > 0) scored++;
    }
  }

  fs.mkdirSync(options.dir, { recursive: true });
  const modelPath = path.join(options.dir, 'notebook-model.avro');
  const feedbackPath = path.join(options.dir, 'notebook-feedback.jsonl');
  const domains = [...chosen.keys()];
  function* models(): Generator<SenderModelDomain> {
    for (const d of domains) {
      const n = entryCountOf(index, d);
      yield {
        domain: index.domains[d],
        cidrs: {
          *[Symbol.iterator]() {
            for (let k = 0; k < n; k++) yield entryText(index, d, k);
          },
        },
      };
    }
  }
  writeSenderModelAvro(modelPath, { layout: 'build', codec: 'null', version: 'notebook-sample', threshold: 0.3, models: models() });
  const lines = domains.map((d, r) =>
    JSON.stringify({
      id: r + 1,
      suggestion_type: 'authenticity',
      suggestion: JSON.stringify({
        input_type: 'ip_list',
        matches: [
          { field: 'domain', value: [index.domains[d]] },
          { field: 'ip', value: [...chosen.get(d)!.keys()] },
        ],
      }),
      organization_id: items[chosen.get(d)!.values().next().value!].org,
      comments: '',
    }),
  );
  fs.writeFileSync(feedbackPath, `${lines.join('\n')}\n`);

  const out = execFileSync(PYTHON, [SCRIPT, modelPath, feedbackPath], { encoding: 'utf8', maxBuffer: 1 << 24 });
  const r = JSON.parse(out.trim().split('\n').pop()!) as {
    python: string;
    load_s: number;
    join_s: number;
    comparisons: number;
    matched: number;
    scored_cidrs: number;
    cidrs: number;
  };
  const perComparison = r.join_s / Math.max(1, r.comparisons);
  let entriesInSample = 0;
  for (const d of domains) entriesInSample += entryCountOf(index, d);
  return {
    python: r.python,
    items: seen.size,
    domains: domains.length,
    entriesInSample,
    loadMs: Math.round(r.load_s * 1000),
    joinMs: Math.round(r.join_s * 1000),
    comparisons: r.comparisons,
    perComparisonUs: Math.round(perComparison * 1e6 * 1000) / 1000,
    fullComparisons,
    fullMs: Math.round(perComparison * fullComparisons * 1000),
    counted: { comparisons: r.comparisons, matched: r.matched, scored: r.scored_cidrs },
    expected: { comparisons, matched, scored },
  };
}
