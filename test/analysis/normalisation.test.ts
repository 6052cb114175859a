import { describe, expect, it } from 'vitest';
import { compareCidrs, formatCidr, parseCidr, parseIPv4Bytes, parsedV4 } from '../../shared/cidr';
import { binIndex, effectiveCutoff, isUnderCutoff } from '../../shared/cutoff';
import { normaliseDomain } from '../../shared/domain';
import { compareOrgs, normaliseOrg } from '../../shared/org';

const norm = (text: string) => {
  const parsed = parseCidr(text);
  return parsed.ok ? formatCidr(parsed.cidr) : `invalid: ${parsed.reason}`;
};

describe('feedback CIDRs and model entries in one normal form', () => {
  it('makes a bare address a /32 or /128', () => {
    expect(norm('192.0.2.1')).toBe('192.0.2.1/32');
    expect(norm('2001:db8::1')).toBe('2001:db8::1/128');
  });
  it('zeroes host bits', () => {
    expect(norm('184.94.241.97/24')).toBe('184.94.241.0/24');
    expect(norm('198.51.100.5/30')).toBe('198.51.100.4/30');
    expect(norm('2001:db8:1:2:3:4:5:6/48')).toBe('2001:db8:1::/48');
    expect(norm('2001:db8::ffff/127')).toBe('2001:db8::fffe/127');
    expect(norm('10.1.2.3/0')).toBe('0.0.0.0/0');
    expect(norm('255.255.255.255/1')).toBe('128.0.0.0/1');
  });
  it('writes IPv6 as RFC 5952 says', () => {
    expect(norm('2001:DB8:2::1')).toBe('2001:db8:2::1/128');
    expect(norm('2001:0db8:0000:0000:0000:0000:0000:0001')).toBe('2001:db8::1/128');
    expect(norm('2001:db8:0:1:1:1:1:1')).toBe('2001:db8:0:1:1:1:1:1/128'); // one zero group is not shortened
    expect(norm('2001:0:0:1:0:0:0:1')).toBe('2001:0:0:1::1/128'); // the longest run
    expect(norm('2001:db8:0:0:1:0:0:1')).toBe('2001:db8::1:0:0:1/128'); // the first of equal runs
    expect(norm('::')).toBe('::/128');
    expect(norm('::ffff:192.0.2.1')).toBe('::ffff:192.0.2.1/128');
    expect(norm('fe80::1:2')).toBe('fe80::1:2/128');
  });
  it('rejects what is not an address or prefix', () => {
    for (const bad of [
      '999.1.1.1',
      '300.1.1.1',
      '10.0.0.0/33',
      '192.0.2.0/40',
      '1.2.3',
      '1.2.3.4.5',
      '1.2.3.4/',
      '1.2.3.4/-1',
      'a.b.c.d',
      '2001:db8::/129',
      '2001:db8:::1',
      '1::2::3',
      'fe80::1%eth0',
      '',
      ' ',
      '12345::',
    ]) {
      expect(parseCidr(bad).ok, bad).toBe(false);
    }
  });
  it('orders IPv4 before IPv6, then by address, then by prefix length', () => {
    const sorted = ['2001:db8::/32', '10.0.0.0/8', '10.0.0.0/24', '9.255.255.255', '::1']
      .map((t) => (parseCidr(t) as { ok: true; cidr: never }).cidr)
      .sort(compareCidrs)
      .map(formatCidr);
    expect(sorted).toEqual(['9.255.255.255/32', '10.0.0.0/8', '10.0.0.0/24', '::1/128', '2001:db8::/32']);
  });
  it('parses IPv4 from bytes exactly like the text parser', () => {
    const enc = new TextEncoder();
    for (const text of ['192.0.2.1', '184.94.241.97/24', '0.0.0.0/0', '255.255.255.255']) {
      const bytes = enc.encode(`xx${text}yy`);
      expect(parseIPv4Bytes(bytes, 2, bytes.length - 2), text).toBe(true);
      expect(`${parsedV4.start}/${parsedV4.prefix}`).toBe(
        ((c) => `${c.start}/${c.prefix}`)((parseCidr(text) as { ok: true; cidr: { start: number; prefix: number } }).cidr),
      );
    }
    for (const text of ['256.0.0.1', '1.2.3.4/33', '1.2.3', '::1', ' 1.2.3.4', '1.2.3.4/']) {
      const bytes = enc.encode(text);
      expect(parseIPv4Bytes(bytes, 0, bytes.length), text).toBe(false);
    }
  });
});

describe('domains', () => {
  it('trims, lower-cases and drops one trailing dot', () => {
    expect(normaliseDomain('  Shop.Example. ')).toBe('shop.example');
    expect(normaliseDomain('V6.example')).toBe('v6.example');
  });
  it('turns internationalised names to ASCII as the URL parser does (UTS #46 non-transitional)', () => {
    expect(normaliseDomain('Bücher.Example.')).toBe('xn--bcher-kva.example');
    expect(normaliseDomain('münchen.example')).toBe('xn--mnchen-3ya.example');
    expect(normaliseDomain('faß.de')).toBe('xn--fa-hia.de'); // non-transitional keeps ß
  });
  it('refuses text that is not a host name', () => {
    for (const bad of ['', '.', 'a..b', 'user@example.com', 'exa mple.com', 'http://x/y', 'ex:ample']) expect(normaliseDomain(bad), bad).toBeNull();
  });
});

describe('organisation ids', () => {
  it('is a number when an integer, also from a digit string, else a string', () => {
    expect(normaliseOrg(54)).toBe(54);
    expect(normaliseOrg('54')).toBe(54);
    expect(normaliseOrg('acme-eu')).toBe('acme-eu');
    expect(normaliseOrg(1.5)).toBe('1.5');
    expect(normaliseOrg(null)).toBeNull();
  });
  it('sorts numbers ascending, then strings', () => {
    expect([10, 'b', 2, 'a', 100].sort(compareOrgs)).toEqual([2, 10, 100, 'a', 'b']);
  });
});

describe('cutoff and histograms', () => {
  it('counts a value at the cutoff, with 1e-9 of tolerance', () => {
    expect(isUnderCutoff(1 - 0.7, 0.3)).toBe(true);
    expect(isUnderCutoff(0.3 + 2e-9, 0.3)).toBe(false);
  });
  it('bins [i/50, (i+1)/50), the last also holding 1, outside values in the end bins', () => {
    expect(binIndex(0)).toBe(0);
    expect(binIndex(0.02)).toBe(1);
    expect(binIndex(0.3)).toBe(15);
    expect(binIndex(0.0399999)).toBe(1);
    expect(binIndex(1)).toBe(49);
    expect(binIndex(1.5)).toBe(49);
    expect(binIndex(-0.2)).toBe(0);
  });
  it('takes --cutoff, else the build threshold, else 0.3', () => {
    expect(effectiveCutoff(0.5, 0.2)).toBe(0.5);
    expect(effectiveCutoff(undefined, 0.2)).toBe(0.2);
    expect(effectiveCutoff(undefined, null)).toBe(0.3);
  });
});
