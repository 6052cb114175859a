// A DNS zone in a few lines for check_host() tests: names not listed answer NXDOMAIN, listed
// names without the asked type answer no data, and 'failed' is a lookup that failed.

import { parseCidr } from '../../shared/cidr';
import { dnsName, type Address, type DnsAnswer, type DnsView, type MxRecord, type RRType } from '../../shared/dns-answers';

type Value<T> = T | 'failed';
export interface ZoneEntry {
  /** One string per record, or the record's strings as published. */
  TXT?: Value<Array<string | string[]>>;
  A?: Value<string[]>;
  AAAA?: Value<string[]>;
  MX?: Value<Array<[number, string]>>;
  PTR?: Value<string[]>;
}

export type Zone = Record<string, ZoneEntry>;

export interface ZoneView extends DnsView {
  /** Every (name, type) asked, in order. */
  asked: string[];
}

/** `strict`: a name that is not listed is not stored at all (what a pull has not fetched yet). */
export function zoneView(zone: Zone, { strict = false } = {}): ZoneView {
  const byName = new Map(Object.entries(zone).map(([name, entry]) => [dnsName(name), entry]));
  const asked: string[] = [];
  return {
    asked,
    answer<T extends RRType>(name: string, type: T): DnsAnswer<T> | undefined {
      asked.push(`${type} ${name}`);
      const entry = byName.get(dnsName(name));
      if (!entry) return strict ? undefined : { status: 'nxdomain' };
      const value = entry[type];
      if (value === undefined) return { status: 'nodata' };
      if (value === 'failed') return { status: 'failed', error: 'timed out' };
      let records: unknown;
      if (type === 'TXT') records = (value as Array<string | string[]>).map((r) => (typeof r === 'string' ? [r] : r));
      else if (type === 'MX') records = (value as Array<[number, string]>).map(([priority, exchange]): MxRecord => ({ priority, exchange }));
      else records = value;
      return { status: 'ok', records } as DnsAnswer<T>;
    },
  };
}

export function address(text: string): Address {
  const parsed = parseCidr(text);
  if (!parsed.ok) throw new Error(`not an address: ${text}`);
  return parsed.cidr as Address;
}
