// What the SQL peers (DuckDB, SQLite) get: the same build and the same feedback items as our
// join, as integer columns, the way a data engineer would lay them out — one row per model
// entry (domain, start, end, score) and one per feedback item (item, domain, start, end).
// IPv4 only: an address range is a 32-bit integer pair that fits a BIGINT, where IPv6 would
// need 128-bit arithmetic; the peers skip IPv6 items (and entries) and the table says so.

import { endV4 } from '../../../shared/cidr';
import type { AuthenticityItem } from '../../../shared/items';
import type { SenderModelIndex } from '../../../shared/sender-model-index';

export interface PeerInput {
  /** Model entries: domain (by position in `domains`), first and last address, score. */
  domains: string[];
  entryDomain: Int32Array;
  entryStart: Uint32Array;
  entryEnd: Uint32Array;
  entryScore: Float64Array;
  /** Feedback items (IPv4 only): position in the full item list, domain, first and last address. */
  itemId: Int32Array;
  itemDomain: string[];
  itemStart: Uint32Array;
  itemEnd: Uint32Array;
  /** IPv6 items left out. */
  skippedV6Items: number;
}

export function peerInput(index: SenderModelIndex, items: AuthenticityItem[]): PeerInput {
  const n = index.v4Start.length;
  const entryDomain = new Int32Array(n);
  const entryEnd = new Uint32Array(n);
  for (let d = 0; d < index.domains.length; d++) entryDomain.fill(d, index.v4Offsets[d], index.v4Offsets[d + 1]);
  for (let i = 0; i < n; i++) entryEnd[i] = endV4(index.v4Start[i], index.v4Prefix[i]);
  const ids: number[] = [];
  for (let i = 0; i < items.length; i++) if (items[i].cidr.family === 4) ids.push(i);
  const itemStart = new Uint32Array(ids.length);
  const itemEnd = new Uint32Array(ids.length);
  const itemDomain: string[] = [];
  ids.forEach((i, k) => {
    const c = items[i].cidr;
    if (c.family !== 4) return;
    itemStart[k] = c.start;
    itemEnd[k] = endV4(c.start, c.prefix);
    itemDomain.push(items[i].domain);
  });
  return {
    domains: index.domains,
    entryDomain,
    entryStart: index.v4Start,
    entryEnd,
    entryScore: index.v4Score,
    itemId: Int32Array.from(ids),
    itemDomain,
    itemStart,
    itemEnd,
    skippedV6Items: items.length - ids.length,
  };
}

/** One item's stats as a peer computed them (null stats when nothing matched). */
export interface PeerRow {
  item: number;
  count: number;
  min: number | null;
  mean: number | null;
  max: number | null;
}

export interface PeerTiming {
  peer: string;
  /** Loading the tables and building indexes (not part of the comparison). */
  loadMs: number;
  /** The query over the items it ran. */
  queryMs: number;
  /** Items it ran (all IPv4 items, or a random sample when the full run would take too long). */
  itemsRun: number;
  itemsAll: number;
  /** queryMs scaled to all IPv4 items (= queryMs when it ran them all). */
  fullMs: number;
  rows: PeerRow[];
}

/** The join the peers run, in their dialect's common SQL: an overlap join on integer columns. */
export const RANGE_JOIN_SQL = `
SELECT f.item,
       count(m.score) AS n,
       min(m.score)   AS lo,
       avg(m.score)   AS mean,
       max(m.score)   AS hi
FROM feedback f
LEFT JOIN model m
  ON f.domain = m.domain AND m.start_ip <= f.end_ip AND m.end_ip >= f.start_ip
GROUP BY f.item`;
