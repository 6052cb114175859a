// One small world for the context pull's end-to-end tests: a feedback pull, a sender-model
// build, the dnsmasq records that answer for them, and the context DESIGN §8 gives each item.
// Every case of the issue is here: include, redirect, a, mx, ip4/ip6 with prefixes, every
// qualifier, two SPF records, an include of a domain without SPF, the lookup limit, void lookups,
// an IDN domain (queried in ASCII), IPv6 PTR (nibble names), forward confirmation, a wider CIDR.

import fs from 'node:fs';
import path from 'node:path';
import { writeSenderModelAvro } from '../../main/avro-writer/index';
import type { SenderContext } from '../../shared/sender-context';

const row = (id: number, domain: string, ips: string[], org: number | string = 54) => ({
  id,
  suggestion: {
    input_type: 'ip_list',
    matches: [
      { field: 'domain', value: [domain] },
      { field: 'ip', value: ips },
    ],
  },
  context: {},
  organization_id: org,
  comments: '',
  suggestion_type: 'authenticity',
});

export const FEEDBACK_ROWS = [
  row(1, 'spf-pass.example', ['192.0.2.10', '192.0.2.0/24', '198.51.100.7', '203.0.113.5']),
  row(2, 'redirect.example', ['192.0.2.77', '192.0.2.78']),
  row(3, 'mx.example', ['198.51.100.22', '198.51.100.30']),
  row(4, 'quals.example', ['198.51.100.1', '198.51.100.2', '198.51.100.3', '198.51.100.4', '198.51.100.5']),
  row(5, 'two.example', ['192.0.2.10']),
  row(6, 'noinclude.example', ['192.0.2.10']),
  row(7, 'limit.example', ['192.0.2.10']),
  row(8, 'void.example', ['192.0.2.10']),
  row(9, 'Bücher.Example.', ['2001:DB8:B::1', '2001:db8:b::/48']),
  row(10, 'macro.example', ['192.0.2.10']),
  row(11, 'ptrmech.example', ['192.0.2.50']),
  row(12, 'nothing.example', ['192.0.2.99']),
  row(13, 'spf-pass.example', ['192.0.2.10'], 61),
];

/** The IDN domain as DNS is asked for it. */
const BUCHER = 'xn--bcher-kva.example';

export const DNSMASQ_RECORDS = [
  // include, ip4 with a prefix, -all; a record split into two strings.
  'txt-record=spf-pass.example,"v=spf1 ip4:192.0.2.0/25 include:_spf.provider.example"," -all"',
  'txt-record=spf-pass.example,"google-site-verification=abc"',
  'txt-record=_spf.provider.example,"v=spf1 ip4:203.0.113.0/24 ~all"',
  'host-record=mta.spf-pass.example,192.0.2.10',
  // 198.51.100.7 names a host that does not resolve back to it: not forward-confirmed.
  'ptr-record=7.100.51.198.in-addr.arpa,Spoof.Example.NET',
  'host-record=spoof.example.net,198.51.100.8',
  // redirect, a with another domain
  'txt-record=redirect.example,"v=spf1 redirect=_spf.redirect.example"',
  'txt-record=_spf.redirect.example,"v=spf1 a:mail.redirect.example ?all"',
  'host-record=mail.redirect.example,192.0.2.77',
  // mx with a prefix
  'txt-record=mx.example,"v=spf1 mx/30 -all"',
  'mx-host=mx.example,mx1.mx.example,10',
  'host-record=mx1.mx.example,198.51.100.20',
  // every qualifier
  'txt-record=quals.example,"v=spf1 -ip4:198.51.100.1 ~ip4:198.51.100.2 ?ip4:198.51.100.3 +ip4:198.51.100.4"',
  // two SPF records: permerror even though both would pass
  'txt-record=two.example,"v=spf1 +all"',
  'txt-record=two.example,"v=spf1 +all"',
  // include of a domain that exists without SPF
  'txt-record=noinclude.example,"v=spf1 include:nospf.example -all"',
  'host-record=nospf.example,192.0.2.200',
  // 11 DNS-querying terms before the match
  `txt-record=limit.example,"v=spf1 ${Array.from({ length: 11 }, (_, i) => `include:i${i}.limit.example`).join(' ')} ip4:192.0.2.10"`,
  ...Array.from({ length: 11 }, (_, i) => `txt-record=i${i}.limit.example,"v=spf1 ?ip4:198.51.100.0/24"`),
  // three void lookups (NXDOMAIN) before the match
  'txt-record=void.example,"v=spf1 a:n1.void.example a:n2.void.example a:n3.void.example ip4:192.0.2.10"',
  // IDN, ip6 with a prefix, IPv6 PTR (host-record makes the nibble name) confirmed forward
  `txt-record=${BUCHER},"v=spf1 ip6:2001:db8:b::/48 -all"`,
  `host-record=mail.${BUCHER},2001:db8:b::1`,
  // exists with an address macro
  'txt-record=macro.example,"v=spf1 exists:%{ir}.bl.macro.example -all"',
  'host-record=10.2.0.192.bl.macro.example,127.0.0.2',
  // ptr
  'txt-record=ptrmech.example,"v=spf1 ptr -all"',
  // two PTR names, one of which does not resolve (dnsmasq answers the ptr-records in reverse order)
  'ptr-record=50.2.0.192.in-addr.arpa,Alias.PtrMech.example',
  'ptr-record=50.2.0.192.in-addr.arpa,mail.ptrmech.example',
  'address=/mail.ptrmech.example/192.0.2.50',
  // neighbours of spf-pass.example in the build (192.0.2.11 has no PTR at all)
  'host-record=mta2.spf-pass.example,192.0.2.12',
];

const ctx = (
  spf: SenderContext['spf'],
  spfMechanism: string | null,
  ptr: string[] | null,
  fcrdns: boolean | null,
  asn: number | null = null,
  asName: string | null = null,
): SenderContext => ({ spf, spfMechanism, ptr, fcrdns, asn, asName });

/** What every item's context is, by `domain cidr`, with no AS table. */
export const EXPECTED: Record<string, SenderContext> = {
  'spf-pass.example 192.0.2.10/32': ctx('pass', 'ip4:192.0.2.0/25', ['mta.spf-pass.example'], true),
  'spf-pass.example 192.0.2.0/24': ctx(null, null, null, null),
  'spf-pass.example 198.51.100.7/32': ctx('fail', '-all', ['spoof.example.net'], false),
  'spf-pass.example 203.0.113.5/32': ctx('pass', 'include:_spf.provider.example', [], null),
  'redirect.example 192.0.2.77/32': ctx('pass', 'redirect=_spf.redirect.example', ['mail.redirect.example'], true),
  'redirect.example 192.0.2.78/32': ctx('neutral', 'redirect=_spf.redirect.example', [], null),
  'mx.example 198.51.100.22/32': ctx('pass', 'mx/30', [], null),
  'mx.example 198.51.100.30/32': ctx('fail', '-all', [], null),
  'quals.example 198.51.100.1/32': ctx('fail', '-ip4:198.51.100.1', [], null),
  'quals.example 198.51.100.2/32': ctx('softfail', '~ip4:198.51.100.2', [], null),
  'quals.example 198.51.100.3/32': ctx('neutral', '?ip4:198.51.100.3', [], null),
  'quals.example 198.51.100.4/32': ctx('pass', '+ip4:198.51.100.4', [], null),
  'quals.example 198.51.100.5/32': ctx('neutral', null, [], null),
  'two.example 192.0.2.10/32': ctx('permerror', null, ['mta.spf-pass.example'], true),
  'noinclude.example 192.0.2.10/32': ctx('permerror', null, ['mta.spf-pass.example'], true),
  'limit.example 192.0.2.10/32': ctx('permerror', null, ['mta.spf-pass.example'], true),
  'void.example 192.0.2.10/32': ctx('permerror', null, ['mta.spf-pass.example'], true),
  [`${BUCHER} 2001:db8:b::1/128`]: ctx('pass', 'ip6:2001:db8:b::/48', [`mail.${BUCHER}`], true),
  [`${BUCHER} 2001:db8:b::/48`]: ctx(null, null, null, null),
  'macro.example 192.0.2.10/32': ctx('pass', 'exists:%{ir}.bl.macro.example', ['mta.spf-pass.example'], true),
  'ptrmech.example 192.0.2.50/32': ctx('pass', 'ptr', ['alias.ptrmech.example', 'mail.ptrmech.example'], true),
  'nothing.example 192.0.2.99/32': ctx('none', null, [], null),
};

export const BUILD_ID = 'sendermodels-context-test';

export function writeFixtureFiles(dir: string): { feedback: string; build: string } {
  const feedback = path.join(dir, 'feedback.jsonl');
  fs.writeFileSync(feedback, `${FEEDBACK_ROWS.map((r) => JSON.stringify(r)).join('\n')}\n`);
  const build = path.join(dir, `${BUILD_ID}.avro`);
  writeSenderModelAvro(build, {
    layout: 'build',
    codec: 'null',
    version: 'context-test',
    threshold: 0.3,
    models: [
      {
        domain: 'spf-pass.example',
        cidrs: [
          { cidr: '192.0.2.10', score: 0.2 },
          { cidr: '192.0.2.11', score: 0.9 },
          { cidr: '192.0.2.12', score: 0.8 },
          { cidr: '192.0.2.0/28', score: 0.5 },
          { cidr: '198.51.100.200', score: 0.1 },
        ],
      },
      { domain: 'mx.example', cidrs: [{ cidr: '198.51.100.20', score: 0.9 }] },
    ],
  });
  return { feedback, build };
}
