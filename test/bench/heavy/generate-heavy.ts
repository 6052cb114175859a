// The heavy shape of the report benchmark (issue "one analysis … at any feedback size"): a
// Zipf-skewed build — the domain of rank r holds ∝ 1/r^1.1 of the entries, so a handful of
// ESP-like domains hold most of them, packed densely into a few home /16s each — and feedback
// that asks the expensive questions: 5 % of the CIDRs are /16s and 20 % are /24s on the largest
// domains, the rest single addresses spread by size, plus domains the build lacks. At 5M entries
// and 50k CIDRs this makes ~20M matched entries, the case that made the reports build gigabytes.

import { formatIPv4 } from '../../../shared/cidr';
import type { FeedbackRow, GeneratedBuild, GeneratedFeedback } from '../generate';
import { Rng, shuffleRange } from '../prng';

export interface HeavySpec {
  entries: number;
  items: number;
  seed: number;
  /** Another build of the same entries (compare's B): the scores drawn again with this seed. */
  scoreSeed?: number;
}

const ZIPF_S = 1.1;
/** A big domain's entries per home /16: ~12 % of its addresses. */
const PER_HOME = 8_000;
const TLDS = ['com', 'net', 'org', 'io', 'de', 'co.uk'];

function zipfSizes(total: number, domains: number): number[] {
  let h = 0;
  for (let r = 1; r <= domains; r++) h += 1 / r ** ZIPF_S;
  const sizes = Array.from({ length: domains }, (_, i) => Math.max(1, Math.floor(total / ((i + 1) ** ZIPF_S * h))));
  // The rounding remainder goes to the largest domain, so the build has exactly `total` entries.
  sizes[0] += total - sizes.reduce((a, b) => a + b, 0);
  return sizes;
}

export function generateHeavyBuild(spec: HeavySpec): GeneratedBuild & { homes: number[][] } {
  const rng = new Rng(spec.seed ^ 0x4ea77);
  const domainCount = Math.max(10, Math.round(spec.entries / 50));
  const sizes = zipfSizes(spec.entries, domainCount);
  const names = sizes.map((_, r) => (r < 20 ? `esp${r + 1}.mailer-${r % 7}.net` : `sender-${r.toString(36)}.${TLDS[r % TLDS.length]}`));
  const v4Start = new Uint32Array(spec.entries);
  const v4Prefix = new Uint8Array(spec.entries);
  const v4Score = new Float64Array(spec.entries);
  const v4Offsets = new Uint32Array(domainCount + 1);
  const homes: number[][] = [];
  // File order: shuffled domains, as a dictionary dump would list them.
  const order = new Uint32Array(domainCount).map((_, i) => i);
  shuffleRange(order, 0, domainCount, rng.fork(1));
  const gen = rng.fork(2);
  const usedHomes = new Set<number>();
  let at = 0;
  const domains: string[] = [];
  const homesByPosition: number[][] = [];
  for (let pos = 0; pos < domainCount; pos++) {
    const d = order[pos];
    domains.push(names[d]);
    v4Offsets[pos] = at;
    const size = sizes[d];
    const homeCount = Math.max(1, Math.ceil(size / PER_HOME));
    const own: number[] = [];
    while (own.length < homeCount) {
      const home = (gen.range(1, 223) * 256 + gen.int(256)) * 65536;
      if (usedHomes.has(home) && size > PER_HOME) continue;
      usedHomes.add(home);
      own.push(home);
    }
    homesByPosition.push(own);
    // Distinct addresses per home: a stride walk from a random offset covers a home without repeats.
    const perHome = Math.ceil(size / homeCount);
    for (let h = 0, left = size; h < homeCount && left > 0; h++) {
      const count = Math.min(perHome, left);
      const stride = Math.max(1, Math.floor(65536 / count));
      const offset = gen.int(stride);
      const base = gen.chance(0.75) ? 0.55 : 0.05;
      for (let k = 0; k < count; k++) {
        const prefixed = gen.chance(0.01);
        const address = own[h] + offset + k * stride;
        v4Start[at] = prefixed ? address - (address % 256) : address;
        v4Prefix[at] = prefixed ? 24 : 32;
        v4Score[at] = Math.min(1, base + gen.next() * 0.45);
        at++;
      }
      left -= count;
    }
  }
  v4Offsets[domainCount] = at;
  homes.push(...homesByPosition);
  if (spec.scoreSeed !== undefined) {
    // Build B: the same entries, about a fifth of them rescored, so items move both ways.
    const rescore = new Rng(spec.scoreSeed ^ 0x5c0e);
    for (let i = 0; i < at; i++)
      if (rescore.chance(0.2))
        v4Score[i] = rescore.chance(0.5) ? Math.min(1, v4Score[i] + 0.3 * rescore.next()) : Math.max(0, v4Score[i] - 0.3 * rescore.next());
  }
  return {
    spec: { entries: spec.entries, shape: 'skewed', seed: spec.seed },
    domains,
    esps: [],
    v4Offsets,
    v4Start: v4Start.subarray(0, at),
    v4Prefix: v4Prefix.subarray(0, at),
    v4Score: v4Score.subarray(0, at),
    v6Offsets: new Uint32Array(domainCount + 1),
    v6Hi: new BigUint64Array(0),
    v6Lo: new BigUint64Array(0),
    v6Prefix: new Uint8Array(0),
    v6Score: new Float64Array(0),
    version: `heavy-${spec.entries}-${spec.seed}${spec.scoreSeed === undefined ? '' : `-b${spec.scoreSeed}`}`,
    threshold: 0.3,
    homes,
  };
}

const COMMENTS = ['mailing list', 'our ESP', 'Top two IPs are in the SPF record', 'transactional', ''];

/**
 * 5 % /16s and 20 % /24s on the largest domains (weighted by size), the rest single addresses
 * of domains in proportion to their size, 3 % of all for domains the build does not have.
 */
export function generateHeavyFeedback(build: GeneratedBuild & { homes: number[][] }, spec: HeavySpec): GeneratedFeedback {
  const rng = new Rng(spec.seed ^ 0xfeed16);
  const n = build.domains.length;
  const size = (d: number) => build.v4Offsets[d + 1] - build.v4Offsets[d];
  const bySize = Array.from({ length: n }, (_, d) => d).sort((a, b) => size(b) - size(a));
  const top = bySize.slice(0, Math.max(1, Math.min(50, n)));
  const topWeight = top.map(size);
  const topTotal = topWeight.reduce((a, b) => a + b, 0);
  const pickTop = (): number => {
    let x = rng.next() * topTotal;
    for (let k = 0; k < top.length; k++) if ((x -= topWeight[k]) < 0) return top[k];
    return top[top.length - 1];
  };
  // Domains by cumulative size, for single addresses spread in proportion to size.
  const cumulative = new Float64Array(n);
  let sum = 0;
  for (let d = 0; d < n; d++) cumulative[d] = sum += size(d);
  const pickBySize = (): number => {
    const x = rng.next() * sum;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cumulative[mid] <= x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const orgOf = () => Math.min(400, Math.floor(rng.pareto(1, 0.9)));
  const seen = new Set<string>();
  const rows: FeedbackRow[] = [];
  let made = 0;
  const add = (org: number, domain: string, cidr: string) => {
    const key = `${org}\u0000${domain}\u0000${cidr}`;
    if (seen.has(key)) return false;
    seen.add(key);
    made++;
    rows.push({
      id: rows.length + 1,
      suggestion_type: 'authenticity',
      suggestion: JSON.stringify({
        input_type: 'ip_list',
        matches: [
          { field: 'domain', value: [domain] },
          { field: 'ip', value: [cidr] },
        ],
      }),
      context: JSON.stringify({ source: 'bench-heavy' }),
      organization_id: org,
      comments: rng.pick(COMMENTS),
      created_at: new Date(Date.UTC(2016, 7, 1) + rng.int(30 * 86400) * 1000).toISOString(),
    });
    return true;
  };
  const want16 = Math.round(spec.items * 0.05);
  const want24 = Math.round(spec.items * 0.2);
  const wantUnknown = Math.round(spec.items * 0.03);
  while (made < want16) {
    const d = pickTop();
    add(orgOf(), build.domains[d], `${formatIPv4(rng.pick(build.homes[d]))}/16`);
  }
  while (made < want16 + want24) {
    const d = pickTop();
    add(orgOf(), build.domains[d], `${formatIPv4(rng.pick(build.homes[d]) + rng.int(256) * 256)}/24`);
  }
  while (made < spec.items - wantUnknown) {
    const d = pickBySize();
    const i = build.v4Offsets[d] + rng.int(size(d));
    // Mostly an address the model knows; some its neighbours in the same /24.
    const address = rng.chance(0.8) ? build.v4Start[i] : build.v4Start[i] - (build.v4Start[i] % 256) + rng.int(256);
    add(orgOf(), build.domains[d], formatIPv4(address));
  }
  for (let k = 0; made < spec.items; k++) add(orgOf(), `unknown-${k.toString(36)}.example`, formatIPv4(rng.range(1, 223) * 16777216 + rng.int(16777216)));
  // Rows in no particular order, as a table dump gives them.
  const perm = new Uint32Array(rows.length).map((_, i) => i);
  shuffleRange(perm, 0, perm.length, rng.fork(9));
  return { rows: Array.from(perm, (p, i) => ({ ...rows[p], id: i + 1 })), items: made };
}
