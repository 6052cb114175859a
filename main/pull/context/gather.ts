// What a context pull asks DNS, and the asking (DESIGN §8). Three kinds of work run side by side,
// every lookup made once whatever needs it:
//   - per feedback domain, its SPF policy walked without an address (includes and redirects);
//   - per single-address item, check_host() for that address, which needs the answers that
//     depend on it (a, mx, ptr, exists, %{i}-style macros);
//   - per address — the feedback's single addresses and, with a build, the domain's model entries
//     in the same /24 or /48 — its PTR names and each name's A (AAAA) answer.
// The SPF work runs the offline evaluator itself: where it needs an answer that is not stored
// yet, it says which, that one is fetched, and evaluation starts again. So the snapshot holds
// exactly the answers that evaluation reads, however the records are written.

import { formatCidr, parseCidr, type Cidr } from '../../../shared/cidr';
import { addressType, isSingleAddress, reverseName, type Address, type DnsAnswer, type RRType } from '../../../shared/dns-answers';
import { findDomain } from '../../../shared/join';
import { neighbourhoodBlock } from '../../../shared/cidr';
import { itemKey, ptrNames } from '../../../shared/sender-context-of';
import type { SenderModelIndex } from '../../../shared/sender-model-index';
import { checkHost } from '../../../shared/spf/check-host';
import { StoredDns } from '../../workspace/context-store';
import type { DnsSource } from './dns-client';

/** More model entries than this in one /24 or /48 of one domain are not looked up (a busy /48). */
export const MAX_NEIGHBOURS_PER_BLOCK = 256;

export interface GatherInput {
  /** The feedback's authenticity items, normalised (domain, CIDR text). */
  items: Iterable<{ domain: string; cidr: string }>;
  build?: SenderModelIndex | null;
}

export interface GatherProgress {
  /** Domains and addresses done, of the total (DESIGN §8: names done / total). */
  done: number;
  total: number;
  lookups: number;
  failed: number;
}

export interface GatherResult {
  dns: StoredDns;
  items: Array<{ domain: string; cidr: string }>;
  neighbours: Array<{ domain: string; block: string; entry: string }>;
  domains: number;
  addresses: number;
}

export interface GatherPlan {
  items: Array<{ domain: string; cidr: string }>;
  domains: string[];
  /** Per domain, its single feedback addresses. */
  spfAddresses: Map<string, Address[]>;
  /** Every address whose PTR names are fetched, by normal-form text. */
  addresses: Map<string, Address>;
  neighbours: Array<{ domain: string; block: string; entry: string }>;
}

export function planGather(input: GatherInput): GatherPlan {
  const seen = new Set<string>();
  const items: Array<{ domain: string; cidr: string }> = [];
  const spfAddresses = new Map<string, Address[]>();
  const addresses = new Map<string, Address>();
  const neighbours: Array<{ domain: string; block: string; entry: string }> = [];
  const blocksDone = new Set<string>();
  for (const item of input.items) {
    const key = itemKey(item.domain, item.cidr);
    if (seen.has(key)) continue;
    seen.add(key);
    items.push({ domain: item.domain, cidr: item.cidr });
    const parsed = parseCidr(item.cidr);
    if (!spfAddresses.has(item.domain)) spfAddresses.set(item.domain, []);
    if (!parsed.ok) continue;
    if (isSingleAddress(parsed.cidr)) {
      spfAddresses.get(item.domain)!.push(parsed.cidr as Address);
      addresses.set(item.cidr, parsed.cidr as Address);
    }
    if (input.build) {
      const block = neighbourhoodBlock(parsed.cidr);
      const blockText = formatCidr(block);
      const blockKey = itemKey(item.domain, blockText);
      if (blocksDone.has(blockKey)) continue;
      blocksDone.add(blockKey);
      for (const entry of blockAddresses(input.build, item.domain, block, MAX_NEIGHBOURS_PER_BLOCK)) {
        const text = formatCidr(entry);
        neighbours.push({ domain: item.domain, block: blockText, entry: text });
        addresses.set(text, entry);
      }
    }
  }
  return { items, domains: [...spfAddresses.keys()], spfAddresses, addresses, neighbours };
}

/** The domain's single-address model entries inside `block`, in address order, at most `max`. */
export function blockAddresses(index: SenderModelIndex, domain: string, block: Cidr, max: number): Address[] {
  const d = findDomain(index.domains, domain);
  const out: Address[] = [];
  if (d < 0) return out;
  if (block.family === 4) {
    const end = block.start + 2 ** (32 - block.prefix) - 1;
    for (let k = index.v4Offsets[d]; k < index.v4Offsets[d + 1] && out.length < max; k++) {
      const start = index.v4Start[k];
      if (start > end) break;
      if (start >= block.start && index.v4Prefix[k] === 32) out.push({ family: 4, start, prefix: 32 });
    }
    return out;
  }
  const [hiBlock, prefix] = [block.hi, block.prefix];
  const mask = prefix >= 64 ? (1n << 64n) - 1n : ((1n << 64n) - 1n) ^ ((1n << BigInt(64 - prefix)) - 1n);
  for (let k = index.v6Offsets[d]; k < index.v6Offsets[d + 1] && out.length < max; k++) {
    if ((index.v6Hi[k] & mask) !== hiBlock) continue; // /48 blocks: the high half decides
    if (index.v6Prefix[k] === 128) out.push({ family: 6, hi: index.v6Hi[k], lo: index.v6Lo[k], prefix: 128 });
  }
  return out;
}

export interface GatherOptions {
  onProgress?: (progress: GatherProgress) => void;
  signal?: AbortSignal;
}

/** Asks every question of the plan through `source`, each (name, type) once. */
export async function gather(plan: GatherPlan, source: DnsSource, options: GatherOptions = {}): Promise<GatherResult> {
  const dns = new StoredDns();
  const pending = new Map<string, Promise<void>>();
  const progress: GatherProgress = { done: 0, total: plan.domains.length + plan.addresses.size, lookups: 0, failed: 0 };
  const report = () => options.onProgress?.({ ...progress });

  const fetch = (name: string, type: RRType): Promise<void> => {
    const key = `${type} ${name}`;
    let promise = pending.get(key);
    if (!promise) {
      promise = source.lookup(name, type).then((answer: DnsAnswer) => {
        dns.set(name, type, answer);
        progress.lookups++;
        if (answer.status === 'failed') progress.failed++;
      });
      pending.set(key, promise);
    }
    return promise;
  };

  /** Evaluates until nothing it reads is missing. */
  const evaluate = async (ip: Address | null, domain: string): Promise<void> => {
    for (;;) {
      const check = checkHost(ip, domain, dns);
      if (!check.missing) return;
      const before = dns.answer(check.missing.name, check.missing.type);
      await fetch(check.missing.name, check.missing.type);
      if (before !== undefined) return; // cannot happen: a stored answer is never missing
    }
  };

  const spf = async (domain: string): Promise<void> => {
    await evaluate(null, domain);
    await Promise.all(plan.spfAddresses.get(domain)!.map((ip) => evaluate(ip, domain)));
    progress.done++;
    report();
  };

  const reverse = async (address: Address): Promise<void> => {
    await fetch(reverseName(address), 'PTR');
    const names = ptrNames(dns, address) ?? [];
    await Promise.all(names.map((name) => fetch(name, addressType(address))));
    progress.done++;
    report();
  };

  report();
  // Everything is started at once: the source bounds how many lookups are in flight, and the
  // work that waits on one answer does not hold up the rest.
  await Promise.all([...plan.domains.map(spf), ...[...plan.addresses.values()].map(reverse)]);
  if (options.signal?.aborted) throw options.signal.reason ?? new Error('cancelled');
  return { dns, items: plan.items, neighbours: plan.neighbours, domains: plan.domains.length, addresses: plan.addresses.size };
}
