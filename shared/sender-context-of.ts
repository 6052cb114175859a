// The sender context of one authenticity item (DESIGN §8) from a loaded context snapshot:
// check_host() over the stored answers, the PTR names and their forward confirmation, the AS of
// the CIDR's network address. Pure: the same answers always give the same context.

import { parseCidr } from './cidr';
import { addressType, dnsName, isSameAddress, isSingleAddress, isVoid, reverseName, type Address, type DnsView } from './dns-answers';
import type { SenderContext, SenderContextSource } from './sender-context';
import { checkHost } from './spf/check-host';

export interface AsInfo {
  asn: number;
  asName: string | null;
}

/** A context snapshot as loaded: what it was pulled for, its answers, and the AS of each CIDR. */
export interface ContextData {
  feedback: string;
  build: string | null;
  dns: DnsView;
  /** `domain \0 cidr` of every item the pull covered. */
  items: ReadonlySet<string>;
  /** AS per feedback CIDR (normal form); absent when the table had none, or AS 0. */
  asByCidr: ReadonlyMap<string, AsInfo>;
  /** Model entries of the domain in the item's /24 or /48, per `domain \0 block`. */
  neighbours: ReadonlyMap<string, string[]>;
}

export function itemKey(domain: string, cidr: string): string {
  return `${domain}\u0000${cidr}`;
}

export function senderContextOf(data: ContextData, item: { domain: string; cidr: string }): SenderContext | null {
  if (!data.items.has(itemKey(item.domain, item.cidr))) return null;
  const parsed = parseCidr(item.cidr);
  const as = data.asByCidr.get(item.cidr);
  const context: SenderContext = { spf: null, spfMechanism: null, ptr: null, fcrdns: null, asn: as?.asn ?? null, asName: as ? as.asName : null };
  if (!parsed.ok || !isSingleAddress(parsed.cidr)) return context;
  const address = parsed.cidr as Address;
  const spf = checkHost(address, item.domain, data.dns);
  context.spf = spf.result;
  context.spfMechanism = spf.mechanism;
  context.ptr = ptrNames(data.dns, address);
  context.fcrdns = forwardConfirmed(data.dns, address, context.ptr);
  return context;
}

/** A SenderContextSource over loaded data; contexts are computed once per (domain, CIDR). */
export function senderContextSource(data: ContextData): SenderContextSource {
  const memo = new Map<string, SenderContext | null>();
  return {
    feedback: data.feedback,
    contextOf(item) {
      const key = itemKey(item.domain, item.cidr);
      let context = memo.get(key);
      if (context === undefined) {
        context = senderContextOf(data, item);
        memo.set(key, context);
      }
      return context;
    },
  };
}

/** Distinct PTR names, lower-case, no trailing dot, by code point; [] for none; null when failed or not stored. */
export function ptrNames(dns: DnsView, address: Address): string[] | null {
  const answer = dns.answer(reverseName(address), 'PTR');
  if (answer === undefined || answer.status === 'failed') return null;
  if (isVoid(answer)) return [];
  const names = new Set((answer as { records: string[] }).records.map(dnsName).filter((n) => n !== ''));
  return [...names].sort(compareCodePoints);
}

/**
 * true when a name's A (AAAA) answer holds the address; false when every lookup answered and none
 * did; null when there are no names or a lookup failed (or is not stored).
 */
export function forwardConfirmed(dns: DnsView, address: Address, names: string[] | null): boolean | null {
  if (names === null || names.length === 0) return null;
  let unknown = false;
  for (const name of names) {
    const answer = dns.answer(name, addressType(address));
    if (answer === undefined || answer.status === 'failed') unknown = true;
    else if (answer.status === 'ok' && answer.records.some((r) => isSameAddress(r, address))) return true;
  }
  return unknown ? null : false;
}

export function compareCodePoints(a: string, b: string): number {
  const x = Array.from(a);
  const y = Array.from(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i].codePointAt(0)! - y[i].codePointAt(0)!;
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

/** What the detail pane shows of the item's /24 (/48): each model entry with its PTR names. */
export interface NeighbourContext {
  entry: string;
  ptr: string[] | null;
  fcrdns: boolean | null;
}

/** The /24 (IPv4) or /48 (IPv6) around a CIDR, the neighbourhood of the notebook's PTR questions. */

export function neighboursOf(data: ContextData, domain: string, block: string): NeighbourContext[] {
  const entries = data.neighbours.get(itemKey(domain, block)) ?? [];
  return entries.map((entry) => {
    const parsed = parseCidr(entry);
    if (!parsed.ok || !isSingleAddress(parsed.cidr)) return { entry, ptr: null, fcrdns: null };
    const address = parsed.cidr as Address;
    const ptr = ptrNames(data.dns, address);
    return { entry, ptr, fcrdns: forwardConfirmed(data.dns, address, ptr) };
  });
}
