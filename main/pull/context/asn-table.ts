// Local IP-to-AS tables for a context pull (DESIGN §8, `--asn FILE`): ip2asn's TSV
// (`range_start range_end AS_number country_code AS_description`, IPv4 and IPv6, AS 0 = not
// routed) and MaxMind's GeoLite2-ASN `.mmdb`, told apart by content (the MaxMind metadata
// marker), gzip or not. The AS of a CIDR is the one of its network address.

import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { Reader } from 'maxmind';
import { formatCidr, formatIPv4, formatIPv6, parseCidr } from '../../../shared/cidr';
import type { Address } from '../../../shared/dns-answers';
import type { AsInfo } from '../../../shared/sender-context-of';
import type { Problem } from '../../../shared/types';

export interface AsnTable {
  file: string;
  format: 'ip2asn' | 'mmdb';
  /** The AS of the range holding the address (asn 0: not routed); undefined when no range does. */
  lookup(address: Address): AsInfo | undefined;
}

/** `\xAB\xCD\xEFMaxMind.com`: starts the metadata section at the end of every .mmdb file. */
const MMDB_MARKER = Buffer.concat([Buffer.from([0xab, 0xcd, 0xef]), Buffer.from('MaxMind.com', 'latin1')]);
const MAX_PROBLEMS = 20;

export function openAsnTable(file: string, problems: Problem[] = []): AsnTable {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (err) {
    throw new Error(`cannot read the AS table ${file} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); check --asn`);
  }
  const name = path.basename(file);
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = zlib.gunzipSync(bytes);
    } catch (err) {
      throw new Error(`the AS table ${file} looks gzip-compressed but cannot be decompressed (${(err as Error).message})`);
    }
  }
  if (bytes.lastIndexOf(MMDB_MARKER) >= 0) return mmdbTable(name, bytes, file);
  return ip2asnTable(name, bytes, file, problems);
}

function mmdbTable(name: string, bytes: Buffer, file: string): AsnTable {
  let reader: Reader<Record<string, unknown>>;
  try {
    reader = new Reader<Record<string, unknown>>(bytes);
  } catch (err) {
    throw new Error(`the AS table ${file} is not a readable MaxMind database (${(err as Error).message})`);
  }
  return {
    file: name,
    format: 'mmdb',
    lookup(address) {
      const ip = address.family === 4 ? formatIPv4(address.start) : formatIPv6(address.hi, address.lo);
      if (address.family === 6 && reader.metadata.ipVersion === 4) return undefined;
      const record = reader.get(ip);
      if (!record || typeof record.autonomous_system_number !== 'number') return undefined;
      const org = record.autonomous_system_organization;
      return { asn: record.autonomous_system_number, asName: typeof org === 'string' ? org : null };
    },
  };
}

interface Ranges4 {
  start: number[];
  end: number[];
  as: number[];
}

interface Ranges6 {
  start: Array<[bigint, bigint]>;
  end: Array<[bigint, bigint]>;
  as: number[];
}

function ip2asnTable(name: string, bytes: Buffer, file: string, problems: Problem[]): AsnTable {
  if (bytes.includes(0)) throw new Error(`the AS table ${file} is neither an ip2asn TSV file nor a MaxMind .mmdb database (it holds binary data)`);
  const lines = bytes.toString('utf8').split('\n');
  const infos: AsInfo[] = [];
  const infoIndex = new Map<string, number>();
  const v4: Array<[number, number, number]> = [];
  const v6: Array<[[bigint, bigint], [bigint, bigint], number]> = [];
  let bad = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].replace(/\r$/, '');
    if (line.trim() === '' || line.startsWith('#')) continue;
    const fields = line.split('\t');
    const start = parseCidr(fields[0] ?? '');
    const end = parseCidr(fields[1] ?? '');
    const asn = Number(fields[2]);
    if (fields.length < 3 || !start.ok || !end.ok || start.cidr.family !== end.cidr.family || !Number.isSafeInteger(asn) || asn < 0) {
      bad++;
      if (problems.length < MAX_PROBLEMS)
        problems.push({
          line: i + 1,
          field: name,
          value: line.slice(0, 100),
          reason: 'not an ip2asn line (range_start, range_end, AS_number, country_code, AS_description, tab-separated)',
        });
      continue;
    }
    const description = fields[4]?.trim() ? fields[4].trim() : null;
    const key = `${asn}\u0000${description ?? ''}`;
    let index = infoIndex.get(key);
    if (index === undefined) {
      index = infos.push({ asn, asName: description }) - 1;
      infoIndex.set(key, index);
    }
    const s = start.cidr;
    const e = end.cidr;
    if (s.family === 4 && e.family === 4) v4.push([s.start, e.start, index]);
    else if (s.family === 6 && e.family === 6) v6.push([[s.hi, s.lo], [e.hi, e.lo], index]);
  }
  if (v4.length + v6.length === 0) {
    throw new Error(`the AS table ${file} is neither an ip2asn TSV file nor a MaxMind .mmdb database (no line reads as range_start, range_end, AS_number…)`);
  }
  if (bad > MAX_PROBLEMS) problems.push({ field: name, value: `${bad - MAX_PROBLEMS} more lines`, reason: 'not ip2asn lines' });
  v4.sort((a, b) => a[0] - b[0]);
  v6.sort((a, b) => compare128(a[0], b[0]));
  const r4: Ranges4 = { start: v4.map((r) => r[0]), end: v4.map((r) => r[1]), as: v4.map((r) => r[2]) };
  const r6: Ranges6 = { start: v6.map((r) => r[0]), end: v6.map((r) => r[1]), as: v6.map((r) => r[2]) };
  return {
    file: name,
    format: 'ip2asn',
    lookup(address) {
      if (address.family === 4) {
        const k = lastAtOrBefore(r4.start.length, (i) => r4.start[i] <= address.start);
        return k >= 0 && r4.end[k] >= address.start ? infos[r4.as[k]] : undefined;
      }
      const at: [bigint, bigint] = [address.hi, address.lo];
      const k = lastAtOrBefore(r6.start.length, (i) => compare128(r6.start[i], at) <= 0);
      return k >= 0 && compare128(r6.end[k], at) >= 0 ? infos[r6.as[k]] : undefined;
    },
  };
}

function compare128(a: [bigint, bigint], b: [bigint, bigint]): number {
  if (a[0] !== b[0]) return a[0] < b[0] ? -1 : 1;
  return a[1] === b[1] ? 0 : a[1] < b[1] ? -1 : 1;
}

/** The last index i in [0, n) with atOrBefore(i) true (they are true, then false), or -1. */
function lastAtOrBefore(n: number, atOrBefore: (i: number) => boolean): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (atOrBefore(mid)) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/**
 * The AS of each CIDR's network address from the first table that has a range for it; CIDRs
 * whose range is AS 0 (not routed) or that no table covers are left out (DESIGN §8: null).
 */
export function asOfCidrs(cidrs: Iterable<string>, tables: AsnTable[]): Map<string, AsInfo> {
  const out = new Map<string, AsInfo>();
  if (tables.length === 0) return out;
  for (const text of cidrs) {
    const parsed = parseCidr(text);
    if (!parsed.ok) continue;
    const c = parsed.cidr;
    const address: Address = c.family === 4 ? { family: 4, start: c.start, prefix: 32 } : { family: 6, hi: c.hi, lo: c.lo, prefix: 128 };
    for (const table of tables) {
      const info = table.lookup(address);
      if (info === undefined) continue;
      if (info.asn !== 0) out.set(formatCidr(c), info);
      break;
    }
  }
  return out;
}
