// Generates the demo workspace sources in snapshots/ (see snapshots/README.md):
//
//   npx tsx snapshots/generator/generate-demo.ts [--out DIR]
//
// Deterministic: one seeded PRNG (prng.ts), no clock, no Math.random; the same source gives
// the same files byte for byte (the deflate bytes depend on the zlib inside Node, the decoded
// content never does).

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type SenderModelDomain, writeSenderModelAvro } from '../../main/avro-writer/index';
import { CONTEXT, writeDemoContext } from './demo-context';
import { AUTH_CASES, COLORADOCYCLIST_IPS, REPUTATION_CASES, type CaseRow } from './notebook-cases';
import { Rng, round4, score6 } from './prng';
import { AUTH_COMMENTS, AUTH_COMMENTS_EU, type DomainKind, IDN_DOMAINS, makeDomain, REPUTATION_COMMENTS, UNTRUSTED_COMMENTS } from './words';

const SEED = 0x20160822;

export const BUILD_A = { id: 'sendermodels-2016-08-22_02:25:57', version: '2016-08-22_02:25:57', file: 'sendermodels-2016-08-22_02-25-57.avro' };
export const BUILD_B = { id: 'sendermodels-2016-08-29_02:31:12', version: '2016-08-29_02:31:12', file: 'sendermodels-2016-08-29_02-31-12.avro' };
export const REP_1 = { id: 'reputation-1472029516.15', file: 'reputation-1472029516.15.json' };
export const REP_2 = { id: 'reputation-1472634316.42', file: 'reputation-1472634316.42.json' };
export const FEEDBACK = { id: 'feedback-demo', file: 'feedback.jsonl' };
const THRESHOLD = 0.3;

// ---------------------------------------------------------------------------------------------
// Addresses

function v4(n: number): string {
  return `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

function parseV4(s: string): number {
  const p = s.split('.').map(Number);
  return ((p[0] << 24) | (p[1] << 16) | (p[2] << 8) | p[3]) >>> 0;
}

/** /16s of the notebook's stories: background domains do not get their own servers there. */
const RESERVED_16 = new Set([
  '209.17',
  '208.70',
  '198.2',
  '68.232',
  '66.231',
  '184.94',
  '169.54',
  '174.37',
  '208.87',
  '83.140',
  '69.63',
  '161.253',
  '103.28',
  '167.89',
  '203.55',
  '38.105',
  '198.37',
  '50.31',
  '67.216',
  '66.35',
  '103.245',
  '79.170',
  '149.169',
  '184.72',
  '52.90',
  '121.33',
  '159.140',
  '40.107',
  '104.47',
  '52.100',
  '64.94',
  '185.41',
]);

function randomPublic24(rng: Rng): number {
  for (;;) {
    const a = rng.int(2, 223);
    if ([10, 100, 127, 169, 172, 192, 198, 203, 224].includes(a)) continue;
    const b = rng.int(0, 255);
    if (RESERVED_16.has(`${a}.${b}`)) continue;
    return ((a << 24) | (b << 16) | (rng.int(0, 255) << 8)) >>> 0;
  }
}

const hex = (n: number): string => n.toString(16);

/** A documentation-space /48 (2001:db8::/32 or 3fff::/20), as three groups. */
function randomV6Site(rng: Rng): string {
  return rng.chance(0.7) ? `2001:db8:${hex(rng.int(0x100, 0xfffe))}` : `3fff:${hex(rng.int(0x1, 0xfff))}:${hex(rng.int(0x1, 0xfffe))}`;
}

/** An IPv6 address in full, upper-case, zero-padded form (normalises to the input). */
function v6Verbose(addr: string): string {
  const [head, tail = ''] = addr.split('::');
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = addr.includes('::') ? [...h, ...Array(8 - h.length - t.length).fill('0'), ...t] : h;
  return groups.map((g) => g.padStart(4, '0').toUpperCase()).join(':');
}

// ---------------------------------------------------------------------------------------------
// The world: domains, their infrastructure and their model entries

interface Entry {
  cidr: string;
  score: number | null;
  /** The domain really sends from here (analysts only mark these, mostly). */
  legit: boolean;
}

type Site = { v6: false; base: number } | { v6: true; p48: string };

interface Domain {
  /** Normalised ASCII name. */
  key: string;
  /** As the model writes it. */
  written: string;
  /** As analysts type it (Unicode for IDN). */
  typed: string;
  kind: DomainKind | 'esp' | 'case';
  sites: Site[];
  a: Entry[] | null;
  b: Entry[] | null;
  /** B is given (a notebook case or a designed edge case): not perturbed. */
  fixedB?: boolean;
  /** Part of a story: not dropped from B, no random model quirks. */
  protected?: boolean;
}

function asciiName(name: string): string {
  return new URL(`http://${name}`).hostname;
}

class World {
  readonly domains = new Map<string, Domain>();
  readonly used = new Set<string>();
  /** Per domain, addresses already used (so entries are distinct). */
  private readonly taken = new Map<string, Set<string>>();

  add(d: Domain): Domain {
    if (this.domains.has(d.key)) throw new Error(`duplicate domain ${d.key}`);
    this.domains.set(d.key, d);
    this.used.add(d.key);
    return d;
  }

  takenBy(key: string): Set<string> {
    let s = this.taken.get(key);
    if (!s) this.taken.set(key, (s = new Set()));
    return s;
  }
}

const ESP_DEFS = [
  { key: 'listmailer.net', v4: { first: parseV4('198.2.128.0'), count: 64 }, per24: [55, 80], slash24: [176, 151, 160, 171, 134, 144], slash28: 10, v6: 0 },
  { key: 'sendwave.io', v4: { first: parseV4('167.89.0.0'), count: 128 }, per24: [20, 30], slash24: [12, 40, 77, 98], slash28: 8, v6: 0 },
  { key: 'postcannon.com', v4: { first: parseV4('50.31.32.0'), count: 32 }, per24: [50, 64], slash24: [40, 47], slash28: 6, v6: 60 },
] as const;

/** Shared cloud mail relays (Office 365-like): many domains send from these /24s. */
function cloudSites(): number[] {
  const out: number[] = [];
  for (let i = 0; i < 24; i++) out.push(parseV4(`40.107.${i * 9 + 3}.0`));
  for (let i = 0; i < 12; i++) out.push(parseV4(`104.47.${i * 13 + 1}.0`));
  for (let i = 0; i < 8; i++) out.push(parseV4(`52.100.${i * 17 + 5}.0`));
  return out;
}

function newAddressIn(rng: Rng, site: Site, taken: Set<string>): string {
  for (let tries = 0; tries < 500; tries++) {
    const a = site.v6 ? `${site.p48}:${hex(rng.int(1, 0x40))}::${hex(rng.int(1, 0xfffe))}` : v4(site.base + rng.int(1, 254));
    if (!taken.has(a)) {
      taken.add(a);
      return a;
    }
  }
  throw new Error('site full');
}

function legitScore(rng: Rng, q: number): number {
  // A legitimate sender the model mostly gets right, and sometimes misses.
  return rng.chance(0.07) ? score6(rng.normal(0.17, 0.08)) : score6(rng.normal(q, 0.1));
}

function spoofScore(rng: Rng): number {
  return score6(Math.abs(rng.normal(0.06, 0.05)));
}

function buildBackground(world: World, rng: Rng): void {
  const cloud = cloudSites();
  const espSites: number[][] = [];
  for (const e of ESP_DEFS) {
    const s: number[] = [];
    for (let i = 0; i < e.v4.count; i++) s.push(e.v4.first + i * 256);
    espSites.push(s);
  }

  // ESP-like domains: thousands of entries, with /24 and /28 prefixes.
  for (const [i, e] of ESP_DEFS.entries()) {
    const r = rng.fork(`esp-${e.key}`);
    const entries: Entry[] = [];
    const taken = world.takenBy(e.key);
    const sites: Site[] = [];
    let slash28 = 0;
    for (const base of espSites[i]) {
      sites.push({ v6: false, base });
      const third = (base >>> 8) & 255;
      if ((e.slash24 as readonly number[]).includes(third)) {
        entries.push({ cidr: `${v4(base)}/24`, score: score6(r.normal(0.68, 0.06)), legit: true });
        continue;
      }
      if (slash28 < e.slash28 && r.chance(0.25)) {
        const sub = base + r.int(0, 15) * 16;
        entries.push({ cidr: `${v4(sub)}/28`, score: score6(r.normal(0.74, 0.08)), legit: true });
        for (let h = 0; h < 16; h++) taken.add(v4(sub + h));
        slash28++;
      }
      const n = r.int(e.per24[0], e.per24[1]);
      for (let k = 0; k < n; k++) entries.push({ cidr: newAddressIn(r, { v6: false, base }, taken), score: legitScore(r, 0.8), legit: true });
    }
    if (e.v6) {
      for (let k = 0; k < e.v6; k++) {
        const p48 = `2001:db8:5e${hex(0x10 + k)}`;
        sites.push({ v6: true, p48 });
        entries.push({ cidr: `${p48}:${hex(r.int(1, 0xff))}::/64`, score: score6(r.normal(0.7, 0.1)), legit: true });
        for (let j = r.int(2, 5); j > 0; j--) entries.push({ cidr: newAddressIn(r, { v6: true, p48 }, taken), score: legitScore(r, 0.78), legit: true });
      }
      entries.push({ cidr: '2001:db8:5eff::/48', score: 0.612044, legit: true });
    }
    for (let k = r.int(20, 40); k > 0; k--) {
      entries.push({ cidr: v4(randomPublic24(r) + r.int(1, 254)), score: spoofScore(r), legit: false });
    }
    world.add({ key: e.key, written: e.key, typed: e.key, kind: 'esp', sites, a: r.shuffle(entries), b: null });
  }

  // Ordinary senders.
  const kinds: (readonly [DomainKind, number])[] = [
    ['corp', 50],
    ['newsletter', 15],
    ['small', 20],
    ['edu', 5],
    ['gov', 2],
    ['assoc', 8],
  ];
  const names: { name: string; kind: DomainKind }[] = [];
  for (const idn of IDN_DOMAINS) names.push({ name: idn, kind: 'corp' });
  while (names.length < 2650) {
    const kind = rng.weighted(kinds);
    const name = makeDomain(rng, kind);
    if (world.used.has(name)) continue;
    world.used.add(name);
    names.push({ name, kind });
  }
  for (const { name, kind } of names) {
    const r = rng.fork(`dom-${name}`);
    const key = asciiName(name);
    const q = r.weighted([
      [0.86, 60],
      [0.72, 25],
      [0.52, 10],
      [0.32, 5],
    ] as const);
    const nEntries =
      kind === 'small'
        ? r.int(1, 4)
        : kind === 'edu' || kind === 'gov' || kind === 'assoc'
          ? r.int(1, 12)
          : kind === 'newsletter'
            ? r.int(5, 50)
            : r.weighted([
                [r.int(1, 5), 40],
                [r.int(6, 15), 35],
                [r.int(16, 30), 18],
                [r.int(31, 50), 7],
              ] as const);
    const sites: Site[] = [];
    const nSites = 1 + (nEntries > 8 ? r.int(0, 2) : 0);
    for (let s = 0; s < nSites; s++) {
      const src = r.weighted([
        ['own', 60],
        ['esp', kind === 'newsletter' ? 60 : 20],
        ['cloud', 15],
      ] as const);
      if (src === 'own') sites.push({ v6: false, base: randomPublic24(r) });
      else if (src === 'cloud') sites.push({ v6: false, base: r.pick(cloud) });
      else sites.push({ v6: false, base: r.pick(r.pick(espSites)) });
    }
    const hasV6 = (kind === 'corp' || kind === 'newsletter') && r.chance(0.09);
    if (hasV6) sites.push({ v6: true, p48: randomV6Site(r) });
    const taken = world.takenBy(key);
    const entries: Entry[] = [];
    const v4Sites = sites.filter((s) => !s.v6);
    for (let k = 0; k < nEntries; k++) {
      if (r.chance(0.1) && k > 0) {
        entries.push({ cidr: v4(randomPublic24(r) + r.int(1, 254)), score: spoofScore(r), legit: false });
      } else {
        const site = r.pick(v4Sites);
        entries.push({ cidr: newAddressIn(r, site, taken), score: legitScore(r, q), legit: true });
      }
    }
    if (r.chance(0.05) && v4Sites.length > 0) {
      const site = v4Sites[0];
      if (!site.v6) {
        const sub = site.base + r.int(0, 15) * 16;
        entries.push({ cidr: `${v4(sub)}/28`, score: score6(r.normal(q, 0.08)), legit: true });
      }
    }
    if (hasV6) {
      const site = sites[sites.length - 1];
      if (site.v6) {
        for (let j = r.int(1, 4); j > 0; j--) entries.push({ cidr: newAddressIn(r, site, taken), score: legitScore(r, q), legit: true });
        if (r.chance(0.5)) entries.push({ cidr: `${site.p48}:${hex(r.int(0x41, 0x80))}::/64`, score: score6(r.normal(q, 0.1)), legit: true });
        if (r.chance(0.12))
          entries.push({
            cidr: `${site.p48.replace(/[0-9a-f]+$/, (g) => hex((parseInt(g, 16) + 1) & 0xffff))}::/48`,
            score: score6(r.normal(q, 0.1)),
            legit: true,
          });
      }
    }
    world.add({ key, written: key, typed: name, kind, sites, a: entries, b: null });
  }
}

// ---------------------------------------------------------------------------------------------
// The notebook's cases and the designed edge cases

function buildCases(world: World, rng: Rng): void {
  for (const c of AUTH_CASES) {
    const r = rng.fork(`case-${c.domain}`);
    const taken = world.takenBy(c.domain);
    const a: Entry[] = [];
    const b: Entry[] = [];
    const sites: Site[] = [];
    for (const e of c.entries) {
      taken.add(e.ip);
      const base = (parseV4(e.ip) & 0xffffff00) >>> 0;
      if (!sites.some((s) => !s.v6 && s.base === base)) sites.push({ v6: false, base });
      if (e.a !== null) a.push({ cidr: e.ip, score: e.a, legit: true });
      if (e.b !== null) b.push({ cidr: e.ip, score: e.b, legit: true });
    }
    if (c.neighbours) {
      for (let k = 0; k < c.neighbours.count; k++) {
        const ip = newAddressIn(r, sites[k % sites.length], taken);
        const sa = score6(r.normal(c.neighbours.a, 0.04));
        const sb = score6(r.normal(c.neighbours.b, 0.04));
        a.push({ cidr: ip, score: sa, legit: true });
        b.push({ cidr: ip, score: sb, legit: true });
      }
    }
    if (c.others) {
      const own: Site = { v6: false, base: randomPublic24(r) };
      sites.push(own);
      for (let k = 0; k < c.others; k++) {
        const ip = newAddressIn(r, own, taken);
        const s = score6(r.normal(0.88, 0.06));
        a.push({ cidr: ip, score: s, legit: true });
        b.push({ cidr: ip, score: s, legit: true });
      }
    }
    world.add({
      key: c.domain,
      written: c.domain,
      typed: c.domain,
      kind: 'case',
      sites,
      a: c.inA === false ? null : r.shuffle(a),
      b: c.inB === false ? null : r.shuffle(b),
      fixedB: true,
      protected: true,
    });
  }

  // coloradocyclist.com (org 54): ~60 MailChimp-like addresses, mean 0.27 in A, better in B.
  {
    const r = rng.fork('coloradocyclist');
    const key = 'coloradocyclist.com';
    const taken = world.takenBy(key);
    for (const ip of COLORADOCYCLIST_IPS) taken.add(ip);
    const missingInA = new Set(['198.2.187.223', '198.2.139.167', '198.2.131.240']);
    const inA = COLORADOCYCLIST_IPS.filter((ip) => !missingInA.has(ip));
    const raw = inA.map(() => Math.min(0.58, Math.max(0.03, r.normal(0.27, 0.11))));
    const shift = 0.27 - raw.reduce((s, x) => s + x, 0) / raw.length;
    const aScore = new Map(inA.map((ip, i) => [ip, score6(raw[i] + shift)]));
    const a: Entry[] = [];
    const b: Entry[] = [];
    const over = inA.filter((ip) => (aScore.get(ip) ?? 0) > 0.3);
    const under = inA.filter((ip) => (aScore.get(ip) ?? 1) <= 0.3);
    const stillUnder = new Set(under.slice(0, 4));
    const same = new Set(under.slice(4, 6));
    const regressed = new Set(over.slice(0, 1));
    for (const ip of COLORADOCYCLIST_IPS) {
      const sa = aScore.get(ip);
      if (sa !== undefined) a.push({ cidr: ip, score: sa, legit: true });
      let sb: number;
      if (sa === undefined) sb = score6(r.normal(0.7, 0.08));
      else if (same.has(ip)) sb = sa;
      else if (stillUnder.has(ip)) sb = score6(Math.min(0.29, sa + 0.02 + r.next() * 0.05));
      else if (regressed.has(ip)) sb = 0.241873;
      else sb = score6(Math.max(0.36, r.normal(0.64, 0.12)));
      b.push({ cidr: ip, score: sb, legit: true });
    }
    const sites: Site[] = [];
    for (const ip of COLORADOCYCLIST_IPS) {
      const base = (parseV4(ip) & 0xffffff00) >>> 0;
      if (!sites.some((s) => !s.v6 && s.base === base)) sites.push({ v6: false, base });
    }
    for (let k = 0; k < 22; k++) {
      const ip = newAddressIn(r, sites[k % sites.length], taken);
      a.push({ cidr: ip, score: score6(r.normal(0.3, 0.08)), legit: true });
      b.push({ cidr: ip, score: score6(r.normal(0.62, 0.1)), legit: true });
    }
    const own: Site = { v6: false, base: randomPublic24(r) };
    sites.push(own);
    for (let k = 0; k < 3; k++) {
      const ip = newAddressIn(r, own, taken);
      a.push({ cidr: ip, score: 0.9 + k * 0.01, legit: true });
      b.push({ cidr: ip, score: 0.9 + k * 0.01, legit: true });
    }
    world.add({ key, written: key, typed: key, kind: 'case', sites, a: r.shuffle(a), b: r.shuffle(b), fixedB: true, protected: true });
  }

  // bankofamerica.com: the notebook looked up 121.33.38.170 (a spoofer) in it.
  {
    const r = rng.fork('bankofamerica');
    const key = 'bankofamerica.com';
    const taken = world.takenBy(key);
    const sites: Site[] = [
      { v6: false, base: parseV4('171.161.160.0') },
      { v6: false, base: parseV4('171.159.228.0') },
    ];
    const a: Entry[] = [];
    for (let k = 0; k < 44; k++) a.push({ cidr: newAddressIn(r, sites[k % 2], taken), score: score6(r.normal(0.9, 0.05)), legit: true });
    a.push({ cidr: '121.33.38.170', score: 0.018311, legit: false });
    world.add({ key, written: key, typed: key, kind: 'case', sites, a, b: null, protected: true });
  }

  // pacificskymortgage.com: the notebook's first look-up; nothing wrong with it.
  {
    const key = 'pacificskymortgage.com';
    const sites: Site[] = [{ v6: false, base: parseV4('192.254.114.0') }];
    const a: Entry[] = [
      { cidr: '192.254.114.131', score: 0.874012, legit: true },
      { cidr: '192.254.114.132', score: 0.861577, legit: true },
      { cidr: '205.201.133.24', score: 0.792346, legit: true },
    ];
    world.add({ key, written: key, typed: key, kind: 'case', sites, a, b: null, protected: true });
  }

  // Exactly at the cutoff: one entry of 0.3; and a /28 whose two entries 0.2 and 0.4 average
  // to 0.30000000000000004 (at the cutoff within 1e-9).
  world.add({
    key: 'keystonepayroll.com',
    written: 'keystonepayroll.com',
    typed: 'keystonepayroll.com',
    kind: 'case',
    sites: [{ v6: false, base: parseV4('64.94.12.0') }],
    a: [
      { cidr: '64.94.12.30', score: 0.3, legit: true },
      { cidr: '64.94.12.31', score: 0.912554, legit: true },
    ],
    b: [
      { cidr: '64.94.12.30', score: 0.3, legit: true },
      { cidr: '64.94.12.31', score: 0.912554, legit: true },
    ],
    fixedB: true,
    protected: true,
  });
  world.add({
    key: 'meridianfreight.com',
    written: 'meridianfreight.com',
    typed: 'meridianfreight.com',
    kind: 'case',
    sites: [{ v6: false, base: parseV4('185.41.7.0') }],
    a: [
      { cidr: '185.41.7.68', score: 0.2, legit: true },
      { cidr: '185.41.7.75', score: 0.4, legit: true },
      { cidr: '185.41.7.130', score: 0.884117, legit: true },
    ],
    b: [
      { cidr: '185.41.7.68', score: 0.2, legit: true },
      { cidr: '185.41.7.75', score: 0.4, legit: true },
      { cidr: '185.41.7.130', score: 0.884117, legit: true },
    ],
    fixedB: true,
    protected: true,
  });
}

// ---------------------------------------------------------------------------------------------
// Build B: most domains unchanged; some rescored, churned, regressed, improved, dropped; a few new

interface BStats {
  same: number;
  rescore: number;
  churn: number;
  regress: number;
  improve: number;
  drop: number;
  added: number;
}

function deriveB(world: World, rng: Rng, newDomainsForB: Domain[]): BStats {
  const st: BStats = { same: 0, rescore: 0, churn: 0, regress: 0, improve: 0, drop: 0, added: 0 };
  for (const d of world.domains.values()) {
    if (d.fixedB) continue;
    const r = rng.fork(`b-${d.key}`);
    const a = d.a;
    if (!a) continue;
    if (d.kind === 'esp') {
      d.b = a.map((e) => (r.chance(0.04) && e.score !== null ? { ...e, score: score6(e.score + r.normal(0, 0.05)) } : { ...e }));
      st.rescore++;
      continue;
    }
    const fate = r.weighted([
      ['same', 80],
      ['rescore', 11],
      ['churn', 4.5],
      ['regress', 2],
      ['improve', 1.3],
      ['drop', d.protected ? 0 : 0.6],
    ] as const);
    st[fate]++;
    switch (fate) {
      case 'same':
        d.b = a.map((e) => ({ ...e }));
        break;
      case 'rescore':
        d.b = a.map((e) => (e.score === null ? { ...e } : { ...e, score: score6(e.score + r.normal(0, 0.07)) }));
        break;
      case 'churn': {
        const keep = a.filter(() => !r.chance(0.2)).map((e) => ({ ...e }));
        const taken = world.takenBy(d.key);
        const v4Sites = d.sites.filter((s) => !s.v6);
        for (let k = r.int(1, 3); k > 0 && v4Sites.length > 0; k--) {
          keep.push({ cidr: newAddressIn(r, r.pick(v4Sites), taken), score: legitScore(r, 0.8), legit: true });
        }
        d.b = keep.length > 0 ? keep : a.map((e) => ({ ...e }));
        break;
      }
      case 'regress': {
        // A new feature penalises one of the domain's /24s.
        const site = r.pick(d.sites);
        d.b = a.map((e) => (e.score !== null && inSite(e.cidr, site) ? { ...e, score: score6(e.score * 0.35) } : { ...e }));
        break;
      }
      case 'improve':
        d.b = a.map((e) => (e.legit && e.score !== null && e.score < 0.4 ? { ...e, score: score6(0.55 + r.next() * 0.35) } : { ...e }));
        break;
      case 'drop':
        d.b = null;
        break;
    }
  }
  for (const d of newDomainsForB) {
    st.added++;
    d.fixedB = true;
  }
  return st;
}

function inSite(cidr: string, site: Site): boolean {
  if (site.v6) return cidr.startsWith(`${site.p48}:`);
  if (cidr.includes(':')) return false;
  const ip = parseV4(cidr.split('/')[0]);
  return (ip & 0xffffff00) >>> 0 === site.base;
}

// ---------------------------------------------------------------------------------------------
// Feedback rows

type OrgId = number | string;

interface FeedbackRow {
  at: number; // ms since epoch
  seq: number; // tie-break
  org: OrgId;
  suggestion: string;
  context: string;
  comments: string | null;
  type: 'authenticity' | 'reputation';
}

const ORGS: { id: OrgId; rows: number; eu?: boolean }[] = [
  { id: 1, rows: 150 },
  { id: 3, rows: 50 },
  { id: 7, rows: 110 },
  { id: 12, rows: 140 },
  { id: 19, rows: 60 },
  { id: 23, rows: 100 },
  { id: 31, rows: 90 },
  { id: 38, rows: 80 },
  { id: 45, rows: 70 },
  { id: 54, rows: 260 },
  { id: 56, rows: 180 },
  { id: 58, rows: 45 },
  { id: 61, rows: 120 },
  { id: 64, rows: 200 },
  { id: 66, rows: 25 },
  { id: 67, rows: 25 },
  { id: 69, rows: 15 },
  { id: 72, rows: 40 },
  { id: 77, rows: 30 },
  { id: 'acme-eu', rows: 60, eu: true },
];

const T0 = Date.UTC(2016, 1, 1); // 2016-02-01
const T1 = Date.UTC(2016, 7, 28, 23); // 2016-08-28 23:00

const VIEWS = ['receiver-domain', 'messages', 'sender-inventory', 'receiver-ip'];

function py(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return JSON.stringify(v).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error('non-finite number');
    return String(v);
  }
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (Array.isArray(v)) return `[${v.map(py).join(', ')}]`;
  if (v instanceof Map) return `{${[...v].map(([k, x]) => `${py(String(k))}: ${py(x)}`).join(', ')}}`;
  return `{${Object.entries(v as Record<string, unknown>)
    .map(([k, x]) => `${py(k)}: ${py(x)}`)
    .join(', ')}}`;
}

function authSuggestion(domain: string, ips: string[], inputType = 'ip_list'): string {
  return py({
    input_type: inputType,
    matches: [
      { field: 'domain', value: [domain] },
      { field: 'ip', value: ips },
    ],
  });
}

function repSuggestion(domain: string, label: string): string {
  return py({ label, matches: [{ field: 'domain', value: [domain] }] });
}

function context(rng: Rng, org: OrgId, view: string): string {
  return py({ source: 'ep-ui', view, user_id: 1000 + rng.int(0, 899), org_name: `org-${org}` });
}

/** How an analyst may type a domain: mostly as is; sometimes upper-case, a trailing dot, spaces. */
function typedVariant(rng: Rng, d: Domain): string {
  const t = d.typed;
  return rng.weighted([
    [t, 92],
    [t.toUpperCase(), 2],
    [`${t.charAt(0).toUpperCase()}${t.slice(1)}`, 2],
    [`${t}.`, 2],
    [` ${t} `, 1],
    [`${t.toUpperCase()}.`, 1],
  ] as const);
}

function formatV4(rng: Rng, ip: string): string {
  return rng.chance(0.07) ? `${ip}/32` : ip;
}

function formatV6(rng: Rng, ip: string): string {
  return rng.weighted([
    [ip, 85],
    [v6Verbose(ip), 8],
    [ip.toUpperCase(), 4],
    [`${ip}/128`, 3],
  ] as const);
}

function formatAddr(rng: Rng, ip: string): string {
  return ip.includes(':') ? formatV6(rng, ip) : formatV4(rng, ip);
}

function addressInside(rng: Rng, cidr: string): string {
  const [base, lenText] = cidr.split('/');
  const len = Number(lenText);
  if (!base.includes(':')) {
    const size = 2 ** (32 - len);
    return v4(parseV4(base) + rng.int(1, size - 2));
  }
  const prefix = base.replace(/::$/, '');
  if (len === 64) return `${prefix}::${hex(rng.int(1, 0xffff))}:${hex(rng.int(1, 0xffff))}`;
  return `${prefix}:${hex(rng.int(1, 0xfff))}::${hex(rng.int(1, 0xffff))}`; // /48
}

function chooseIps(rng: Rng, d: Domain): string[] {
  const out: string[] = [];
  const add = (s: string): void => {
    if (!out.includes(s)) out.push(s);
  };
  const entries = d.a ?? d.b ?? [];
  const singles = entries.filter((e) => e.legit && !e.cidr.includes('/'));
  const prefixes = entries.filter((e) => e.cidr.includes('/'));
  const spoofs = entries.filter((e) => !e.legit);
  if (d.kind === 'esp') {
    // ESP customers list a few addresses, often inside the ESP's prefixes.
    for (let k = rng.int(1, 4); k > 0; k--) {
      if (prefixes.length > 0 && rng.chance(0.45)) add(addressInside(rng, rng.pick(prefixes).cidr));
      else if (singles.length > 0) add(formatAddr(rng, rng.pick(singles).cidr));
    }
    if (rng.chance(0.1)) {
      const p = rng.pick(prefixes).cidr;
      if (!p.includes(':') && p.endsWith('/24')) add(`${addressInside(rng, p).replace(/\.\d+$/, '.0')}/28`);
    }
    return out;
  }
  if (singles.length > 0) {
    const k = rng.weighted([
      [1, 40],
      [2, 25],
      [3, 15],
      [rng.int(4, 8), 20],
    ] as const);
    for (const e of rng.sample(singles, k)) add(formatAddr(rng, e.cidr));
  }
  if (prefixes.length > 0 && rng.chance(0.6)) {
    const p = rng.pick(prefixes).cidr;
    add(rng.chance(0.2) ? p : addressInside(rng, p));
  }
  const v4Singles = singles.filter((e) => !e.cidr.includes(':'));
  if (v4Singles.length > 0 && rng.chance(0.08)) {
    // A whole range: the analyst's /24 or /28, sometimes with the host bits left in.
    const ip = parseV4(rng.pick(v4Singles).cidr);
    const len = rng.chance(0.6) ? 24 : 28;
    const mask = len === 24 ? 0xffffff00 : 0xfffffff0;
    add(rng.chance(0.4) ? `${v4(ip)}/${len}` : `${v4((ip & mask) >>> 0)}/${len}`);
  }
  const v4Sites = d.sites.filter((s) => !s.v6);
  if (v4Sites.length > 0 && rng.chance(0.08)) {
    // Addresses the model has not seen for this domain.
    const site = rng.pick(v4Sites);
    const seen = new Set(entries.map((e) => e.cidr));
    for (let k = rng.int(1, 2); k > 0; k--) {
      const ip = site.v6 ? '' : v4(site.base + rng.int(1, 254));
      if (ip && !seen.has(ip)) add(ip);
    }
  }
  if (spoofs.length > 0 && rng.chance(0.03)) add(rng.pick(spoofs).cidr);
  const v6Site = d.sites.find((s) => s.v6);
  if (v6Site?.v6 && rng.chance(0.25)) {
    add(rng.chance(0.5) ? `${v6Site.p48}::/48` : `${v6Site.p48}:${hex(rng.int(1, 0x40))}::/64`);
  }
  if (out.length === 0) {
    const site = d.sites.length > 0 ? rng.pick(d.sites) : ({ v6: false, base: randomPublic24(rng) } as Site);
    add(site.v6 ? `${site.p48}:7::${hex(rng.int(1, 0xffff))}` : v4(site.base + rng.int(1, 254)));
  }
  return out;
}

function pickComment(rng: Rng, eu: boolean | undefined): string | null {
  const r = rng.next();
  if (r < 0.03) return null;
  if (r < 0.09) return '';
  return eu && rng.chance(0.6) ? rng.pick(AUTH_COMMENTS_EU) : rng.pick(AUTH_COMMENTS);
}

function randomTime(rng: Rng): number {
  return T0 + Math.floor(rng.next() * (T1 - T0));
}

interface FeedbackResult {
  rows: FeedbackRow[];
  /** (org, domain) pairs of trusted reputation feedback, for the reputation builds. */
  trusted: { org: OrgId; key: string; cover: 'scored' | 'uncovered-org' | 'uncovered-domain' }[];
  untrusted: { org: OrgId; key: string }[];
  orgDomains: Map<OrgId, Domain[]>;
  badRows: { at: number; describe: string }[];
}

function buildFeedback(world: World, rng: Rng, unknownDomains: Domain[]): FeedbackResult {
  const rows: FeedbackRow[] = [];
  let seq = 0;
  const push = (r: Omit<FeedbackRow, 'seq'>): void => {
    rows.push({ ...r, seq: seq++ });
  };
  const ctxRng = rng.fork('context');
  const inA = [...world.domains.values()].filter((d) => d.a !== null && d.kind !== 'case');
  const esp = inA.filter((d) => d.kind === 'esp');
  const kindWeight: Record<string, number> = { corp: 4, newsletter: 3, small: 1, edu: 1, gov: 0.5, assoc: 1.5, esp: 0 };
  const orgDomains = new Map<OrgId, Domain[]>();

  for (const org of ORGS) {
    const r = rng.fork(`org-${org.id}`);
    const nDomains = Math.max(5, Math.round(org.rows * 0.4));
    const pool: Domain[] = [];
    while (pool.length < nDomains) {
      const x = r.next();
      let d: Domain;
      if (x < 0.05) d = r.pick(unknownDomains);
      else if (x < 0.07) d = r.pick(esp);
      else {
        d = r.pick(inA);
        if (r.next() * 4 > kindWeight[d.kind]) continue;
      }
      if (!pool.includes(d)) pool.push(d);
    }
    orgDomains.set(org.id, pool);
    // Zipf-like: a few domains get many rows.
    const weights = pool.map((d, i) => [d, 1 / (i + 1)] as const);
    const made: { at: number; d: Domain; ips: string[] }[] = [];
    for (let k = 0; k < org.rows; k++) {
      const d = k < pool.length ? pool[k] : r.weighted(weights);
      const ips = chooseIps(r, d);
      const at = randomTime(r);
      made.push({ at, d, ips });
      push({
        at,
        org: org.id,
        suggestion: authSuggestion(typedVariant(r, d), ips),
        context: context(ctxRng, org.id, r.pick(VIEWS)),
        comments: pickComment(r, org.eu),
        type: 'authenticity',
      });
    }
    // Repeats: the same addresses again, later, with other words.
    for (const m of r.sample(made, Math.round(org.rows * 0.03) + 1)) {
      const ips = r.sample(m.ips, r.int(1, m.ips.length));
      const later = m.at + r.int(3600_000, 30 * 86400_000);
      push({
        at: later <= T1 ? later : m.at + Math.floor((T1 - m.at) * r.next()),
        org: org.id,
        suggestion: authSuggestion(typedVariant(r, m.d), ips),
        context: context(ctxRng, org.id, r.pick(VIEWS)),
        comments: r.pick([
          'still flagged as spoofs',
          'Re-submitting, these are ours',
          'Please fix, see earlier feedback',
          'again - legit sender',
          'Any update on this?',
        ]),
        type: 'authenticity',
      });
    }
  }

  // The notebook's cases.
  const caseRow = (org: OrgId, domain: string, row: CaseRow): void => {
    push({
      at: Date.parse(row.at),
      org,
      suggestion: authSuggestion(row.domainAs ?? domain, row.ips),
      context: context(ctxRng, org, 'messages'),
      comments: row.comments,
      type: 'authenticity',
    });
  };
  for (const c of AUTH_CASES) for (const row of c.rows) caseRow(c.org, c.domain, row);
  const cc = COLORADOCYCLIST_IPS;
  caseRow(54, 'coloradocyclist.com', {
    at: '2016-07-05T16:10:42.118Z',
    ips: cc.slice(0, 38),
    comments: 'Our email newsletter is sent from MailChimp - these are their IPs',
  });
  caseRow(54, 'coloradocyclist.com', {
    at: '2016-07-19T18:26:03.580Z',
    ips: [...cc.slice(38), cc[0], cc[5], cc[17]],
    comments: 'More MailChimp IPs for the weekly deals email',
  });
  caseRow(54, 'coloradocyclist.com', {
    at: '2016-08-09T14:02:19.746Z',
    ips: [cc[2], cc[9], cc[23], cc[40]],
    comments: 'These are STILL getting flagged as spoofs, please fix!!',
  });
  caseRow(54, 'coloradocyclist.com', {
    at: '2016-08-10T09:45:51.003Z',
    ips: ['198.2.190.0/24'],
    comments: 'The whole 198.2.190.x range is MailChimp',
    domainAs: 'ColoradoCyclist.com',
  });
  caseRow(12, 'pacificskymortgage.com', {
    at: '2016-05-17T21:33:08.455Z',
    ips: ['192.254.114.131', '192.254.114.132'],
    comments: 'Loan status emails (hosted)',
  });
  caseRow(7, 'bankofamerica.com', {
    at: '2016-04-11T13:20:00.917Z',
    ips: ['171.161.160.17/28', '171.159.228.0/24'],
    comments: 'BofA treasury services notifications',
  });
  caseRow(23, 'keystonepayroll.com', { at: '2016-06-02T12:00:31.274Z', ips: ['64.94.12.30'], comments: 'Payroll notices' });
  caseRow(31, 'meridianfreight.com', { at: '2016-06-15T08:41:12.660Z', ips: ['185.41.7.70/28'], comments: 'Freight tracking updates (their /28)' });
  caseRow(12, 'listmailer.net', { at: '2016-05-30T19:12:45.990Z', ips: ['198.2.176.19', '198.2.176.0/28'], comments: 'Our ESP, shared IP pool' });
  {
    const d = world.domains.get('xn--bcher-kva.example') as Domain;
    const ip = (d.a ?? []).find((e) => e.legit && !e.cidr.includes('/'))?.cidr ?? '192.0.2.1';
    caseRow(23, d.key, { at: '2016-06-08T10:05:00.000Z', ips: [ip], comments: 'Buchversand (our shop)', domainAs: 'Bücher.Example.' });
  }

  // The notebook's reputation cases and background reputation feedback.
  const trusted: FeedbackResult['trusted'] = [];
  const untrusted: FeedbackResult['untrusted'] = [];
  for (const c of REPUTATION_CASES) {
    push({
      at: Date.parse(c.at),
      org: c.org,
      suggestion: repSuggestion(c.domainAs ?? c.domain, c.label),
      context: context(ctxRng, c.org, 'domain-reputation'),
      comments: c.comments,
      type: 'reputation',
    });
  }
  const allDomains = [...world.domains.values()].filter((d) => d.kind !== 'case' && d.kind !== 'esp');
  for (const org of ORGS) {
    const r = rng.fork(`rep-${org.id}`);
    const pool = orgDomains.get(org.id) ?? [];
    const n = Math.round(org.rows * 0.15) + r.int(1, 4);
    const chosen: Domain[] = [];
    for (let k = 0; k < n; k++) {
      const d = r.chance(0.7) && pool.length > 0 ? r.pick(pool) : r.pick(allDomains);
      const at = randomTime(r);
      push({
        at,
        org: org.id,
        suggestion: repSuggestion(typedVariant(r, d), 'trusted'),
        context: context(ctxRng, org.id, 'domain-reputation'),
        comments: r.pick(REPUTATION_COMMENTS),
        type: 'reputation',
      });
      if (!chosen.includes(d)) {
        chosen.push(d);
        const cover = r.weighted([
          ['scored', 86],
          ['uncovered-org', 7],
          ['uncovered-domain', 7],
        ] as const);
        trusted.push({ org: org.id, key: d.key, cover });
      }
    }
    for (let k = r.int(1, 3); k > 0; k--) {
      const d = r.pick(allDomains);
      const look = `${d.key.split('.')[0].replace(/o/, '0').replace(/l/, '1')}-secure.${r.pick(['com', 'net', 'info'])}`;
      push({
        at: randomTime(r),
        org: org.id,
        suggestion: repSuggestion(look, 'untrusted'),
        context: context(ctxRng, org.id, 'domain-reputation'),
        comments: r.pick(UNTRUSTED_COMMENTS),
        type: 'reputation',
      });
      untrusted.push({ org: org.id, key: look });
    }
  }

  // Rows the import must report (or skip) without stopping.
  const badRows: FeedbackResult['badRows'] = [];
  const bad = (iso: string, org: OrgId, type: FeedbackRow['type'], suggestion: string, comments: string | null, describe: string): void => {
    const at = Date.parse(iso);
    push({ at, org, suggestion, context: context(ctxRng, org, 'messages'), comments, type });
    badRows.push({ at, describe });
  };
  bad(
    '2016-04-19T15:03:27.511Z',
    7,
    'authenticity',
    '{"input_type": "ip_list", "matches": [{"field": "domain", "value": ["eastonlabs.com"]}, {"field": "ip", "value": ["64.12.',
    'Payroll vendor',
    'unparseable suggestion JSON (truncated)',
  );
  bad(
    '2016-05-03T09:27:14.002Z',
    12,
    'authenticity',
    py({ input_type: 'ip_list', matches: [{ field: 'ip', value: ['23.45.67.89'] }] }),
    'forgot the domain',
    'no domain field',
  );
  bad(
    '2016-06-13T11:18:40.665Z',
    45,
    'authenticity',
    py({
      input_type: 'ip_list',
      matches: [
        { field: 'domain', value: [''] },
        { field: 'ip', value: ['23.45.67.90'] },
      ],
    }),
    null,
    'empty domain',
  );
  const some = rng.pick(
    inA.filter((d) => d.kind === 'corp' && /^[a-z0-9.-]+$/.test(d.typed) && (d.a ?? []).some((e) => e.legit && !e.cidr.includes('/') && !e.cidr.includes(':'))),
  );
  const goodIp = (some.a ?? []).find((e) => e.legit && !e.cidr.includes('/') && !e.cidr.includes(':'))?.cidr ?? '192.0.2.1';
  bad(
    '2016-07-07T16:51:09.338Z',
    58,
    'authenticity',
    authSuggestion(some.typed, ['999.1.1.1', '10.0.0.0/33', goodIp]),
    'pasted from our spreadsheet',
    'invalid IPs 999.1.1.1 and 10.0.0.0/33 (the third address is kept)',
  );
  bad(
    '2016-08-16T20:40:55.120Z',
    3,
    'authenticity',
    authSuggestion(some.typed, ['172.16.4.300', '2001:db8::g1']),
    'new relays',
    'invalid IPs 172.16.4.300 and 2001:db8::g1 (no valid address left)',
  );
  bad(
    '2016-03-22T10:00:12.480Z',
    1,
    'authenticity',
    py({ input_type: 'domain_list', matches: [{ field: 'domain', value: ['northbank.com', 'northbank-online.com'] }] }),
    'our domains',
    'input_type domain_list (skipped)',
  );
  bad(
    '2016-07-26T13:14:15.161Z',
    64,
    'authenticity',
    py({
      input_type: 'domain_list',
      matches: [
        { field: 'domain', value: ['mdanderson.org'] },
        { field: 'ip', value: ['161.253.198.23'] },
      ],
    }),
    '',
    'input_type domain_list (skipped)',
  );
  bad(
    '2016-05-25T17:45:30.909Z',
    38,
    'reputation',
    '{"label": "trusted", "matches": [{"field": "domain", "value": ["summitpartners.com"]}',
    'Partner',
    'unparseable reputation suggestion JSON',
  );
  bad('2016-06-28T12:30:00.456Z', 19, 'reputation', py({ label: 'trusted', matches: [] }), null, 'reputation row without a domain');
  return { rows, trusted, untrusted, orgDomains, badRows };
}

// ---------------------------------------------------------------------------------------------
// Reputation builds

type OrgMap = Map<string, unknown[]>;

const REP_OTHER_ORGS = ['5', '9', '14', '27', '81', '90', '102', '115'];

function riskReasons(rng: Rng, risk: number, d: Domain | undefined): unknown[] {
  if (risk < 0.3) return rng.chance(0.2) ? ['low_volume'] : [];
  if (risk < 0.65) return [rng.pick(['no_dmarc', 'dmarc_p_none', 'low_volume', 'inconsistent_volume', 'new_registration'])];
  const out: unknown[] = [];
  if (d?.kind === 'gov') out.push('popup', { rule: 'gov_popup' });
  const n = rng.int(1, 3);
  for (const r of rng.sample(['cousin_domain', 'popup', 'new_registration', 'no_dmarc', 'spf_fail'], n)) if (!out.includes(r)) out.push(r);
  if (rng.chance(0.15))
    out.push(
      rng.pick([
        { rule: 'young_domain', days: rng.int(2, 40) },
        { feature: 'consistency', value: round4(rng.next() * 0.3) },
      ]),
    );
  return out;
}

function trustedRisk(rng: Rng, d: Domain | undefined): unknown[] {
  const band = rng.weighted([
    ['low', 72],
    ['mid', 16],
    ['high', 12],
  ] as const);
  const risk = band === 'low' ? round4(0.02 + rng.next() * 0.27) : band === 'mid' ? round4(0.31 + rng.next() * 0.33) : round4(0.71 + rng.next() * 0.25);
  return [risk, ...riskReasons(rng, risk, d)];
}

function generalRisk(rng: Rng, d: Domain | undefined): unknown[] {
  const risk = round4(
    rng.weighted([
      [0.02 + rng.next() * 0.3, 55],
      [0.3 + rng.next() * 0.4, 25],
      [0.7 + rng.next() * 0.29, 20],
    ] as const),
  );
  return [risk, ...riskReasons(rng, risk, d)];
}

function orgKey(org: OrgId): string {
  return String(org);
}

function sortOrgMap(m: OrgMap): OrgMap {
  const keys = [...m.keys()].sort((x, y) => {
    const nx = /^\d+$/.test(x);
    const ny = /^\d+$/.test(y);
    if (nx && ny) return Number(x) - Number(y);
    if (nx !== ny) return nx ? -1 : 1;
    return x < y ? -1 : x > y ? 1 : 0;
  });
  return new Map(keys.map((k) => [k, m.get(k) as unknown[]]));
}

function buildReputation(world: World, rng: Rng, fb: FeedbackResult): { r1: Map<string, OrgMap>; r2: Map<string, OrgMap> } {
  const r1 = new Map<string, OrgMap>();
  const absent = new Set<string>();
  const r = rng.fork('rep1');
  const mapOf = (key: string): OrgMap => {
    let m = r1.get(key);
    if (!m) r1.set(key, (m = new Map()));
    return m;
  };
  const orgIds = ORGS.map((o) => orgKey(o.id));
  // Domains trusted by someone but absent from the builds.
  for (const t of fb.trusted) if (t.cover === 'uncovered-domain') absent.add(t.key);
  for (const t of fb.trusted) if (t.cover !== 'uncovered-domain') absent.delete(t.key);
  for (const t of fb.trusted) {
    if (absent.has(t.key)) continue;
    const m = mapOf(t.key);
    const d = world.domains.get(t.key);
    if (t.cover === 'scored') m.set(orgKey(t.org), trustedRisk(r, d));
  }
  // Every domain in the build has at least one org; uncovered-org domains get others.
  for (const [key, m] of r1) {
    const trustedHere = new Set(fb.trusted.filter((t) => t.key === key && t.cover !== 'scored').map((t) => orgKey(t.org)));
    for (let k = r.int(m.size === 0 ? 1 : 0, 2); k > 0; k--) {
      const o = r.chance(0.6) ? r.pick(REP_OTHER_ORGS) : r.pick(orgIds);
      if (!m.has(o) && !trustedHere.has(o)) m.set(o, generalRisk(r, world.domains.get(key)));
    }
    if (m.size === 0) m.set(r.pick(REP_OTHER_ORGS), generalRisk(r, world.domains.get(key)));
  }
  // Filler: most of the sender-model domains, for orgs at random.
  const trustedPairs = new Set(fb.trusted.map((t) => `${orgKey(t.org)} ${t.key}`));
  for (const d of world.domains.values()) {
    if (absent.has(d.key) || r1.has(d.key) || !r.chance(0.7)) continue;
    const m = mapOf(d.key);
    for (let k = r.int(1, 3); k > 0; k--) {
      const o = r.chance(0.5) ? r.pick(REP_OTHER_ORGS) : r.pick(orgIds);
      if (!trustedPairs.has(`${o} ${d.key}`)) m.set(o, generalRisk(r, d));
    }
    if (m.size === 0) m.set(r.pick(REP_OTHER_ORGS), generalRisk(r, d));
  }
  // Other EC2 alert senders ("we've seen a lot of XXXX.ec2.internal domains").
  for (let k = 0; k < 14; k++) {
    const key = `ip-172-31-${r.int(0, 63)}-${r.int(1, 254)}.ec2.internal`;
    mapOf(key).set(r.pick(['69', '5', '27', '81', '12']), [round4(0.78 + r.next() * 0.15), 'new_registration', 'no_dmarc']);
  }
  // Untrusted lookalikes are mostly known as risky.
  for (const u of fb.untrusted) if (r.chance(0.7)) mapOf(u.key).set(orgKey(u.org), [round4(0.85 + r.next() * 0.14), 'cousin_domain', 'new_registration']);
  // The notebook's cases.
  for (const c of REPUTATION_CASES) {
    r1.delete(c.domain);
    if (c.r1 === 'absent') continue;
    const m = mapOf(c.domain);
    for (const [o, v] of Object.entries(c.otherOrgs ?? {})) m.set(o, v);
    if (c.r1 !== null) m.set(orgKey(c.org), c.r1);
  }

  // Build 2.
  const r2 = new Map<string, OrgMap>();
  const s = rng.fork('rep2');
  const caseDomains = new Set(REPUTATION_CASES.map((c) => c.domain));
  for (const [key, m] of r1) {
    if (caseDomains.has(key)) continue;
    const fate = s.weighted([
      ['same', 86],
      ['jitter', 8],
      ['improve', 2],
      ['worsen', 2],
      ['drop', 1],
      ['addorg', 1],
    ] as const);
    if (fate === 'drop') continue;
    const m2: OrgMap = new Map();
    for (const [o, v] of m) {
      const risk = v[0] as number;
      if (fate === 'jitter') m2.set(o, [round4(Math.max(0.0001, risk + s.normal(0, 0.04))), ...v.slice(1)]);
      else if (fate === 'improve' && risk > 0.5) m2.set(o, [round4(0.1 + s.next() * 0.15)]);
      else if (fate === 'worsen') {
        const nr = round4(0.72 + s.next() * 0.2);
        m2.set(o, [nr, ...riskReasons(s, nr, world.domains.get(key))]);
      } else m2.set(o, v);
    }
    if (fate === 'addorg') {
      const t = fb.trusted.find((x) => x.key === key && x.cover === 'uncovered-org');
      const o = t ? orgKey(t.org) : s.pick(REP_OTHER_ORGS);
      m2.set(o, [round4(0.05 + s.next() * 0.2)]);
    }
    r2.set(key, m2);
  }
  for (let k = 0; k < 30; k++) {
    const d = s.pick([...world.domains.values()]);
    if (r2.has(d.key) || d.kind === 'case') continue;
    r2.set(d.key, new Map([[s.pick(REP_OTHER_ORGS), generalRisk(s, d)]]));
  }
  for (const c of REPUTATION_CASES) {
    if (c.r2 === 'absent') continue;
    const m = new Map<string, unknown[]>();
    for (const [o, v] of Object.entries(c.otherOrgs ?? {})) m.set(o, v);
    if (c.r2 !== null) m.set(orgKey(c.org), c.r2);
    r2.set(c.domain, m);
  }
  return { r1, r2 };
}

function reputationJson(rng: Rng, build: Map<string, OrgMap>): string {
  const keys = rng.shuffle([...build.keys()]);
  return `${py(keys.map((k) => [k, sortOrgMap(build.get(k) as OrgMap)]))}\n`;
}

// ---------------------------------------------------------------------------------------------
// Model quirks and writing

/** Spellings the import must normalise, and duplicates it must count. */
function addModelQuirks(world: World, rng: Rng): string[] {
  const notes: string[] = [];
  const plain = [...world.domains.values()].filter((d) => d.kind !== 'case' && d.kind !== 'esp' && d.a && d.a.length >= 3);
  const pick = (): Domain => {
    for (;;) {
      const d = rng.pick(plain);
      if (!d.protected) {
        d.protected = true;
        return d;
      }
    }
  };
  for (let k = 0; k < 3; k++) {
    const d = pick();
    d.written = k === 0 ? d.key.toUpperCase() : d.key.charAt(0).toUpperCase() + d.key.slice(1);
    notes.push(`model domain written ${d.written}`);
  }
  {
    const d = pick();
    d.written = `${d.key}.`;
    notes.push(`model domain written ${d.written}`);
  }
  {
    const d = world.domains.get(asciiName('münchen-reisen.de')) as Domain;
    d.written = 'münchen-reisen.de';
    d.protected = true;
    notes.push('model domain written in Unicode: münchen-reisen.de');
  }
  // Duplicate entries: the later score wins.
  for (let k = 0; k < 4; k++) {
    const d = pick();
    const e = (d.a as Entry[]).find((x) => !x.cidr.includes('/') && !x.cidr.includes(':'));
    if (!e) continue;
    const dup: Entry = { cidr: k % 2 === 0 ? e.cidr : `${e.cidr}/32`, score: score6((e.score ?? 0.5) * 0.5 + 0.4), legit: e.legit };
    (d.a as Entry[]).push(dup);
    notes.push(`duplicate entry ${e.cidr} in ${d.key}`);
  }
  // A prefix with host bits set; non-canonical IPv6.
  for (let k = 0; k < 2; k++) {
    const d = pick();
    const site = d.sites.find((s) => !s.v6);
    if (!site || site.v6) continue;
    const cidr = `${v4(site.base + 64 + rng.int(1, 14))}/28`;
    (d.a as Entry[]).push({ cidr, score: score6(rng.normal(0.8, 0.05)), legit: true });
    notes.push(`prefix with host bits ${cidr} in ${d.key}`);
  }
  const v6Domains = plain.filter((d) => !d.protected && (d.a ?? []).some((e) => e.cidr.includes(':') && !e.cidr.includes('/')));
  for (const d of v6Domains.slice(0, 2)) {
    d.protected = true;
    const e = (d.a as Entry[]).find((x) => x.cidr.includes(':') && !x.cidr.includes('/')) as Entry;
    const verbose = v6Verbose(e.cidr);
    notes.push(`IPv6 entry written ${verbose} in ${d.key}`);
    e.cidr = verbose;
  }
  // A non-finite score (dropped and reported).
  {
    const d = pick();
    (d.a as Entry[]).push({ cidr: v4(randomPublic24(rng) + 9), score: Number.NaN, legit: false });
    notes.push(`NaN score in ${d.key}`);
  }
  return notes;
}

function* modelsOf(domains: Domain[], side: 'a' | 'b', splitKey: string): Generator<SenderModelDomain> {
  for (const d of domains) {
    const entries = d[side];
    if (!entries) continue;
    const list = entries.map((e) => ({ cidr: e.cidr, score: e.score }));
    if (d.key === splitKey) {
      // The same domain in two models/records: the import gets all their entries.
      const half = Math.floor(list.length / 2);
      yield { domain: d.written, cidrs: list.slice(0, half) };
      yield { domain: d.written, cidrs: list.slice(half) };
    } else {
      yield { domain: d.written, cidrs: list };
    }
  }
}

export interface GenerateResult {
  files: string[];
  summary: Record<string, unknown>;
}

export async function generateDemo(outDir: string): Promise<GenerateResult> {
  const rng = new Rng(SEED);
  const world = new World();
  for (const c of AUTH_CASES) world.used.add(c.domain);
  for (const k of [
    'coloradocyclist.com',
    'bankofamerica.com',
    'pacificskymortgage.com',
    'keystonepayroll.com',
    'meridianfreight.com',
    'listmailer.net',
    'sendwave.io',
    'postcannon.com',
  ])
    world.used.add(k);
  for (const c of REPUTATION_CASES) world.used.add(c.domain);

  buildBackground(world, rng.fork('background'));
  buildCases(world, rng.fork('cases'));

  // Domains analysts give feedback for that build A does not have; a third of them appear in B.
  const ur = rng.fork('unknown');
  const unknownDomains: Domain[] = [];
  while (unknownDomains.length < 60) {
    const name = makeDomain(ur, ur.pick(['corp', 'small', 'newsletter'] as const));
    if (world.used.has(name)) continue;
    const site: Site = { v6: false, base: randomPublic24(ur) };
    const d = world.add({ key: name, written: name, typed: name, kind: 'small', sites: [site], a: null, b: null });
    if (unknownDomains.length % 3 === 0) {
      const taken = world.takenBy(name);
      d.b = [];
      for (let k = ur.int(1, 6); k > 0; k--) d.b.push({ cidr: newAddressIn(ur, site, taken), score: legitScore(ur, 0.8), legit: true });
    }
    unknownDomains.push(d);
  }
  // New senders in B that nobody gave feedback for.
  for (let k = 0; k < 16; k++) {
    const name = makeDomain(ur, 'corp');
    if (world.used.has(name)) continue;
    const site: Site = { v6: false, base: randomPublic24(ur) };
    const taken = world.takenBy(name);
    const b: Entry[] = [];
    for (let j = ur.int(1, 12); j > 0; j--) b.push({ cidr: newAddressIn(ur, site, taken), score: legitScore(ur, 0.8), legit: true });
    world.add({ key: name, written: name, typed: name, kind: 'corp', sites: [site], a: null, b, fixedB: true });
  }

  const quirks = addModelQuirks(world, rng.fork('quirks'));
  const fb = buildFeedback(world, rng.fork('feedback'), unknownDomains);
  const bStats = deriveB(
    world,
    rng.fork('build-b'),
    unknownDomains.filter((d) => d.b !== null),
  );
  // A null score in B (the rows layout then writes score as ["null","double"]).
  {
    const d = [...world.domains.values()].find((x) => x.kind === 'corp' && x.b && x.b.length > 5 && !x.protected) as Domain;
    d.b = [...(d.b as Entry[]), { cidr: v4(randomPublic24(rng.fork('null')) + 3), score: null, legit: false }];
    quirks.push(`null score in B for ${d.key}`);
  }
  const rep = buildReputation(world, rng.fork('reputation'), fb);

  fs.mkdirSync(outDir, { recursive: true });
  const orderRng = rng.fork('order');
  const order = orderRng.shuffle([...world.domains.values()]);

  const resA = writeSenderModelAvro(path.join(outDir, BUILD_A.file), {
    layout: 'build',
    codec: 'deflate',
    version: BUILD_A.version,
    threshold: THRESHOLD,
    models: modelsOf(order, 'a', 'bankofamerica.com'),
  });
  const orderB = orderRng.shuffle(order.slice());
  const resB = writeSenderModelAvro(path.join(outDir, BUILD_B.file), {
    layout: 'rows',
    codec: 'snappy',
    version: BUILD_B.version,
    threshold: THRESHOLD,
    models: modelsOf(orderB, 'b', 'listmailer.net'),
    nullableScore: true,
    recordsPerBlock: 500,
  });

  fs.writeFileSync(path.join(outDir, REP_1.file), reputationJson(orderRng, rep.r1));
  fs.writeFileSync(path.join(outDir, REP_2.file), reputationJson(orderRng, rep.r2));

  // Feedback: in time order, ids ascending with the gaps of deleted rows.
  const rows = fb.rows.slice().sort((x, y) => x.at - y.at || x.seq - y.seq);
  const idRng = rng.fork('ids');
  let id = 1000;
  const lines: string[] = [];
  const digitOrgRows = new Set<number>();
  for (const [i, r] of rows.entries()) {
    id += 1 + (idRng.chance(0.04) ? idRng.int(1, 6) : 0);
    let org: OrgId = r.org;
    // Two rows carry their org id as a digit string, as some exports do.
    if (r.org === 61 && r.type === 'authenticity' && digitOrgRows.size < 2 && idRng.chance(0.1)) {
      org = '61';
      digitOrgRows.add(i);
    }
    lines.push(
      py({
        id,
        suggestion: r.suggestion,
        context: r.context,
        organization_id: org,
        comments: r.comments,
        suggestion_type: r.type,
        created_at: new Date(r.at).toISOString(),
      }),
    );
  }
  fs.writeFileSync(path.join(outDir, FEEDBACK.file), `${lines.join('\n')}\n`);

  const manifest = {
    snapshots: [
      { id: BUILD_A.id, kind: 'sender-model', file: BUILD_A.file },
      { id: BUILD_B.id, kind: 'sender-model', file: BUILD_B.file },
      { id: REP_1.id, kind: 'reputation', file: REP_1.file },
      { id: REP_2.id, kind: 'reputation', file: REP_2.file },
      { id: FEEDBACK.id, kind: 'feedback', file: FEEDBACK.file },
      { id: CONTEXT.id, kind: 'context', file: CONTEXT.file },
    ],
  };
  fs.writeFileSync(path.join(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  // The sender context of the feedback and build A: the app's own pull against a made-up world.
  const context = await writeDemoContext(outDir, {
    feedbackFile: path.join(outDir, FEEDBACK.file),
    feedbackId: FEEDBACK.id,
    buildFile: path.join(outDir, BUILD_A.file),
    buildId: BUILD_A.id,
    sites: new Map([...world.domains.values()].map((d) => [d.key, d.sites])),
  });

  const inA = [...world.domains.values()].filter((d) => d.a);
  const inB = [...world.domains.values()].filter((d) => d.b);
  return {
    files: manifest.snapshots.map((s) => s.file).concat('manifest.json'),
    summary: {
      buildA: { domains: inA.length, entries: resA.entries, bytes: resA.bytes },
      buildB: { domains: inB.length, entries: resB.entries, records: resB.records, bytes: resB.bytes },
      onlyInA: inA.filter((d) => !d.b).length,
      onlyInB: inB.filter((d) => !d.a).length,
      bFates: bStats,
      feedbackRows: lines.length,
      context,
      reputation: { r1: rep.r1.size, r2: rep.r2.size },
      quirks,
      badRows: fb.badRows.map((b) => b.describe),
    },
  };
}

function parseArgs(argv: string[]): { out: string } {
  let out = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--out' && argv[i + 1]) out = path.resolve(argv[++i]);
    else if (argv[i].startsWith('--out=')) out = path.resolve(argv[i].slice(6));
    else throw new Error(`unknown argument: ${argv[i]} (usage: generate-demo.ts [--out DIR])`);
  }
  return { out };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { out } = parseArgs(process.argv.slice(2));
  const res = await generateDemo(out);
  process.stdout.write(`${JSON.stringify({ out, ...res }, null, 2)}\n`);
}
