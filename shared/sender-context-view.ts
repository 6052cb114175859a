// What the findings table makes of an item's sender context (DESIGN §8): the values its SPF and
// forward-confirmation filters offer, the notebook's cerner.com question "in SPF but under the
// cutoff", how a cell tells an item the context snapshot does not cover from a failed lookup,
// and the sort ranks. One place for each: the views (main/views/) filter, sort and count with
// these, and the renderer names them.

import { parseCidr } from './cidr';
import { isSingleAddress } from './dns-answers';
import type { SenderContext, SpfResult } from './sender-context';

export const SPF_RESULTS = ['pass', 'fail', 'softfail', 'neutral', 'none', 'permerror', 'temperror'] as const satisfies readonly SpfResult[];

/** The SPF filter's values: each result, no result (a wider CIDR), and not covered by the context snapshot. */
export const SPF_FILTERS = [...SPF_RESULTS, 'no-result', 'not-covered'] as const;
export type SpfFilter = (typeof SPF_FILTERS)[number];

export function spfFilterOf(context: SenderContext | null): SpfFilter {
  if (context === null) return 'not-covered';
  return context.spf ?? 'no-result';
}

/** The forward-confirmation filter's values: confirmed, not, unknown (no names, a failed lookup, a wider CIDR), not covered. */
export const FCRDNS_FILTERS = ['confirmed', 'not-confirmed', 'unknown', 'not-covered'] as const;
export type FcrdnsFilter = (typeof FCRDNS_FILTERS)[number];

export function fcrdnsFilterOf(context: SenderContext | null): FcrdnsFilter {
  if (context === null) return 'not-covered';
  return context.fcrdns === true ? 'confirmed' : context.fcrdns === false ? 'not-confirmed' : 'unknown';
}

/**
 * The cerner.com case: the domain's SPF record passes the address, yet the model scores the item
 * at or under the cutoff (`underCutoff` is DESIGN §4's: scored, and ≤ cutoff + 1e-9).
 */
export function inSpfUnderCutoff(context: SenderContext | null, underCutoff: boolean): boolean {
  return underCutoff && context !== null && context.spf === 'pass';
}

/** How the sending networks are told apart: the registered domain of the PTR names, or the AS. */
export const NETWORK_KINDS = ['ptr', 'as'] as const;
export type NetworkKind = (typeof NETWORK_KINDS)[number];

/**
 * What an item's PTR cell can say: not covered by the context snapshot; a wider CIDR (nothing is
 * looked up for it); the lookup failed; no names (NXDOMAIN or an empty answer); names.
 */
export type PtrState = 'not-covered' | 'wider' | 'failed' | 'no-names' | 'names';

export function ptrStateOf(cidr: string, context: SenderContext | null): PtrState {
  if (context === null) return 'not-covered';
  const parsed = parseCidr(cidr);
  if (!parsed.ok || !isSingleAddress(parsed.cidr)) return 'wider';
  if (context.ptr === null) return 'failed';
  return context.ptr.length === 0 ? 'no-names' : 'names';
}

/** The findings table's columns of the sender context, sortable only with a context chosen. */
export const CONTEXT_SORT_COLUMNS: ReadonlySet<string> = new Set(['spf', 'ptr', 'fcrdns', 'asn']);

/** Sort rank of an SPF result (pass first, the errors last); NaN — listed last either way — without one. */
export function spfRank(context: SenderContext | null): number {
  return context?.spf ? SPF_RESULTS.indexOf(context.spf) : Number.NaN;
}

/** Sort rank of forward confirmation: confirmed, then not; NaN when unknown or not covered. */
export function fcrdnsRank(context: SenderContext | null): number {
  return context?.fcrdns === true ? 0 : context?.fcrdns === false ? 1 : Number.NaN;
}
