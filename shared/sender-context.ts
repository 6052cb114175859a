// The sender context of one authenticity item (DESIGN §8), as findings and compare reports add
// it with `--context ID`: SPF evaluated offline from the stored answers, PTR names with forward
// confirmation, and the AS of the CIDR's network address. This file is the seam between the
// context snapshot (who computes these) and the reports and views (who show them).

export type SpfResult = 'pass' | 'fail' | 'softfail' | 'neutral' | 'none' | 'permerror' | 'temperror';

export interface SenderContext {
  /** check_host() for a single-address item; null for a wider CIDR. */
  spf: SpfResult | null;
  /** The term of the domain's own record that decided, as written; null when none did. */
  spfMechanism: string | null;
  /** Distinct PTR names, lower-case, no trailing dot, sorted; [] for NXDOMAIN; null when failed or wider. */
  ptr: string[] | null;
  fcrdns: boolean | null;
  asn: number | null;
  asName: string | null;
}

/** The columns CSV output gains with --context, at the end, with these exact headers (DESIGN §8). */
export const SENDER_CONTEXT_COLUMNS = ['spf', 'spfMechanism', 'ptr', 'fcrdns', 'asn', 'asName'] as const;

/**
 * What a report asks of a loaded context snapshot: the context of one item, or null when the
 * snapshot does not cover it (it was pulled for another feedback pull).
 */
export interface SenderContextSource {
  /** The feedback pull the context was pulled for (the report's default --feedback with --context). */
  readonly feedback: string;
  contextOf(item: { org: number | string; domain: string; cidr: string }): SenderContext | null;
}
