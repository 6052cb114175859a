// The sending network of an item (DESIGN §8's last bullet): the registered domain of its PTR
// names by the Public Suffix List (`mail129-93.suw10.mcsv.net` → `mcsv.net`,
// `ec2-…compute-1.amazonaws.com` → `amazonaws.com`), or its AS. Findings grouped by it show at
// one look that most of an org's findings are one provider's mailing-list addresses — the
// notebook's "if ≥ X PTR-neighbourhood IPs send for a domain" heuristic.

import { getDomain } from 'tldts';
import type { SenderContext } from './sender-context';
import type { NetworkKind } from './sender-context-view';

/**
 * The registered domain of a PTR name. tldts reads the list's ICANN section only (its default),
 * so a provider's own private suffixes (`compute-1.amazonaws.com`) group under the provider. A
 * name without one (a bare suffix, an address) stands for itself.
 */
export function ptrNetwork(name: string): string {
  return getDomain(name) ?? name;
}

/** The networks of an item, distinct and sorted: its PTR names' registered domains, or its AS number as text; [] for none. */
export function sendingNetworks(context: SenderContext | null, by: NetworkKind): string[] {
  if (context === null) return [];
  if (by === 'as') return context.asn === null ? [] : [String(context.asn)];
  if (context.ptr === null || context.ptr.length === 0) return [];
  return [...new Set(context.ptr.map(ptrNetwork))].sort();
}
