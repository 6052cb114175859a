// IP-to-AS tables for `--asn` (DESIGN §8): ip2asn TSV and GeoLite2-ASN .mmdb, told apart by
// content, gzip or not; the AS of a CIDR's network address, none for AS 0 or no range.

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { asOfCidrs, openAsnTable } from '../../main/pull/context/asn-table';
import type { Problem } from '../../shared/types';
import { projectRoot, tempDir } from '../support/cli';

const fixture = (name: string) => path.join(projectRoot, 'test/fixtures/context', name);

describe('ip2asn TSV', () => {
  it('gives the AS of the range holding the network address, and nothing for AS 0 or no range', () => {
    const problems: Problem[] = [];
    const table = openAsnTable(fixture('ip2asn-v4.tsv'), problems);
    expect(table.format).toBe('ip2asn');
    const as = asOfCidrs(['192.0.2.10/32', '192.0.2.0/24', '192.0.2.200/32', '203.0.113.0/25', '198.51.100.1/32'], [table]);
    expect(Object.fromEntries(as)).toEqual({
      '192.0.2.10/32': { asn: 64496, asName: 'EXAMPLE-ONE First Example' },
      '192.0.2.0/24': { asn: 64496, asName: 'EXAMPLE-ONE First Example' },
      '203.0.113.0/25': { asn: 64497, asName: 'PROVIDER-AS' },
    });
    expect(problems).toEqual([{ line: 4, field: 'ip2asn-v4.tsv', value: 'bad line here', reason: expect.stringMatching(/not an ip2asn line/) }]);
  });

  it('reads gzip, and IPv6 ranges, with the first table that has a range winning', () => {
    const v6 = openAsnTable(fixture('ip2asn-v6.tsv.gz'));
    const mmdb = openAsnTable(fixture('asn-test.mmdb'));
    expect(Object.fromEntries(asOfCidrs(['2001:db8:b::1/128', '2001:db8:c::/48'], [v6, mmdb]))).toEqual({
      '2001:db8:b::1/128': { asn: 64498, asName: 'V6-EXAMPLE' },
    });
    expect(Object.fromEntries(asOfCidrs(['2001:db8:b::1/128'], [mmdb, v6]))).toEqual({ '2001:db8:b::1/128': { asn: 64502, asName: 'BUECHER-AS' } });
  });
});

describe('GeoLite2-ASN .mmdb', () => {
  it('is told by its metadata marker, gzip or not, and read back through maxmind', () => {
    for (const file of ['asn-test.mmdb', 'asn-test.mmdb.gz']) {
      const table = openAsnTable(fixture(file));
      expect(table.format, file).toBe('mmdb');
      expect(Object.fromEntries(asOfCidrs(['192.0.2.10/32', '192.0.2.200/32', '198.51.100.0/24', '2001:db8:b::/64'], [table])), file).toEqual({
        '192.0.2.10/32': { asn: 64500, asName: 'EXAMPLE-NET Example Networks' },
        '198.51.100.0/24': { asn: 64501, asName: 'DOC-2 Documentation Two' },
        '2001:db8:b::/64': { asn: 64502, asName: 'BUECHER-AS' },
      });
    }
  });
});

describe('files that are not AS tables', () => {
  it('fail with what the file is not, before any lookup', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'hello\nworld\n');
    fs.writeFileSync(path.join(dir, 'blob.bin'), Buffer.from([1, 0, 2, 3]));
    expect(() => openAsnTable(path.join(dir, 'notes.txt'))).toThrow(/neither an ip2asn TSV file nor a MaxMind \.mmdb database/);
    expect(() => openAsnTable(path.join(dir, 'blob.bin'))).toThrow(/binary data/);
    expect(() => openAsnTable(path.join(dir, 'missing.tsv'))).toThrow(/cannot read the AS table .*missing\.tsv \(ENOENT\); check --asn/);
  });
});
