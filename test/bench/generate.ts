// Seeded generator of sender-model builds and feedback pulls for the bench (issue #6).
//
// A build has `entries` model entries over many domains:
//   - uniform: domains of 1–79 entries (mean 40);
//   - skewed: a few ESP-like domains with 100k+ entries (about 30 % of the build) and a
//     heavy (Pareto) tail of small and mid-sized domains.
// Entries come in runs of neighbouring addresses inside a domain's home /16s, mostly /32s, some
// model prefixes (/24–/30, some of them enclosing a run), and IPv6 (/128s and /64s) for a few
// domains; every domain's entries are shuffled in the file, as a dictionary dump would be.
// Feedback has `items` distinct (org, domain, CIDR) items, spread over domains in proportion to
// their size (big ESPs get the most), /32s, /24s, /28s and a few IPv6 /48s, a few per row,
// plus items for domains the build does not have.

import fs from 'node:fs';
import { formatCidr, formatIPv4, formatIPv6, parseCidr } from '../../shared/cidr';
import { writeSenderModelAvro, type AvroCodec, type SenderModelDomain, type SenderModelEntry } from '../../main/avro-writer/index';
import { Rng, shuffleRange } from './prng';

export type Shape = 'uniform' | 'skewed';
export type Layout = 'build' | 'rows';

export interface BuildSpec {
  entries: number;
  shape: Shape;
  seed: number;
}

/** A generated build in memory: per domain (file order), its entries in file order. */
export interface GeneratedBuild {
  spec: BuildSpec;
  domains: string[];
  /** Domains with 100k+ entries (skewed shape), by position in `domains`. */
  esps: number[];
  v4Offsets: Uint32Array;
  v4Start: Uint32Array;
  v4Prefix: Uint8Array;
  v4Score: Float64Array;
  v6Offsets: Uint32Array;
  v6Hi: BigUint64Array;
  v6Lo: BigUint64Array;
  v6Prefix: Uint8Array;
  v6Score: Float64Array;
  version: string;
  threshold: number;
}

export function entriesOf(build: GeneratedBuild): number {
  return build.v4Start.length + build.v6Hi.length;
}

const TLDS = ['com', 'net', 'org', 'co.uk', 'de', 'io', 'edu', 'fr'];
const WORDS = ['mail', 'news', 'shop', 'bank', 'health', 'cloud', 'travel', 'media', 'care', 'group', 'labs', 'corp'];

function domainSizes(spec: BuildSpec, rng: Rng): { sizes: number[]; espCount: number } {
  const sizes: number[] = [];
  let total = 0;
  let espCount = 0;
  if (spec.shape === 'skewed') {
    // A few ESPs holding ~30 % of the build: 8 at 5M entries (~190k each), 16 at 20M (~375k).
    espCount = Math.max(1, Math.min(16, Math.round(spec.entries / 625_000)));
    const espBudget = spec.entries * 0.3;
    for (let i = 0; i < espCount; i++) {
      const size = Math.max(1, Math.round((espBudget / espCount) * (0.5 + rng.next())));
      sizes.push(Math.min(size, spec.entries - total));
      total += sizes[sizes.length - 1];
      if (total >= spec.entries) break;
    }
    espCount = sizes.length;
  }
  while (total < spec.entries) {
    const want = spec.shape === 'uniform' ? 1 + rng.int(79) : Math.min(50_000, Math.floor(rng.pareto(4, 1.15)));
    const size = Math.min(want, spec.entries - total);
    sizes.push(size);
    total += size;
  }
  return { sizes, espCount };
}

/** Generates the build of `spec` (deterministic for a given spec). */
export function generateBuild(spec: BuildSpec): GeneratedBuild {
  const rng = new Rng(spec.seed ^ 0x5e17d3);
  const { sizes, espCount } = domainSizes(spec, rng.fork(1));
  const n = sizes.length;
  // Domain order in the file: shuffled, so the ESPs are anywhere.
  const order = new Uint32Array(n).map((_, i) => i);
  const orderRng = rng.fork(2);
  shuffleRange(order, 0, n, orderRng);

  const names: string[] = new Array<string>(n);
  const v6Domains = new Uint8Array(n);
  let v6Total = 0;
  const v6Count = new Uint32Array(n);
  const flags = rng.fork(3);
  for (let d = 0; d < n; d++) {
    const esp = d < espCount;
    names[d] = esp ? `esp${d + 1}.${WORDS[d % WORDS.length]}-relay.net` : `${WORDS[flags.int(WORDS.length)]}-${d.toString(36)}.${TLDS[flags.int(TLDS.length)]}`;
    // ESPs and ~3 % of the others also send over IPv6: about 5 % of their entries.
    if (sizes[d] >= 2 && (esp || flags.chance(0.03))) {
      v6Domains[d] = 1;
      v6Count[d] = Math.max(1, Math.round(sizes[d] * 0.05));
      v6Total += v6Count[d];
    }
  }

  const v4Total = spec.entries - v6Total;
  const v4Start = new Uint32Array(v4Total);
  const v4Prefix = new Uint8Array(v4Total);
  const v4Score = new Float64Array(v4Total);
  const v6Hi = new BigUint64Array(v6Total);
  const v6Lo = new BigUint64Array(v6Total);
  const v6Prefix = new Uint8Array(v6Total);
  const v6Score = new Float64Array(v6Total);
  const v4Offsets = new Uint32Array(n + 1);
  const v6Offsets = new Uint32Array(n + 1);
  const domains: string[] = new Array<string>(n);
  const esps: number[] = [];

  const gen = rng.fork(4);
  let at4 = 0;
  let at6 = 0;
  let perm = new Uint32Array(1024);
  for (let pos = 0; pos < n; pos++) {
    const d = order[pos];
    domains[pos] = names[d];
    if (d < espCount) esps.push(pos);
    v4Offsets[pos] = at4;
    v6Offsets[pos] = at6;
    const n6 = v6Count[d];
    const n4 = sizes[d] - n6;
    const first4 = at4;
    at4 = fillV4(gen, n4, v4Start, v4Prefix, v4Score, at4);
    // Shuffle the domain's entries: a build lists them in no particular order.
    if (perm.length < n4) perm = new Uint32Array(Math.max(n4, perm.length * 2));
    if (n4 > 1) shuffleEntries(gen, first4, n4, perm, v4Start, v4Prefix, v4Score);
    if (n6 > 0) at6 = fillV6(gen, n6, v6Hi, v6Lo, v6Prefix, v6Score, at6);
  }
  v4Offsets[n] = at4;
  v6Offsets[n] = at6;
  return {
    spec,
    domains,
    esps,
    v4Offsets,
    v4Start,
    v4Prefix,
    v4Score,
    v6Offsets,
    v6Hi,
    v6Lo,
    v6Prefix,
    v6Score,
    version: `bench-${spec.shape}-${spec.entries}-${spec.seed}`,
    threshold: 0.3,
  };
}

function runScore(rng: Rng): number {
  return rng.chance(0.75) ? 0.55 + 0.45 * rng.next() : 0.5 * rng.next();
}

function clamp01(v: number): number {
  return v < 0 ? 0 : v > 1 ? 1 : v;
}

/** `count` IPv4 entries of one domain, in runs inside its home /16s. Returns the next free slot. */
function fillV4(rng: Rng, count: number, start: Uint32Array, prefix: Uint8Array, score: Float64Array, at: number): number {
  const homes: number[] = [];
  const homeCount = 1 + Math.floor(count / 500);
  for (let h = 0; h < homeCount; h++) homes.push((rng.range(1, 223) * 256 + rng.int(256)) * 65536);
  let left = count;
  while (left > 0) {
    const home = rng.pick(homes);
    const base = runScore(rng);
    if (rng.chance(0.02)) {
      // A model prefix on its own (a /24 … /30).
      const p = rng.range(24, 30);
      const size = 2 ** (32 - p);
      start[at] = home + Math.floor(rng.int(65536) / size) * size;
      prefix[at] = p;
      score[at] = clamp01(base);
      at++;
      left--;
      continue;
    }
    const length = Math.min(left, Math.min(256, 1 + Math.floor(rng.pareto(3, 1.2))));
    const stride = rng.pick([1, 1, 1, 2, 3]);
    const first = home + rng.int(65536 - length * stride);
    for (let k = 0; k < length; k++) {
      start[at] = first + k * stride;
      prefix[at] = 32;
      score[at] = clamp01(base + (rng.next() - 0.5) * 0.2);
      at++;
    }
    left -= length;
    if (left > 0 && rng.chance(0.01)) {
      // A prefix enclosing the run (nested entries, DESIGN §4).
      start[at] = first - (first % 256);
      prefix[at] = 24;
      score[at] = clamp01(base + 0.05);
      at++;
      left--;
    }
  }
  return at;
}

function fillV6(rng: Rng, count: number, hi: BigUint64Array, lo: BigUint64Array, prefix: Uint8Array, score: Float64Array, at: number): number {
  // One /48 under 2001:db8::/32 per ~1000 entries, /64 subnets under it.
  const homes: bigint[] = [];
  const homeCount = 1 + Math.floor(count / 1000);
  for (let h = 0; h < homeCount; h++) homes.push((0x20010db8n << 32n) | (BigInt(rng.int(65536)) << 16n));
  for (let k = 0; k < count; k++) {
    const subnet = rng.pick(homes) | BigInt(rng.int(64));
    hi[at] = subnet;
    if (rng.chance(0.05)) {
      lo[at] = 0n;
      prefix[at] = 64;
    } else {
      lo[at] = BigInt(1 + rng.int(4096));
      prefix[at] = 128;
    }
    score[at] = clamp01(runScore(rng));
    at++;
  }
  return at;
}

function shuffleEntries(rng: Rng, first: number, count: number, perm: Uint32Array, start: Uint32Array, prefix: Uint8Array, score: Float64Array): void {
  for (let k = 0; k < count; k++) perm[k] = k;
  shuffleRange(perm, 0, count, rng);
  const s = start.slice(first, first + count);
  const p = prefix.slice(first, first + count);
  const c = score.slice(first, first + count);
  for (let k = 0; k < count; k++) {
    const j = perm[k];
    start[first + k] = s[j];
    prefix[first + k] = p[j];
    score[first + k] = c[j];
  }
}

/** How an entry is written: a /32 or /128 as a bare address (as real builds do), else a prefix. */
function v4Text(start: number, prefix: number): string {
  return prefix === 32 ? formatIPv4(start) : `${formatIPv4(start)}/${prefix}`;
}

function v6Text(hi: bigint, lo: bigint, prefix: number): string {
  return prefix === 128 ? formatIPv6(hi, lo) : `${formatIPv6(hi, lo)}/${prefix}`;
}

/** The build's models as the Avro writer takes them: one reused entry object, no array per domain. */
export function* modelsOf(build: GeneratedBuild, only?: ReadonlySet<number>): Generator<SenderModelDomain> {
  const entry: SenderModelEntry = { cidr: '', score: 0 };
  for (let d = 0; d < build.domains.length; d++) {
    if (only && !only.has(d)) continue;
    const a4 = build.v4Offsets[d];
    const b4 = build.v4Offsets[d + 1];
    const a6 = build.v6Offsets[d];
    const b6 = build.v6Offsets[d + 1];
    yield {
      domain: build.domains[d],
      cidrs: {
        *[Symbol.iterator]() {
          for (let i = a4; i < b4; i++) {
            entry.cidr = v4Text(build.v4Start[i], build.v4Prefix[i]);
            entry.score = build.v4Score[i];
            yield entry;
          }
          for (let i = a6; i < b6; i++) {
            entry.cidr = v6Text(build.v6Hi[i], build.v6Lo[i], build.v6Prefix[i]);
            entry.score = build.v6Score[i];
            yield entry;
          }
        },
      },
    };
  }
}

export interface WrittenBuild {
  path: string;
  layout: Layout;
  codec: AvroCodec;
  bytes: number;
  entries: number;
  domains: number;
  blocks: number;
}

export function writeBuild(build: GeneratedBuild, path: string, layout: Layout, codec: AvroCodec): WrittenBuild {
  const result = writeSenderModelAvro(path, {
    layout,
    codec,
    version: build.version,
    threshold: build.threshold,
    models: modelsOf(build),
    // zlib level 1: quicker to write; reading a level-6 file does the same work on fewer bytes.
    deflateLevel: 1,
  });
  return { path, layout, codec, bytes: result.bytes, entries: result.entries, domains: result.domains, blocks: result.blocks };
}

// ---- feedback ----------------------------------------------------------------------------------

export interface FeedbackSpec {
  items: number;
  seed: number;
}

export interface GeneratedFeedback {
  /** Feedback rows, DESIGN §3.3 columns (suggestion and context as JSON text). */
  rows: FeedbackRow[];
  /** Distinct (org, domain, normal-form CIDR) items the rows make. */
  items: number;
}

export interface FeedbackRow {
  id: number;
  suggestion_type: 'authenticity';
  suggestion: string;
  context: string;
  organization_id: number | string;
  comments: string;
  created_at: string;
}

const COMMENTS = [
  'These are our marketing sends',
  'Top two IPs are in the SPF record',
  'mailing list',
  'our ESP, see ticket',
  'forwarded through the .edu host',
  'transactional mail from the billing system',
];

/** Picks an address inside entry `i` (a /32 is itself). */
function addressInV4(build: GeneratedBuild, i: number, rng: Rng): number {
  const p = build.v4Prefix[i];
  return build.v4Start[i] + (p >= 32 ? 0 : rng.int(2 ** (32 - p)));
}

/** One item's CIDR text for domain `d`, as an analyst would type it. */
function itemCidr(build: GeneratedBuild, d: number, rng: Rng): string {
  const a4 = build.v4Offsets[d];
  const n4 = build.v4Offsets[d + 1] - a4;
  const a6 = build.v6Offsets[d];
  const n6 = build.v6Offsets[d + 1] - a6;
  if (n6 > 0 && (n4 === 0 || rng.chance(0.1))) {
    const j = a6 + rng.int(n6);
    const r = rng.next();
    if (r < 0.6) return formatIPv6(build.v6Hi[j], build.v6Lo[j] === 0n ? BigInt(1 + rng.int(4096)) : build.v6Lo[j]);
    if (r < 0.9) return `${formatIPv6(build.v6Hi[j] & ~0xffffn, 0n)}/48`;
    return `${formatIPv6(build.v6Hi[j], 0n)}/64`;
  }
  const i = a4 + rng.int(n4);
  const address = addressInV4(build, i, rng);
  const r = rng.next();
  if (r < 0.55) return formatIPv4(address); // a sender the model knows
  if (r < 0.65) return formatIPv4(address - (address % 65536) + rng.int(65536)); // its neighbourhood
  if (r < 0.85) return rng.chance(0.1) ? `${formatIPv4(address)}/24` : `${formatIPv4(address - (address % 256))}/24`;
  if (r < 0.97) return `${formatIPv4(address - (address % 16))}/28`;
  return formatIPv4(rng.range(1, 223) * 16777216 + rng.int(16777216)); // anywhere
}

function normalCidr(text: string): string {
  const parsed = parseCidr(text);
  if (!parsed.ok) throw new Error(`generator made an invalid CIDR ${text}`);
  return formatCidr(parsed.cidr);
}

/**
 * Feedback for `build`: `spec.items` distinct items, in proportion to domain size, 3 % of them
 * for domains the build does not have.
 */
export function generateFeedback(build: GeneratedBuild, spec: FeedbackSpec): GeneratedFeedback {
  const rng = new Rng(spec.seed ^ 0xfeedbac);
  const total = entriesOf(build);
  const covered = Math.round(spec.items * 0.97);
  const groups: Array<{ org: number | string; domain: string; cidrs: string[] }> = [];
  const seen = new Set<string>();
  let made = 0;
  const orgOf = (r: Rng): number | string => (r.chance(0.02) ? `org-${r.pick(WORDS)}` : Math.min(400, Math.floor(r.pareto(1, 0.8))));

  // Proportional quotas by cumulative rounding: exact total, big domains get the most.
  let cumulative = 0;
  let given = 0;
  for (let d = 0; d < build.domains.length && given < covered; d++) {
    const size = build.v4Offsets[d + 1] - build.v4Offsets[d] + build.v6Offsets[d + 1] - build.v6Offsets[d];
    cumulative += size;
    const quota = Math.round((covered * cumulative) / total) - given;
    if (quota <= 0) continue;
    given += quota;
    const orgCount = 1 + Math.floor(Math.log2(1 + quota / 20));
    const orgs = Array.from({ length: orgCount }, () => orgOf(rng));
    const perOrg = new Map<number | string, string[]>();
    for (let k = 0; k < quota; k++) {
      const org = rng.pick(orgs);
      for (let attempt = 0; attempt < 50; attempt++) {
        const text = itemCidr(build, d, rng);
        const key = `${typeof org}:${org}\u0000${build.domains[d]}\u0000${normalCidr(text)}`;
        if (seen.has(key)) continue;
        seen.add(key);
        let list = perOrg.get(org);
        if (!list) perOrg.set(org, (list = []));
        list.push(text);
        made++;
        break;
      }
    }
    for (const [org, cidrs] of perOrg) groups.push({ org, domain: build.domains[d], cidrs });
  }
  // Domains the build does not have (uncovered-domain items).
  for (let k = 0; made < spec.items; k++) {
    const org = orgOf(rng);
    const domain = `unknown-${k.toString(36)}.example`;
    const cidrs: string[] = [];
    const want = Math.min(spec.items - made, 1 + rng.int(3));
    for (let j = 0; j < want; j++) {
      cidrs.push(`${formatIPv4(rng.range(1, 223) * 16777216 + rng.int(16777216))}`);
      made++;
    }
    groups.push({ org, domain, cidrs });
  }

  // Rows of 1–8 CIDRs of one (org, domain); 2 % repeat a CIDR with another comment (same item).
  const rows: FeedbackRow[] = [];
  const rowRng = rng.fork(7);
  const pending: Array<Omit<FeedbackRow, 'id'>> = [];
  const row = (org: number | string, domain: string, ips: string[]): Omit<FeedbackRow, 'id'> => ({
    suggestion_type: 'authenticity',
    suggestion: JSON.stringify({
      input_type: 'ip_list',
      matches: [
        { field: 'domain', value: [domain] },
        { field: 'ip', value: ips },
      ],
    }),
    context: JSON.stringify({ source: 'bench', domain }),
    organization_id: org,
    comments: rowRng.chance(0.3) ? rowRng.pick(COMMENTS) : '',
    created_at: new Date(Date.UTC(2016, 6, 1) + rowRng.int(60 * 86400) * 1000).toISOString(),
  });
  for (const g of groups) {
    for (let k = 0; k < g.cidrs.length; ) {
      const take = Math.min(g.cidrs.length - k, 1 + rowRng.int(8));
      pending.push(row(g.org, g.domain, g.cidrs.slice(k, k + take)));
      if (rowRng.chance(0.02)) pending.push(row(g.org, g.domain, [g.cidrs[k]]));
      k += take;
    }
  }
  const perm = new Uint32Array(pending.length).map((_, i) => i);
  shuffleRange(perm, 0, perm.length, rowRng);
  perm.forEach((p, i) => rows.push({ id: i + 1, ...pending[p] }));
  return { rows, items: made };
}

export function writeFeedback(feedback: GeneratedFeedback, path: string): number {
  const text = `${feedback.rows.map((r) => JSON.stringify(r)).join('\n')}\n`;
  fs.writeFileSync(path, text);
  return Buffer.byteLength(text);
}
