// RFC 7208 check_host() offline (DESIGN §8), one test per rule of §4–§7 that it implements.
// Each test gives the zone it reads; the client is 192.0.2.10 unless said otherwise.

import { describe, expect, it } from 'vitest';
import { checkHost, MAX_DNS_TERMS } from '../../shared/spf/check-host';
import { address, zoneView, type Zone } from './zone';

const IP = '192.0.2.10';

function spf(zone: Zone, domain = 'example.com', ip = IP): [string, string | null] {
  const check = checkHost(address(ip), domain, zoneView(zone));
  return [check.result, check.mechanism];
}

const record = (text: string, extra: Zone = {}): Zone => ({ 'example.com': { TXT: [text] }, ...extra });

describe('§4.3 initial processing', () => {
  it('gives none for a name that is not multi-label, without a lookup', () => {
    const view = zoneView({ localhost: { TXT: ['v=spf1 +all'] } });
    expect(checkHost(address(IP), 'localhost', view).result).toBe('none');
    expect(view.asked).toEqual([]);
  });

  it('gives none when the domain does not exist (NXDOMAIN)', () => {
    expect(spf({})).toEqual(['none', null]);
  });

  it('gives none for a label longer than 63 characters', () => {
    expect(spf({}, `${'a'.repeat(64)}.example.com`)).toEqual(['none', null]);
  });
});

describe('§4.4 record lookup', () => {
  it('gives temperror when the TXT lookup failed', () => {
    expect(spf({ 'example.com': { TXT: 'failed' } })).toEqual(['temperror', null]);
  });
});

describe('§4.5 selecting records', () => {
  it('gives none when no TXT record is an SPF record', () => {
    expect(spf({ 'example.com': { TXT: ['google-site-verification=abc', 'v=spf10 +all', 'v=spf1x +all'] } })).toEqual(['none', null]);
  });

  it('gives none for a domain with other records but no TXT', () => {
    expect(spf({ 'example.com': { A: ['192.0.2.1'] } })).toEqual(['none', null]);
  });

  it('gives permerror for two SPF records, even identical ones', () => {
    expect(spf({ 'example.com': { TXT: ['v=spf1 +all', 'v=spf1 -all'] } })).toEqual(['permerror', null]);
    expect(spf({ 'example.com': { TXT: ['v=spf1 +all', 'v=spf1 +all'] } })).toEqual(['permerror', null]);
  });

  it('joins a record split into several strings with nothing between them', () => {
    expect(spf({ 'example.com': { TXT: [['v=spf1 ip4:192.0.2', '.0/24 -all']] } })).toEqual(['pass', 'ip4:192.0.2.0/24']);
  });

  it('reads v=spf1 in any case, and ignores the other TXT records', () => {
    expect(spf({ 'example.com': { TXT: ['hello', 'V=SPF1 ip4:192.0.2.10 -all'] } })).toEqual(['pass', 'ip4:192.0.2.10']);
  });

  it('takes a record that is only the version as one that matches nothing', () => {
    expect(spf(record('v=spf1'))).toEqual(['neutral', null]);
  });
});

describe('§4.6 record evaluation', () => {
  it('gives permerror for a syntax error anywhere, even after a term that matches', () => {
    expect(spf(record('v=spf1 ip4:192.0.2.10 bogus:example.net -all'))).toEqual(['permerror', null]);
    expect(spf(record('v=spf1 +all ip4:192.0.2.300'))).toEqual(['permerror', null]);
    expect(spf(record('v=spf1 +all a:example'))).toEqual(['permerror', null]);
  });

  it('ignores unknown modifiers and extra spaces', () => {
    expect(spf(record('v=spf1   foo=bar.example   ip4:192.0.2.10  -all  '))).toEqual(['pass', 'ip4:192.0.2.10']);
  });

  it('reads mechanism and modifier names in any case, and names the term as written', () => {
    expect(spf(record('v=spf1 IP4:192.0.2.0/24 -ALL'))).toEqual(['pass', 'IP4:192.0.2.0/24']);
    expect(spf(record('v=spf1 ip4:198.51.100.1 REDIRECT=_spf.example.com', { '_spf.example.com': { TXT: ['v=spf1 -all'] } }))).toEqual([
      'fail',
      'REDIRECT=_spf.example.com',
    ]);
  });

  it('evaluates left to right: the first term that matches decides', () => {
    expect(spf(record('v=spf1 -ip4:192.0.2.10 +ip4:192.0.2.0/24 ~all'))).toEqual(['fail', '-ip4:192.0.2.10']);
  });
});

describe('§4.6.2 qualifiers', () => {
  it.each([
    ['+ip4:192.0.2.10', 'pass'],
    ['ip4:192.0.2.10', 'pass'],
    ['-ip4:192.0.2.10', 'fail'],
    ['~ip4:192.0.2.10', 'softfail'],
    ['?ip4:192.0.2.10', 'neutral'],
  ])('%s gives %s', (term, result) => {
    expect(spf(record(`v=spf1 ${term}`))).toEqual([result, term]);
  });

  it.each([
    ['-all', 'fail'],
    ['~all', 'softfail'],
    ['?all', 'neutral'],
    ['+all', 'pass'],
    ['all', 'pass'],
  ])('%s gives %s', (term, result) => {
    expect(spf(record(`v=spf1 ip4:198.51.100.1 ${term}`))).toEqual([result, term]);
  });
});

describe('§4.6.4 DNS lookup limits, counted as evaluation goes', () => {
  const includes = (n: number, last: string) => {
    const zone: Zone = {};
    const terms: string[] = [];
    for (let i = 1; i <= n; i++) {
      terms.push(`include:i${i}.example.net`);
      zone[`i${i}.example.net`] = { TXT: [i === n ? last : 'v=spf1 -all'] };
    }
    return { zone, terms: terms.join(' ') };
  };

  it('allows 10 DNS-querying terms', () => {
    const { zone, terms } = includes(MAX_DNS_TERMS, 'v=spf1 ip4:192.0.2.10');
    expect(spf({ ...zone, ...record(`v=spf1 ${terms} -all`) })).toEqual(['pass', 'include:i10.example.net']);
  });

  it('gives permerror at the 11th, even when it would match', () => {
    const { zone, terms } = includes(11, 'v=spf1 ip4:192.0.2.10');
    expect(spf({ ...zone, ...record(`v=spf1 ${terms} -all`) })).toEqual(['permerror', null]);
  });

  it('lets a match before the limit decide, whatever follows', () => {
    const { zone, terms } = includes(20, 'v=spf1 -all');
    expect(spf({ ...zone, ...record(`v=spf1 ip4:192.0.2.10 ${terms} -all`) })).toEqual(['pass', 'ip4:192.0.2.10']);
    expect(spf({ ...zone, ...record(`v=spf1 include:i1.example.net a:a.example.net ${terms}`, { 'a.example.net': { A: [IP] } }) })).toEqual([
      'pass',
      'a:a.example.net',
    ]);
  });

  it('counts the terms of included records too, but not ip4, ip6 and all', () => {
    const zone: Zone = {
      ...record('v=spf1 include:one.example.net a:x6.example.net -all'),
      'one.example.net': {
        TXT: [
          'v=spf1 a:x1.example.net a:x2.example.net a:x3.example.net a:x4.example.net a:x5.example.net ip4:198.51.100.0/24 ip4:198.51.100.1 ip6:2001:db8::/32 mx:m.example.net ptr exists:e.example.net include:two.example.net',
        ],
      },
      'two.example.net': { TXT: ['v=spf1 -all'] },
      'm.example.net': { MX: [[10, 'mx.example.net']] },
      'e.example.net': { TXT: ['x'] },
      ...Object.fromEntries([1, 2, 3, 4, 5, 6].map((i) => [`x${i}.example.net`, { A: ['198.51.100.9'] }])),
      'mx.example.net': { A: ['198.51.100.9'] },
      '10.2.0.192.in-addr.arpa': { PTR: ['host.example.org'] },
    };
    // 1 include + 5 a + mx + ptr + exists + include = 10 inside; a:x6 is the 11th. (exists is void.)
    expect(spf(zone)).toEqual(['permerror', null]);
  });

  it('allows two void lookups and gives permerror at the third', () => {
    expect(spf(record('v=spf1 a:n1.example.net a:n2.example.net ip4:192.0.2.10'))).toEqual(['pass', 'ip4:192.0.2.10']);
    expect(spf(record('v=spf1 a:n1.example.net a:n2.example.net mx:n3.example.net ip4:192.0.2.10'))).toEqual(['permerror', null]);
    // An answer with no records of the type (NOERROR, no data) is void too.
    expect(
      spf(
        record('v=spf1 a:d1.example.net exists:d2.example.net mx:d3.example.net ip4:192.0.2.10', {
          'd1.example.net': { MX: [[1, 'x.example.net']] },
          'd2.example.net': { TXT: ['x'] },
          'd3.example.net': { A: [IP] },
        }),
      ),
    ).toEqual(['permerror', null]);
  });

  it('gives permerror for an mx term with more than 10 exchanges', () => {
    const many: Array<[number, string]> = Array.from({ length: 11 }, (_, i) => [i, `mx${i}.example.com`]);
    expect(spf(record('v=spf1 mx -all', { 'example.com': { TXT: ['v=spf1 mx -all'], MX: many } }))).toEqual(['permerror', null]);
  });

  it('reads only the first 10 names of a PTR answer', () => {
    const names = Array.from({ length: 11 }, (_, i) => `h${i}.example.com`);
    const zone: Zone = { ...record('v=spf1 ptr -all'), '10.2.0.192.in-addr.arpa': { PTR: names }, 'h10.example.com': { A: [IP] } };
    expect(spf(zone)).toEqual(['fail', '-all']);
    zone['h9.example.com'] = { A: [IP] };
    expect(spf(zone)).toEqual(['pass', 'ptr']);
  });
});

describe('§4.7 default result', () => {
  it('is neutral when nothing matched and there is neither all nor redirect, with no term named', () => {
    expect(spf(record('v=spf1 ip4:198.51.100.0/24'))).toEqual(['neutral', null]);
  });
});

describe('§5.2 include', () => {
  it('matches when the included record passes, and names the include', () => {
    expect(spf(record('v=spf1 include:_spf.example.net -all', { '_spf.example.net': { TXT: ['v=spf1 ip4:192.0.2.0/24 -all'] } }))).toEqual([
      'pass',
      'include:_spf.example.net',
    ]);
  });

  it('does not match when the included record fails, softfails or is neutral', () => {
    for (const inner of ['v=spf1 -all', 'v=spf1 ~all', 'v=spf1 ?all', 'v=spf1']) {
      expect(spf(record('v=spf1 include:_spf.example.net ~all', { '_spf.example.net': { TXT: [inner] } })), inner).toEqual(['softfail', '~all']);
    }
  });

  it('gives permerror for an include of a domain without an SPF record', () => {
    expect(spf(record('v=spf1 include:nospf.example.net -all', { 'nospf.example.net': { TXT: ['just text'] } }))).toEqual(['permerror', null]);
    expect(spf(record('v=spf1 include:gone.example.net -all'))).toEqual(['permerror', null]);
  });

  it('passes temperror and permerror of the included record up', () => {
    expect(spf(record('v=spf1 include:t.example.net -all', { 't.example.net': { TXT: 'failed' } }))).toEqual(['temperror', null]);
    expect(spf(record('v=spf1 include:p.example.net -all', { 'p.example.net': { TXT: ['v=spf1 bad'] } }))).toEqual(['permerror', null]);
  });

  it('evaluates the included record for its own domain (%{d})', () => {
    const zone = record('v=spf1 include:_spf.example.net -all', {
      '_spf.example.net': { TXT: ['v=spf1 a:%{d}'] },
      'example.net': {},
    });
    zone['_spf.example.net'] = { TXT: ['v=spf1 a:a.%{d}'], A: [IP] };
    zone['a._spf.example.net'] = { A: [IP] };
    expect(spf(zone)).toEqual(['pass', 'include:_spf.example.net']);
  });
});

describe('§5.3 a', () => {
  it("matches the domain's own addresses, and those of another domain", () => {
    expect(spf(record('v=spf1 a -all', { 'example.com': { TXT: ['v=spf1 a -all'], A: ['198.51.100.1', IP] } }))).toEqual(['pass', 'a']);
    expect(spf(record('v=spf1 a:mail.example.net -all', { 'mail.example.net': { A: [IP] } }))).toEqual(['pass', 'a:mail.example.net']);
  });

  it('applies the IPv4 and IPv6 prefix lengths', () => {
    const zone = record('v=spf1 a:mail.example.net/24//64 -all', { 'mail.example.net': { A: ['192.0.2.200'], AAAA: ['2001:db8:1:2::1'] } });
    expect(spf(zone)).toEqual(['pass', 'a:mail.example.net/24//64']);
    expect(spf(zone, 'example.com', '2001:db8:1:2:ffff::9')).toEqual(['pass', 'a:mail.example.net/24//64']);
    expect(spf(zone, 'example.com', '2001:db8:1:3::1')).toEqual(['fail', '-all']);
    expect(spf(record('v=spf1 a//64 -all', { 'example.com': { TXT: ['v=spf1 a//64 -all'], AAAA: ['2001:db8::1'] } }), 'example.com', '2001:db8::abcd')).toEqual(
      ['pass', 'a//64'],
    );
  });

  it('asks AAAA for an IPv6 client and A for an IPv4 one', () => {
    const zone = record('v=spf1 a:mail.example.net -all', { 'mail.example.net': { A: ['192.0.2.10'], AAAA: ['2001:db8::10'] } });
    expect(spf(zone, 'example.com', '2001:db8::10')).toEqual(['pass', 'a:mail.example.net']);
    expect(spf(zone, 'example.com', '2001:db8::11')).toEqual(['fail', '-all']);
  });

  it('gives temperror when the address lookup failed', () => {
    expect(spf(record('v=spf1 a:mail.example.net -all', { 'mail.example.net': { A: 'failed' } }))).toEqual(['temperror', null]);
  });

  it('rejects prefix lengths out of range or with leading zeros', () => {
    expect(spf(record('v=spf1 a/33 -all'))).toEqual(['permerror', null]);
    expect(spf(record('v=spf1 a//129 -all'))).toEqual(['permerror', null]);
    expect(spf(record('v=spf1 a/024 -all'))).toEqual(['permerror', null]);
  });
});

describe('§5.4 mx', () => {
  it('matches the addresses of the exchanges', () => {
    const zone: Zone = {
      'example.com': {
        TXT: ['v=spf1 mx -all'],
        MX: [
          [20, 'mx2.example.com'],
          [10, 'mx1.example.com'],
        ],
      },
      'mx1.example.com': { A: ['198.51.100.1'] },
      'mx2.example.com': { A: [IP] },
    };
    expect(spf(zone)).toEqual(['pass', 'mx']);
  });

  it("applies prefix lengths to the exchanges' addresses", () => {
    const zone: Zone = {
      'example.com': { TXT: ['v=spf1 mx:example.net/28 -all'] },
      'example.net': { MX: [[10, 'mx.example.net']] },
      'mx.example.net': { A: ['192.0.2.1'] },
    };
    expect(spf(zone)).toEqual(['pass', 'mx:example.net/28']);
    expect(spf(zone, 'example.com', '192.0.2.17')).toEqual(['fail', '-all']);
  });

  it("gives temperror when an exchange's address lookup failed before one matched", () => {
    const zone: Zone = {
      'example.com': {
        TXT: ['v=spf1 mx -all'],
        MX: [
          [10, 'mx1.example.com'],
          [20, 'mx2.example.com'],
        ],
      },
      'mx1.example.com': { A: 'failed' },
      'mx2.example.com': { A: [IP] },
    };
    expect(spf(zone)).toEqual(['temperror', null]);
    zone['example.com'].MX = [
      [10, 'mx2.example.com'],
      [20, 'mx1.example.com'],
    ];
    expect(spf(zone)).toEqual(['pass', 'mx']);
  });
});

describe('§5.5 ptr', () => {
  const base = (ptr: Zone[string]['PTR'], extra: Zone = {}): Zone => ({ ...record('v=spf1 ptr -all'), '10.2.0.192.in-addr.arpa': { PTR: ptr }, ...extra });

  it('matches a validated name that is the domain or a subdomain of it', () => {
    expect(spf(base(['Mail.Example.com.'], { 'mail.example.com': { A: [IP] } }))).toEqual(['pass', 'ptr']);
    expect(spf(base(['example.com'], { 'example.com': { TXT: ['v=spf1 ptr -all'], A: [IP] } }))).toEqual(['pass', 'ptr']);
  });

  it('does not match a name that does not resolve back to the address, or another domain', () => {
    expect(spf(base(['mail.example.com'], { 'mail.example.com': { A: ['198.51.100.1'] } }))).toEqual(['fail', '-all']);
    expect(spf(base(['mail.notexample.com'], { 'mail.notexample.com': { A: [IP] } }))).toEqual(['fail', '-all']);
  });

  it('skips a name whose address lookup failed and goes on', () => {
    expect(spf(base(['a.example.com', 'b.example.com'], { 'a.example.com': { A: 'failed' }, 'b.example.com': { A: [IP] } }))).toEqual(['pass', 'ptr']);
  });

  it('does not match when the PTR lookup itself failed: evaluation goes on', () => {
    expect(spf({ 'example.com': { TXT: ['v=spf1 ptr ip4:192.0.2.10 -all'] }, '10.2.0.192.in-addr.arpa': { PTR: 'failed' } })).toEqual([
      'pass',
      'ip4:192.0.2.10',
    ]);
  });

  it('takes a target domain, and looks up nibble names for IPv6', () => {
    const zone: Zone = {
      'example.com': { TXT: ['v=spf1 ptr:example.net -all'] },
      'a.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa': { PTR: ['v6.example.net'] },
      'v6.example.net': { AAAA: ['2001:db8::a'] },
    };
    expect(spf(zone, 'example.com', '2001:db8::a')).toEqual(['pass', 'ptr:example.net']);
  });
});

describe('§5.6 ip4 and ip6', () => {
  it('matches networks with prefixes, and never across families', () => {
    expect(spf(record('v=spf1 ip4:192.0.2.0/25 -all'))).toEqual(['pass', 'ip4:192.0.2.0/25']);
    expect(spf(record('v=spf1 ip4:192.0.2.128/25 -all'))).toEqual(['fail', '-all']);
    expect(spf(record('v=spf1 ip4:0.0.0.0/0 -all'))).toEqual(['pass', 'ip4:0.0.0.0/0']);
    expect(spf(record('v=spf1 ip6:2001:db8::/32 -all'), 'example.com', '2001:DB8:ffff::1')).toEqual(['pass', 'ip6:2001:db8::/32']);
    expect(spf(record('v=spf1 ip6:2001:db8::/32 -all'))).toEqual(['fail', '-all']);
    expect(spf(record('v=spf1 ip4:192.0.2.0/24 -all'), 'example.com', '2001:db8::1')).toEqual(['fail', '-all']);
  });

  it('evaluates an IPv4-mapped IPv6 client as IPv4', () => {
    expect(spf(record('v=spf1 ip4:192.0.2.0/24 -all'), 'example.com', '::ffff:192.0.2.10')).toEqual(['pass', 'ip4:192.0.2.0/24']);
  });

  it('gives permerror for a bad network or prefix', () => {
    expect(spf(record('v=spf1 ip4:192.0.2.0/33'))).toEqual(['permerror', null]);
    expect(spf(record('v=spf1 ip4:2001:db8::/32'))).toEqual(['permerror', null]);
    expect(spf(record('v=spf1 ip6:192.0.2.1'))).toEqual(['permerror', null]);
    expect(spf(record('v=spf1 ip4'))).toEqual(['permerror', null]);
  });
});

describe('§5.7 exists', () => {
  it('matches when the name has an A record, even for an IPv6 client', () => {
    const zone = record('v=spf1 exists:%{ir}.list.example.net -all', { '10.2.0.192.list.example.net': { A: ['127.0.0.2'] } });
    expect(spf(zone)).toEqual(['pass', 'exists:%{ir}.list.example.net']);
    expect(spf(zone, 'example.com', '192.0.2.11')).toEqual(['fail', '-all']);
    expect(spf(record('v=spf1 exists:ok.example.net -all', { 'ok.example.net': { A: ['127.0.0.1'] } }), 'example.com', '2001:db8::1')).toEqual([
      'pass',
      'exists:ok.example.net',
    ]);
  });

  it('gives temperror when the lookup failed', () => {
    expect(spf(record('v=spf1 exists:x.example.net -all', { 'x.example.net': { A: 'failed' } }))).toEqual(['temperror', null]);
  });
});

describe('§6.1 redirect', () => {
  it('decides when no mechanism matched, and is named', () => {
    const zone = record('v=spf1 ip4:198.51.100.1 redirect=_spf.example.com', { '_spf.example.com': { TXT: ['v=spf1 ip4:192.0.2.0/24 ~all'] } });
    expect(spf(zone)).toEqual(['pass', 'redirect=_spf.example.com']);
    expect(spf(zone, 'example.com', '203.0.113.1')).toEqual(['softfail', 'redirect=_spf.example.com']);
    expect(spf(zone, 'example.com', '198.51.100.1')).toEqual(['pass', 'ip4:198.51.100.1']);
  });

  it('is not used when the record has all', () => {
    expect(spf(record('v=spf1 redirect=_spf.example.com ?all', { '_spf.example.com': { TXT: ['v=spf1 +all'] } }))).toEqual(['neutral', '?all']);
  });

  it('gives permerror when the target has no SPF record', () => {
    expect(spf(record('v=spf1 redirect=nothing.example.net'))).toEqual(['permerror', null]);
  });

  it('gives permerror when given twice, and counts toward the lookup limit', () => {
    expect(spf(record('v=spf1 redirect=a.example.net redirect=b.example.net'))).toEqual(['permerror', null]);
    // Ten a terms that answer but do not match, then the redirect: the 11th DNS-querying term.
    const terms = Array.from({ length: 10 }, (_, i) => `a:n${i}.example.net`).join(' ');
    const zone2: Zone = { ...record(`v=spf1 ${terms} redirect=r.example.net`), 'r.example.net': { TXT: ['v=spf1 +all'] } };
    for (let i = 0; i < 10; i++) zone2[`n${i}.example.net`] = { A: ['198.51.100.1'] };
    expect(spf(zone2)).toEqual(['permerror', null]);
  });
});

describe('§6.2 exp', () => {
  it('is ignored (the result does not need the explanation), but given twice is a permerror', () => {
    expect(spf(record('v=spf1 exp=explain.example.com -all'))).toEqual(['fail', '-all']);
    expect(spf(record('v=spf1 exp=a.example.com exp=b.example.com -all'))).toEqual(['permerror', null]);
  });
});

describe('§7 macros', () => {
  const exists = (spec: string, name: string, ip = IP, domain = 'example.com'): [string, string | null] =>
    spf({ [domain]: { TXT: [`v=spf1 exists:${spec} -all`] }, [name]: { A: ['127.0.0.2'] } }, domain, ip);

  it('expands the sender, its local part and domain, the domain and the HELO name', () => {
    expect(exists('%{s}.s.example.net', 'postmaster@example.com.s.example.net')[0]).toBe('pass');
    expect(exists('%{l}.%{o}.x.example.net', 'postmaster.example.com.x.example.net')[0]).toBe('pass');
    expect(exists('%{d}.d.example.net', 'example.com.d.example.net')[0]).toBe('pass');
    expect(exists('%{h}.h.example.net', 'example.com.h.example.net')[0]).toBe('pass');
  });

  it('expands the address: a dotted quad, or 32 nibbles for IPv6, and the version', () => {
    expect(exists('%{i}.%{v}.example.net', '192.0.2.10.in-addr.example.net')[0]).toBe('pass');
    expect(exists('%{ir}.%{v}._spf.%{d}', '1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6._spf.example.com', '2001:db8::1')[0]).toBe(
      'pass',
    );
  });

  it('reverses, keeps the right-most parts, and splits on the given delimiters', () => {
    expect(exists('%{d2}.k.example.net', 'example.com.k.example.net', IP, 'a.b.example.com')[0]).toBe('pass');
    expect(exists('%{ir}.r.example.net', '10.2.0.192.r.example.net')[0]).toBe('pass');
    expect(exists('%{i2r}.r2.example.net', '0.192.r2.example.net')[0]).toBe('pass');
    expect(exists('%{d9}.k9.example.net', 'a.b.example.com.k9.example.net', IP, 'a.b.example.com')[0]).toBe('pass');
    expect(exists('%{l-}.l.example.net', 'postmaster.l.example.net')[0]).toBe('pass');
    expect(
      spf({ 'my-site.example': { TXT: ['v=spf1 exists:%{d1r-}.x.example.net -all'] }, 'my.x.example.net': { A: ['127.0.0.2'] } }, 'my-site.example')[0],
    ).toBe('pass');
  });

  it('URL-escapes upper-case macro letters, and reads %%, %_ and %-', () => {
    expect(exists('%{S}.u.example.net', 'postmaster%40example.com.u.example.net')[0]).toBe('pass');
    expect(exists('a%%b.example.net', 'a%b.example.net')[0]).toBe('pass');
    expect(exists('a%-b.example.net', 'a%20b.example.net')[0]).toBe('pass');
  });

  it('expands %{p} to a validated name of the address, else "unknown"', () => {
    const zone: Zone = {
      'example.com': { TXT: ['v=spf1 exists:%{p}.p.example.net -all'] },
      '10.2.0.192.in-addr.arpa': { PTR: ['other.example.org', 'mail.example.com'] },
      'mail.example.com': { A: [IP] },
      'other.example.org': { A: [IP] },
      'mail.example.com.p.example.net': { A: ['127.0.0.2'] },
    };
    expect(spf(zone)[0]).toBe('pass');
    expect(spf({ ...zone, 'unknown.p.example.net': { A: ['127.0.0.2'] } }, 'example.com', '192.0.2.99')[0]).toBe('pass');
  });

  it('gives permerror for a malformed macro, an explanation-only letter, or zero parts', () => {
    for (const bad of ['%{x}.example.net', '%{c}.example.net', '%{d0}.example.net', '%{d.example.net', '%z.example.net']) {
      expect(exists(bad, 'x.example.net'), bad).toEqual(['permerror', null]);
    }
  });

  it('keeps the right-most labels of a name longer than 253 characters', () => {
    const long = 'a'.repeat(60);
    const domain = `${long}.${long}.${long}.${long}.example.com`; // 256 characters
    const zone: Zone = { [domain]: { TXT: ['v=spf1 exists:%{d}.x -all'] }, [`${long}.${long}.${long}.example.com.x`]: { A: ['127.0.0.2'] } };
    expect(checkHost(address(IP), domain, zoneView(zone)).result).toBe('none'); // the domain itself is over 253
    const domain2 = `${long}.${long}.${long}.${'b'.repeat(55)}.com`; // 244 characters; + 10 → over 253
    const zone2: Zone = {
      [domain2]: { TXT: ['v=spf1 exists:%{d}.xxxxxxxx.example -all'] },
      [`${long}.${long}.${'b'.repeat(55)}.com.xxxxxxxx.example`]: { A: ['127.0.0.2'] },
    };
    expect(checkHost(address(IP), domain2, zoneView(zone2)).result).toBe('pass');
  });
});

describe('stored failed lookups, and what evaluation needs', () => {
  it('gives temperror for a failed lookup only if evaluation reaches it', () => {
    const zone = record('v=spf1 ip4:192.0.2.0/24 include:t.example.net -all', { 't.example.net': { TXT: 'failed' } });
    expect(spf(zone)).toEqual(['pass', 'ip4:192.0.2.0/24']);
    expect(spf(zone, 'example.com', '198.51.100.1')).toEqual(['temperror', null]);
  });

  it('names the first answer it needs that is not stored', () => {
    const zone: Zone = { 'example.com': { TXT: ['v=spf1 include:_spf.example.net a -all'] } };
    const check = checkHost(address(IP), 'example.com', zoneView(zone, { strict: true }));
    expect(check).toEqual({ result: 'temperror', mechanism: null, missing: { name: '_spf.example.net', type: 'TXT' } });
  });

  it('walks a record without an address: includes and redirects only', () => {
    const view = zoneView({
      'example.com': { TXT: ['v=spf1 a mx ptr exists:%{i}.x.example.net include:_spf.example.net redirect=r.example.net'] },
      '_spf.example.net': { TXT: ['v=spf1 include:deep.example.net -all'] },
      'deep.example.net': { TXT: ['v=spf1 ip4:192.0.2.0/24'] },
    });
    const check = checkHost(null, 'example.com', view);
    expect(check.result).toBe('permerror'); // redirect to a domain without SPF
    expect(view.asked).toEqual(['TXT example.com', 'TXT _spf.example.net', 'TXT deep.example.net', 'TXT r.example.net']);
  });
});
