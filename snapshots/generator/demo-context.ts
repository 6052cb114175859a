// The demo's context snapshot (DESIGN §8), made without a network: a made-up DNS world answers
// the app's own context pull (main/pull/context/) for the demo feedback and build A, with a
// made-up ip2asn table; the snapshot is then written in its JSON Lines form (context-demo.jsonl),
// which `smw demo` and the app's first start import. Deterministic: every answer is drawn from a
// PRNG seeded by the name asked, and the pull's clock is fixed.
//
// The world follows the notebook's stories: cerner.com's top two IPs are in its SPF record
// ("in SPF but under the cutoff"), coloradocyclist.com's list mail comes from one PTR
// neighbourhood under mcsv.net, the EC2 alert senders have ec2-…compute-1.amazonaws.com names in
// Amazon's AS, and so on; ordinary senders publish their own /24s and their providers' includes.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { importFile } from '../../main/ingest/index';
import type { DnsSource } from '../../main/pull/context/dns-client';
import { pullContext } from '../../main/pull/context/pull-context';
import { dumpContext } from '../../main/workspace/context-store';
import { Workspace } from '../../main/workspace/workspace';
import { formatIPv4, formatIPv6, parseCidr } from '../../shared/cidr';
import { dnsName, type Address, type DnsAnswer, type MxRecord, type RRType } from '../../shared/dns-answers';
import { Rng } from './prng';

export const CONTEXT = { id: 'context-demo', file: 'context-demo.jsonl' };
const PULLED_AT = new Date('2016-08-29T06:00:00.000Z');
const SEED = 0x5bf2011;

export type DemoSite = { v6: false; base: number } | { v6: true; p48: string };

export interface DemoContextInput {
  feedbackFile: string;
  feedbackId: string;
  buildFile: string;
  buildId: string;
  /** Each domain's sending sites (its /24s and /48s), as the world made them. */
  sites: Map<string, DemoSite[]>;
}

/** Providers whose /24s many domains send from, with the include they publish and their PTR names. */
const PROVIDERS = [
  {
    name: 'mcsv',
    from: '198.2.128.0',
    to: '198.2.191.255',
    include: 'servers.mcsv.net',
    spf: 'v=spf1 ip4:198.2.128.0/18 ip4:205.201.128.0/20 -all',
    ptr: (a: number[]) => `mail${a[2]}-${a[3]}.suw${(a[2] % 40) + 1}.mcsv.net`,
    asn: [64600, 'MCSV-AS list mail sender (demo)'],
  },
  {
    name: 'sendwave',
    from: '167.89.0.0',
    to: '167.89.127.255',
    include: 'sendgrid.net',
    spf: 'v=spf1 ip4:167.89.0.0/17 ip4:208.117.48.0/20 ~all',
    ptr: (a: number[]) => `o${a[2]}${a[3]}.outbound-mail.sendgrid.net`,
    asn: [64601, 'SENDWAVE-NET bulk mail (demo)'],
  },
  {
    name: 'postcannon',
    from: '50.31.32.0',
    to: '50.31.63.255',
    include: '_spf.postcannon.com',
    spf: 'v=spf1 ip4:50.31.32.0/19 ip6:2001:db8:5e00::/40 -all',
    ptr: (a: number[]) => `mta-${a[2]}-${a[3]}.postcannon.com`,
    asn: [64602, 'POSTCANNON transactional mail (demo)'],
  },
  {
    name: 'outlook',
    from: '40.107.0.0',
    to: '40.107.255.255',
    include: 'spf.protection.outlook.com',
    spf: 'v=spf1 ip4:40.92.0.0/15 ip4:40.107.0.0/16 ip4:52.100.0.0/14 ip4:104.47.0.0/17 -all',
    ptr: (a: number[]) => `mail-${a[2].toString(36)}${a[3]}.outbound.protection.outlook.com`,
    asn: [8075, 'MICROSOFT-CORP-MSN-AS-BLOCK'],
  },
  {
    name: 'outlook-2',
    from: '104.47.0.0',
    to: '104.47.127.255',
    include: 'spf.protection.outlook.com',
    spf: '',
    ptr: (a: number[]) => `mail-${a[2].toString(36)}${a[3]}.outbound.protection.outlook.com`,
    asn: [8075, 'MICROSOFT-CORP-MSN-AS-BLOCK'],
  },
  {
    name: 'outlook-3',
    from: '52.100.0.0',
    to: '52.103.255.255',
    include: 'spf.protection.outlook.com',
    spf: '',
    ptr: (a: number[]) => `mail-${a[2].toString(36)}${a[3]}.outbound.protection.outlook.com`,
    asn: [8075, 'MICROSOFT-CORP-MSN-AS-BLOCK'],
  },
  {
    name: 'ec2',
    from: '184.72.0.0',
    to: '184.73.255.255',
    include: '',
    spf: '',
    ptr: (a: number[]) => `ec2-${a.join('-')}.compute-1.amazonaws.com`,
    asn: [14618, 'AMAZON-AES'],
  },
  {
    name: 'ec2-2',
    from: '52.90.0.0',
    to: '52.91.255.255',
    include: '',
    spf: '',
    ptr: (a: number[]) => `ec2-${a.join('-')}.compute-1.amazonaws.com`,
    asn: [14618, 'AMAZON-AES'],
  },
] as const;

const v4 = (text: string): number => (parseCidr(text) as { cidr: { start: number } }).cidr.start;
const PROVIDER_RANGES = PROVIDERS.map((p) => ({ ...p, start: v4(p.from), end: v4(p.to) }));

/** The notebook's domains, with the records that tell their stories. */
const CASE_RECORDS: Record<string, { txt?: string[] | 'failed'; extra?: Record<string, string[]> }> = {
  // "Top two IPs are in the SPF record": in SPF, yet the model scores them under the cutoff.
  'cerner.com': { txt: ['v=spf1 ip4:159.140.213.10 ip4:159.140.213.11 ip4:184.94.240.0/23 include:spf.protection.outlook.com -all'] },
  'coloradocyclist.com': { txt: ['v=spf1 include:servers.mcsv.net ?all'] },
  'listmailer.net': { txt: ['v=spf1 include:servers.mcsv.net -all'] },
  'theflyzikgroup.com': { txt: ['v=spf1 ip4:209.17.115.0/24 mx -all'] },
  'cloud.sophos.com': { txt: ['v=spf1 include:_spf.sophos.com -all'], extra: { '_spf.sophos.com': ['v=spf1 ip4:208.70.208.0/22 -all'] } },
  'valleycare.com': { txt: ['v=spf1 include:iphmx.com ~all'], extra: { 'iphmx.com': ['v=spf1 ip4:68.232.128.0/19 -all'] } },
  'uhg.com': { txt: ['v=spf1 include:_spf.uhg.com -all'], extra: { '_spf.uhg.com': ['v=spf1 ip4:66.231.95.0/24 ip4:198.203.175.0/24 -all'] } },
  'uhgrecruitmentservices.com': { txt: ['v=spf1 ip4:169.54.226.64/28 redirect=_spf.uhg.com'] },
  'pacbell.net': { txt: ['v=spf1 ptr:pacbell.net ?all'] },
  'united.com': { txt: ['v=spf1 ip4:208.87.208.0/22 ~all'] },
  'starwoodhotels.com': { txt: ['v=spf1 ip4:83.140.23.0/24 -all'] },
  'sru.org': { txt: ['MS=ms48213377'] },
  // A mailing list relays for its members: not in their SPF.
  'wakehealth.edu': { txt: ['v=spf1 include:_spf.google.com ~all'], extra: { '_spf.google.com': ['v=spf1 ip4:209.85.128.0/17 ip4:74.125.0.0/16 ~all'] } },
  'acr.org': { txt: ['v=spf1 ip4:103.28.42.0/24 include:sendgrid.net -all'] },
  'mdanderson.org': { txt: ['v=spf1 ip4:143.111.0.0/16 mx -all'] },
  'acep.org': { txt: ['v=spf1 ip4:198.37.144.0/20 include:_spf.postcannon.com -all'] },
  // Two SPF records: permerror, as receivers see it.
  'nasci.org': { txt: ['v=spf1 ip4:67.216.225.0/24 -all', 'v=spf1 include:sendgrid.net -all'] },
  'ochsner.org': { txt: 'failed' },
  'identitydirect.co.uk': { txt: ['v=spf1 include:spf.identitydirect.co.uk -all'] },
  'spencerstuart.com': { txt: ['v=spf1 ip4:79.170.244.0/24 -all'] },
  'keystonepayroll.com': { txt: ['v=spf1 ip4:64.94.12.0/24 ~all'] },
  'meridianfreight.com': { txt: ['v=spf1 ip4:185.41.7.64/28 -all'] },
  'bankofamerica.com': { txt: ['v=spf1 a mx ip4:171.161.0.0/16 -all'] },
};

/** PTR names the notebook's stories need. */
const CASE_PTR: Record<string, string> = {
  '174.37.239.162': 'adsl-174-37-239-162.dsl.pacbell.net',
  '161.253.198.11': 'lists.hsl.example.edu',
  '161.253.198.23': 'lists.hsl.example.edu',
};

const ISPS = [
  'northwind-net',
  'bluefjord',
  'kestrel-telecom',
  'cobaltline',
  'riverbend-isp',
  'sunmesh',
  'greyhaven',
  'oakridge-broadband',
  'tidewater-net',
  'pinecrest-online',
];

export async function writeDemoContext(outDir: string, input: DemoContextInput): Promise<{ answers: number; bytes: number }> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'smw-demo-context-'));
  try {
    const ws = Workspace.open(path.join(tmp, 'ws'), { now: () => PULLED_AT });
    try {
      await importFile(ws, 'feedback', input.feedbackFile, { id: input.feedbackId, name: path.basename(input.feedbackFile), source: 'demo' });
      await importFile(ws, 'sender-model', input.buildFile, { id: input.buildId, name: path.basename(input.buildFile), source: 'demo' });
      const asn = path.join(tmp, 'demo-ip2asn.tsv');
      fs.writeFileSync(asn, asTable());
      await pullContext(
        ws,
        { feedback: input.feedbackId, build: input.buildId, asn: [asn], id: CONTEXT.id },
        { source: new DemoWorld(input.sites), now: () => PULLED_AT },
      );
      const db = ws.openSnapshot(CONTEXT.id);
      const lines = [...dumpContext(db)];
      db.close();
      const text = `${lines.join('\n')}\n`;
      fs.writeFileSync(path.join(outDir, CONTEXT.file), text);
      return { answers: lines.filter((l) => l.startsWith('{"dns"')).length, bytes: Buffer.byteLength(text) };
    } finally {
      ws.close();
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** An ip2asn TSV: the providers' ranges, then one made-up ISP per /8 of the rest (a few not routed). */
function asTable(): string {
  const lines: string[] = [];
  const ranges: Array<[number, number, number, string]> = PROVIDER_RANGES.map((p) => [p.start, p.end, p.asn[0], p.asn[1]]);
  for (let a = 1; a < 224; a++) {
    const r = new Rng(SEED ^ (a * 7919));
    const start = a * 16777216;
    const end = start + 16777215;
    if (ranges.some(([s, e]) => s <= end && e >= start)) {
      // Split around the providers' ranges.
      let at = start;
      for (const [s, e] of ranges.filter(([s, e]) => s <= end && e >= start).sort((x, y) => x[0] - y[0])) {
        if (at < s) lines.push(tsv(at, s - 1, ispAs(a)));
        at = e + 1;
      }
      if (at <= end) lines.push(tsv(at, end, ispAs(a)));
      continue;
    }
    lines.push(tsv(start, end, r.chance(0.04) ? [0, 'Not routed'] : ispAs(a)));
  }
  for (const [s, e, n, name] of ranges) lines.push(tsv(s, e, [n, name]));
  lines.push('2001:db8::\t2001:db8:ffff:ffff:ffff:ffff:ffff:ffff\t64650\tZZ\tDOC6-NET documentation space (demo)');
  lines.sort((x, y) => family(x) - family(y) || (family(x) === 4 ? v4(x.split('\t')[0]) - v4(y.split('\t')[0]) : 0));
  return `${lines.join('\n')}\n`;
}

function family(line: string): number {
  return line.includes(':') && line.split('\t')[0].includes(':') ? 6 : 4;
}

/** The ISP of a /8 outside the providers' ranges: the AS table and the PTR names agree on it. */
function ispOf(firstOctet: number): number {
  return hash(`isp-${firstOctet}`) % ISPS.length;
}

function ispAs(firstOctet: number): [number, string] {
  const i = ispOf(firstOctet);
  return [64512 + i, `${ISPS[i].toUpperCase()} ${ISPS[i].replace(/-/g, ' ')} (demo)`];
}

function tsv(start: number, end: number, [asn, name]: [number, string]): string {
  return `${formatIPv4(start)}\t${formatIPv4(end)}\t${asn}\t${asn === 0 ? 'None' : 'ZZ'}\t${name}`;
}

/** Answers every question from rules, the same answer every time for the same name. */
class DemoWorld implements DnsSource {
  readonly servers = ['demo (answers made up by the generator, no network)'];
  private readonly txt = new Map<string, string[] | 'failed'>();
  private readonly forward = new Map<string, string[]>();
  private readonly mx = new Map<string, MxRecord[]>();
  private readonly known = new Set<string>();
  /** The sender whose own /24 this is (its mail hosts carry its name in PTR). */
  private readonly owner = new Map<number, string>();

  constructor(sites: Map<string, DemoSite[]>) {
    for (const [domain, list] of sites) {
      for (const site of list) {
        if (site.v6 || PROVIDER_RANGES.some((p) => site.base >= p.start && site.base <= p.end)) continue;
        if (!this.owner.has(site.base)) this.owner.set(site.base, domain);
      }
    }
    for (const p of PROVIDERS) if (p.include && p.spf) this.txt.set(p.include, [p.spf]);
    for (const [domain, spec] of Object.entries(CASE_RECORDS)) {
      if (spec.txt) this.txt.set(domain, spec.txt);
      for (const [name, records] of Object.entries(spec.extra ?? {})) this.txt.set(name, records);
    }
    this.mx.set('mdanderson.org', [{ priority: 10, exchange: 'mx1.mdanderson.org' }]);
    this.forward.set('A mx1.mdanderson.org', ['143.111.5.5']);
    this.mx.set('theflyzikgroup.com', [{ priority: 10, exchange: 'mail.theflyzikgroup.com' }]);
    this.forward.set('A mail.theflyzikgroup.com', ['209.17.115.10']);
    // Names under .internal or an unregistered suffix have no public DNS at all.
    for (const [domain, list] of sites) if (!this.txt.has(domain) && !/\.(internal|agari)$/.test(domain)) this.ordinarySender(domain, list);
    for (const key of [...this.txt.keys(), ...this.mx.keys()]) this.known.add(key);
  }

  /** A sender's own sites as ip4/ip6, the providers it uses as includes, a few oddities. */
  private ordinarySender(domain: string, list: DemoSite[]): void {
    const r = new Rng(hash(domain) ^ SEED);
    const roll = r.next();
    if (roll < 0.08) return; // publishes no SPF
    if (roll < 0.1) {
      this.txt.set(domain, 'failed'); // its DNS does not answer
      return;
    }
    const terms: string[] = [];
    const includes = new Set<string>();
    for (const site of list) {
      if (site.v6) {
        terms.push(`ip6:${site.p48}::/48`);
        continue;
      }
      const provider = PROVIDER_RANGES.find((p) => site.base >= p.start && site.base <= p.end);
      if (provider) {
        if (provider.include) includes.add(provider.include);
      } else {
        terms.push(`ip4:${formatIPv4(site.base)}/24`);
      }
    }
    if (roll < 0.16 && list.length > 0 && !list[0].v6) {
      // a and mx, for a domain whose mail server is its web server.
      const base = list[0].base;
      this.mx.set(domain, [{ priority: 10, exchange: `mail.${domain}` }]);
      this.forward.set(`A mail.${domain}`, [formatIPv4(base + 25)]);
      this.forward.set(`A ${domain}`, [formatIPv4(base + 80)]);
      terms.unshift('a', 'mx');
    }
    const all = r.weighted([
      ['-all', 45],
      ['~all', 40],
      ['?all', 10],
      ['', 5],
    ] as const);
    const record = ['v=spf1', ...terms, ...[...includes].map((i) => `include:${i}`), all].filter(Boolean).join(' ');
    if (roll > 0.97) {
      this.txt.set(domain, [`v=spf1 redirect=_spf.${domain}`]);
      this.txt.set(`_spf.${domain}`, [record]);
    } else if (record.length > 200) {
      // Long records are published as several strings.
      this.txt.set(domain, [record]);
    } else {
      this.txt.set(domain, [record, `${domain.split('.')[0]}-site-verification=${(hash(domain) >>> 0).toString(36)}`]);
    }
  }

  async lookup<T extends RRType>(name: string, type: T): Promise<DnsAnswer<T>> {
    return this.answer(dnsName(name), type) as DnsAnswer<T>;
  }

  private answer(name: string, type: RRType): DnsAnswer {
    if (type === 'TXT') {
      const txt = this.txt.get(name);
      if (txt === 'failed') return { status: 'failed', error: 'SERVFAIL' };
      if (txt) return { status: 'ok', records: txt.map((t) => (t.length > 200 ? [t.slice(0, 200), t.slice(200)] : [t])) };
      return this.known.has(name) || this.forward.has(`A ${name}`) ? { status: 'nodata' } : { status: 'nxdomain' };
    }
    if (type === 'MX') {
      const mx = this.mx.get(name);
      if (mx) return { status: 'ok', records: mx };
      return this.txt.has(name) ? { status: 'nodata' } : { status: 'nxdomain' };
    }
    if (type === 'PTR') return this.ptr(name);
    const forward = this.forward.get(`${type} ${name}`);
    if (forward) return { status: 'ok', records: forward };
    return this.txt.has(name) || this.forward.has(`${type === 'A' ? 'AAAA' : 'A'} ${name}`) ? { status: 'nodata' } : { status: 'nxdomain' };
  }

  /** PTR names by neighbourhood: providers name their hosts, senders name theirs, the rest is an ISP's or nothing. */
  private ptr(name: string): DnsAnswer {
    const address = reverseToAddress(name);
    if (!address) return { status: 'nxdomain' };
    if (address.family === 6) {
      const text = formatIPv6(address.hi, address.lo);
      const r = new Rng(hash(text) ^ SEED);
      if (r.chance(0.4)) return { status: 'nxdomain' };
      const host = `mta${r.int(1, 9)}.v6.${text.split(':').slice(0, 3).join('-')}.example`;
      this.forward.set(`AAAA ${host}`, [text]);
      return { status: 'ok', records: [host] };
    }
    const text = formatIPv4(address.start);
    const octets = text.split('.').map(Number);
    const r = new Rng(hash(text) ^ SEED);
    const special = CASE_PTR[text];
    const provider = PROVIDER_RANGES.find((p) => address.start >= p.start && address.start <= p.end);
    let host: string;
    let confirmed = true;
    if (special) {
      host = special;
    } else if (provider) {
      host = provider.ptr(octets);
    } else {
      // One naming scheme per /24, as one network names its hosts; a few addresses without any.
      const base = address.start - (address.start % 256);
      const scheme = new Rng(hash(`scheme-${base}`) ^ SEED).weighted([
        ['owner', 45],
        ['static', 25],
        ['mail', 10],
        ['none', 20],
      ] as const);
      const roll = r.next();
      if (roll < 0.02) return { status: 'failed', error: 'timed out (2 tries of 2000 ms)' };
      if (scheme === 'none' || roll < 0.1) return { status: 'nxdomain' };
      const owner = this.owner.get(base);
      const isp = ISPS[ispOf(octets[0])];
      if (scheme === 'owner' && owner) host = `mta${octets[3]}.${owner}`;
      else if (scheme === 'mail') host = `mail${octets[3]}.mx${octets[2] % 8}.${isp}.example.net`;
      else host = `${octets.join('-')}.static.${isp}.example.net`;
      confirmed = scheme !== 'static' || r.chance(0.7);
    }
    this.forward.set(`A ${host}`, [confirmed ? text : formatIPv4((address.start + 1) >>> 0)]);
    return { status: 'ok', records: [host] };
  }
}

function reverseToAddress(name: string): Address | null {
  if (name.endsWith('.in-addr.arpa')) {
    const parts = name.slice(0, -'.in-addr.arpa'.length).split('.');
    if (parts.length !== 4) return null;
    const parsed = parseCidr(parts.reverse().join('.'));
    return parsed.ok ? (parsed.cidr as Address) : null;
  }
  if (name.endsWith('.ip6.arpa')) {
    const nibbles = name.slice(0, -'.ip6.arpa'.length).split('.').reverse().join('');
    if (nibbles.length !== 32) return null;
    const parsed = parseCidr(nibbles.match(/.{4}/g)!.join(':'));
    return parsed.ok ? (parsed.cidr as Address) : null;
  }
  return null;
}

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}
