// The domain's other model entries near a feedback CIDR: those in the same /24 (IPv4) or /48
// (IPv6) that do not match the item — the "PTR neighbourhood" the notebook kept asking about.
// A binary search into the domain's sorted entries, then a walk over the block only. Entries
// that contain the whole block also contain the item, so they are matches, never neighbours.

import { endV4, endV6, formatCidr, neighbourhoodBlock, type Cidr } from '../../shared/cidr';
import { formatEntry } from '../../shared/authenticity';
import { entryScore } from '../../shared/join';
import type { SenderModelIndex } from '../../shared/sender-model-index';
import type { ModelMatch } from '../../shared/types';
import { lowerBound } from './sorted-search';

/** More than this many neighbours (a busy IPv6 /48) are cut, and the block text says so. */
export const MAX_NEIGHBOURS = 1000;

/** The neighbourhood's text: `198.51.100.0/24`, `2001:db8:5::/48`. */
export function neighbourhoodText(cidr: Cidr): string {
  return formatCidr(neighbourhoodBlock(cidr));
}

/** Entries (global ids) of `domain` whose start lies in the item's /24 or /48, in address order. */
export function blockEntries(index: SenderModelIndex, domain: number, cidr: Cidr): number[] {
  const out: number[] = [];
  if (domain < 0) return out;
  const block = neighbourhoodBlock(cidr);
  if (block.family === 4) {
    const { start } = block;
    const end = endV4(start, block.prefix);
    const b = index.v4Offsets[domain + 1];
    for (let k = lowerBound(index.v4Start, start, index.v4Offsets[domain], b); k < b && index.v4Start[k] <= end; k++) out.push(k);
    return out;
  }
  const { hi: hs, lo: ls } = block;
  const [he, le] = endV6(hs, ls, block.prefix);
  const { v6Hi, v6Lo } = index;
  const a = index.v6Offsets[domain];
  const b = index.v6Offsets[domain + 1];
  // First entry at or after (hs, ls): the high halves first, then the low halves among equals.
  let k = lowerBound(v6Hi, hs, a, b);
  while (k < b && v6Hi[k] === hs && v6Lo[k] < ls) k++;
  const base = index.v4Start.length;
  for (; k < b && (v6Hi[k] < he || (v6Hi[k] === he && v6Lo[k] <= le)); k++) out.push(base + k);
  return out;
}

export function neighbours(index: SenderModelIndex, domain: number, cidr: Cidr, matched: ArrayLike<number>): { entries: ModelMatch[]; total: number } {
  const skip = new Set(Array.from(matched));
  const ids = blockEntries(index, domain, cidr).filter((e) => !skip.has(e));
  return {
    entries: ids.slice(0, MAX_NEIGHBOURS).map((e) => ({ entry: formatEntry(index, e), score: entryScore(index, e) })),
    total: ids.length,
  };
}
