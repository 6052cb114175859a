// A small, slow, independent reading of DESIGN §4, used only to check that the demo sources
// contain what they are meant to (each notebook case lands on the intended status in build A
// and build B). The app's own implementation is what the CLI and end-to-end tests check.

import net from 'node:net';

export type Org = number | string;

export interface Range {
  v6: boolean;
  lo: bigint;
  hi: bigint;
  text: string;
}

export function normDomain(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  let s = raw.trim();
  while (s.endsWith('.')) s = s.slice(0, -1);
  if (s === '') return null;
  try {
    return new URL(`http://${s}`).hostname;
  } catch {
    return null;
  }
}

export function normOrg(raw: unknown): Org {
  if (typeof raw === 'number') return raw;
  const s = String(raw);
  return /^-?\d+$/.test(s) ? Number(s) : s;
}

function v6Groups(addr: string): number[] {
  const [head, tail] = addr.includes('::') ? addr.split('::') : [addr, undefined];
  const h = head ? head.split(':') : [];
  const t = tail === undefined ? [] : tail ? tail.split(':') : [];
  const groups = tail === undefined ? h : [...h, ...Array(8 - h.length - t.length).fill('0'), ...t];
  return groups.map((g) => parseInt(g, 16));
}

function v6Text(x: bigint): string {
  const g: number[] = [];
  for (let i = 7; i >= 0; i--) g.push(Number((x >> BigInt(i * 16)) & 0xffffn));
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (g[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLen) {
      best = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = g.map((n) => n.toString(16));
  if (best < 0) return hex.join(':');
  return `${hex.slice(0, best).join(':')}::${hex.slice(best + bestLen).join(':')}`;
}

/** Parses an address or prefix into its range and normal text (host bits zeroed), or null. */
export function parseCidr(raw: unknown): Range | null {
  if (typeof raw !== 'string') return null;
  const s = raw.trim();
  const slash = s.indexOf('/');
  const addr = slash < 0 ? s : s.slice(0, slash);
  const lenText = slash < 0 ? null : s.slice(slash + 1);
  if (lenText !== null && !/^\d{1,3}$/.test(lenText)) return null;
  if (net.isIPv4(addr)) {
    const len = lenText === null ? 32 : Number(lenText);
    if (len > 32) return null;
    const p = addr.split('.').map(Number);
    const x = BigInt(((p[0] << 24) | (p[1] << 16) | (p[2] << 8) | p[3]) >>> 0);
    const size = 1n << BigInt(32 - len);
    const lo = (x / size) * size;
    const n = Number(lo);
    return { v6: false, lo, hi: lo + size - 1n, text: `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}/${len}` };
  }
  if (net.isIPv6(addr) && !addr.includes('.')) {
    const len = lenText === null ? 128 : Number(lenText);
    if (len > 128) return null;
    let x = 0n;
    for (const g of v6Groups(addr.toLowerCase())) x = (x << 16n) | BigInt(g);
    const size = 1n << BigInt(128 - len);
    const lo = (x / size) * size;
    return { v6: true, lo, hi: lo + size - 1n, text: `${v6Text(lo)}/${len}` };
  }
  return null;
}

export interface ModelEntry extends Range {
  score: number;
}

/** domain → (normal text → entry); later duplicates replace earlier ones. */
export type Model = Map<string, Map<string, ModelEntry>>;

/** Reads a sender model as Python's avro returned it (build or rows layout). */
export function modelFromRecords(records: unknown[]): Model {
  const models: { domain: unknown; cidrs: { cidr: unknown; score: unknown }[] }[] = [];
  for (const r of records as Record<string, unknown>[]) {
    if (Array.isArray(r.models)) models.push(...(r.models as typeof models));
    else models.push(r as unknown as (typeof models)[number]);
  }
  const out: Model = new Map();
  for (const m of models) {
    const d = normDomain(m.domain);
    if (!d) continue;
    let map = out.get(d);
    if (!map) out.set(d, (map = new Map()));
    for (const e of m.cidrs) {
      const r = parseCidr(e.cidr);
      if (!r || typeof e.score !== 'number' || !Number.isFinite(e.score)) continue;
      map.delete(r.text);
      map.set(r.text, { ...r, score: e.score });
    }
  }
  return out;
}

export interface FeedbackRow {
  id: number;
  organization_id: unknown;
  suggestion: unknown;
  comments: unknown;
  suggestion_type: unknown;
}

export interface AuthItem {
  org: Org;
  domain: string;
  cidr: Range;
  comments: string[];
}

export interface RepItem {
  org: Org;
  domain: string;
}

function parseJson(x: unknown): unknown {
  if (typeof x !== 'string') return x;
  try {
    return JSON.parse(x);
  } catch {
    return undefined;
  }
}

export function feedbackItems(rows: FeedbackRow[]): { auth: AuthItem[]; rep: RepItem[]; labels: Map<string, number> } {
  const auth = new Map<string, AuthItem>();
  const rep = new Map<string, RepItem>();
  const labels = new Map<string, number>();
  for (const row of [...rows].sort((a, b) => a.id - b.id)) {
    const s = parseJson(row.suggestion) as { input_type?: unknown; label?: unknown; matches?: { field: string; value: unknown[] }[] } | undefined;
    if (!s || typeof s !== 'object' || !Array.isArray(s.matches)) continue;
    const org = normOrg(row.organization_id);
    const domain = normDomain(s.matches.find((m) => m.field === 'domain')?.value?.[0]);
    if (!domain) continue;
    if (row.suggestion_type === 'authenticity') {
      if (s.input_type !== 'ip_list') continue;
      const ips = s.matches.find((m) => m.field === 'ip')?.value ?? [];
      for (const ip of ips) {
        const r = parseCidr(ip);
        if (!r) continue;
        const key = `${org}\u0000${domain}\u0000${r.text}`;
        let it = auth.get(key);
        if (!it) auth.set(key, (it = { org, domain, cidr: r, comments: [] }));
        if (typeof row.comments === 'string' && row.comments !== '' && !it.comments.includes(row.comments)) it.comments.push(row.comments);
      }
    } else if (row.suggestion_type === 'reputation') {
      const label = String(s.label);
      labels.set(label, (labels.get(label) ?? 0) + 1);
      if (label === 'trusted') rep.set(`${org}\u0000${domain}`, { org, domain });
    }
  }
  return { auth: [...auth.values()], rep: [...rep.values()], labels };
}

export interface AuthResult {
  status: 'scored' | 'uncovered-cidr' | 'uncovered-domain';
  count: number;
  mean: number | null;
  under: boolean;
  finding: boolean;
}

const EPS = 1e-9;

export function evalAuth(item: AuthItem, model: Model, cutoff: number): AuthResult {
  const entries = model.get(item.domain);
  if (!entries) return { status: 'uncovered-domain', count: 0, mean: null, under: false, finding: true };
  let n = 0;
  let sum = 0;
  for (const e of entries.values()) {
    if (e.v6 !== item.cidr.v6 || e.hi < item.cidr.lo || item.cidr.hi < e.lo) continue;
    n++;
    sum += e.score;
  }
  if (n === 0) return { status: 'uncovered-cidr', count: 0, mean: null, under: false, finding: true };
  const mean = sum / n;
  const under = mean <= cutoff + EPS;
  return { status: 'scored', count: n, mean, under, finding: under };
}

export type RepBuild = Map<string, Map<string, unknown[]>>;

export function repFromJson(data: [string, Record<string, unknown[]>][]): RepBuild {
  const out: RepBuild = new Map();
  for (const [domain, orgs] of data) {
    const d = normDomain(domain);
    if (!d) continue;
    let m = out.get(d);
    if (!m) out.set(d, (m = new Map()));
    for (const [o, v] of Object.entries(orgs)) m.set(String(normOrg(o)), v);
  }
  return out;
}

export interface RepResult {
  status: 'scored' | 'uncovered-org' | 'uncovered-domain';
  score: number | null;
  under: boolean;
  finding: boolean;
}

export function evalRep(item: RepItem, build: RepBuild, cutoff: number): RepResult {
  const m = build.get(item.domain);
  if (!m) return { status: 'uncovered-domain', score: null, under: false, finding: true };
  const v = m.get(String(item.org));
  if (!v) return { status: 'uncovered-org', score: null, under: false, finding: true };
  const score = 1 - (v[0] as number);
  const under = score <= cutoff + EPS;
  return { status: 'scored', score, under, finding: under };
}

export function transition(
  a: { finding: boolean; status: string; mean?: number | null; score?: number | null },
  b: { finding: boolean; status: string; mean?: number | null; score?: number | null },
): 'fixed' | 'regressed' | 'changed' | 'unchanged' {
  if (a.finding && !b.finding) return 'fixed';
  if (!a.finding && b.finding) return 'regressed';
  const va = a.mean ?? a.score ?? null;
  const vb = b.mean ?? b.score ?? null;
  if (a.status !== b.status) return 'changed';
  if (va !== null && vb !== null && Math.abs(vb - va) > 1e-12) return 'changed';
  return 'unchanged';
}
