// The in-memory form of one sender-model build: per domain, its model entries sorted by
// address then prefix length, in flat typed arrays (DESIGN §5: integers, sorting, merging).
// IPv4 entries are 32-bit starts; IPv6 entries are two 64-bit halves. A domain's entries are
// v4[v4Offsets[d] .. v4Offsets[d+1]) and v6[v6Offsets[d] .. v6Offsets[d+1]).

export interface SenderModelIndex {
  /** Normalised domains, sorted ascending (code-unit order), no duplicates. */
  domains: string[];
  v4Offsets: Uint32Array; // length domains.length + 1
  v4Start: Uint32Array;
  v4Prefix: Uint8Array;
  v4Score: Float64Array;
  v6Offsets: Uint32Array; // length domains.length + 1
  v6Hi: BigUint64Array;
  v6Lo: BigUint64Array;
  v6Prefix: Uint8Array;
  v6Score: Float64Array;
  version: string | null;
  threshold: number | null;
}

export function entryCount(index: SenderModelIndex): number {
  return index.v4Start.length + index.v6Hi.length;
}
