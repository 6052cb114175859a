// The reader on files written by other Avro implementations: Python's (make_python_fixtures.py),
// Java's (MakeJavaFixtures.java) and the design's golden examples. Each is read
// from its path and as a stream of 7-byte chunks, and must give exactly the content that the
// writing script recorded.

import { readFileSync, createReadStream } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readSenderModel } from '../../main/avro/read-sender-model';
import { CollectingSink, type JsonScore } from './collecting-sink';
import { fixtureBytes, fixturePath, read } from './helpers';

interface Expected {
  layout: 'build' | 'rows';
  codec: 'null' | 'deflate' | 'snappy';
  records: number;
  blocks: number;
  version: string;
  threshold: number;
  domains: Record<string, [string, JsonScore][]>;
}

function expectations(file: string): [string, Expected][] {
  const all = JSON.parse(readFileSync(fixturePath(file), 'utf8')) as Record<string, Expected | { error: string }>;
  return Object.entries(all).filter((entry): entry is [string, Expected] => !('error' in entry[1]));
}

const GOLDEN: [string, Expected][] = [
  [
    'sendermodels-1.avro',
    {
      layout: 'build',
      codec: 'deflate',
      records: 1,
      blocks: 1,
      version: '1',
      threshold: 0.3,
      domains: {
        'list.example': [
          ['192.0.2.10', 0.12],
          ['192.0.2.11', 0.25],
          ['192.0.2.12', 0.31],
          ['192.0.2.77', 0.9],
        ],
        'Shop.Example': [
          ['198.51.100.5', 0.95],
          ['198.51.100.0/29', 0.2],
        ],
        'v6.example': [
          ['2001:db8:1::10', 0.05],
          ['2001:db8:1::11', 0.45],
          ['2001:db8:2::/64', 0.8],
        ],
        'edge.example': [
          ['203.0.113.1', 0.6],
          ['203.0.113.1', 0.3],
        ],
        'quiet.example': [['203.0.113.200', 0.7]],
        'xn--mnchen-3ya.example': [['203.0.113.90', 0.15]],
      },
    },
  ],
  [
    'sendermodels-2.avro',
    {
      layout: 'rows',
      codec: 'null',
      records: 5,
      blocks: 1,
      version: '2',
      threshold: 0.3,
      domains: {
        'list.example': [
          ['192.0.2.10', 0.62],
          ['192.0.2.11', 0.71],
          ['192.0.2.12', 0.31],
          ['192.0.2.77', 0.9],
        ],
        'Shop.Example': [
          ['198.51.100.5', 0.05],
          ['198.51.100.0/29', 0.2],
        ],
        'v6.example': [
          ['2001:db8:1::10', 0.05],
          ['2001:db8:1::11', 0.45],
          ['2001:db8:2::/64', 0.8],
        ],
        'edge.example': [
          ['203.0.113.1', 0.6],
          ['203.0.113.1', 0.3],
        ],
        'quiet.example': [
          ['203.0.113.200', 0.7],
          ['203.0.113.9', 0.1],
        ],
      },
    },
  ],
];

const SUITES: [string, [string, Expected][]][] = [
  ['written by Python (avro 1.11)', expectations('python-expected.json')],
  ['written by Java (avro 1.8.2)', expectations('java-expected.json')],
  ['the golden examples', GOLDEN],
];

describe.each(SUITES)('fixtures %s', (_, fixtures) => {
  it('exist', () => expect(fixtures.length).toBeGreaterThan(0));

  describe.each(fixtures)('%s', (name, expected) => {
    const bytes = fixtureBytes(name);

    it.each([
      ['its path', () => read(fixturePath(name))],
      ['a stream of 7-byte chunks', () => read(bytes, { name, chunk: 7 })],
      ['a stream of 1-byte chunks', () => read(bytes, { name, chunk: 1 })],
    ])(`reads from %s as the ${expected.layout} layout with the ${expected.codec} codec, every entry in file order`, async (_, run) => {
      const { result, sink } = await run();
      expect(result).toMatchObject({ layout: expected.layout, codec: expected.codec, records: expected.records, blocks: expected.blocks, bytes: bytes.length });
      expect(sink.content()).toEqual(expected.domains);
      // Domains in order of first appearance; each entry handed over as bytes (no string per entry).
      expect(Object.keys(sink.content())).toEqual(Object.keys(expected.domains));
      expect(sink.entries.every((e) => e.via === 'addEntryBytes')).toBe(true);
      expect(sink.version).toBe(expected.version);
      expect(sink.threshold).toBe(expected.threshold);
      expect(sink.problems).toEqual([]);
    });

    it.each([1, 7, 100])('reads the same in windows of %i bytes (every value cut by a window end somewhere)', async (window) => {
      const whole = await read(fixturePath(name));
      for (const run of [() => read(fixturePath(name), { window }), () => read(bytes, { name, chunk: 13, window })]) {
        const { result, sink } = await run();
        expect(result).toEqual(whole.result);
        expect(sink.calls).toEqual(whole.sink.calls);
        expect(sink.entries.map((e) => e.where)).toEqual(whole.sink.entries.map((e) => e.where));
      }
    });

    it('reads from a Node file stream (an S3 body is the same kind of iterable)', async () => {
      const sink = new CollectingSink();
      const result = await readSenderModel(createReadStream(fixturePath(name), { highWaterMark: 100 }), sink, { name });
      expect(result.bytes).toBe(bytes.length);
      expect(sink.content()).toEqual(expected.domains);
    });
  });
});

describe('what the sink is told', () => {
  it('build layout: version and threshold of each record before its entries, then each model with its entries', async () => {
    const { sink } = await read(fixturePath('py-build-null.avro'));
    expect(sink.calls.slice(0, 4)).toEqual(['version 2016-08-22_02:25:57', 'threshold 0.35', 'domain Example.COM.', 'entry Example.COM. 192.0.2.1 0.9']);
    const second = sink.calls.indexOf('version 2016-08-22_02:25:57', 1);
    expect(sink.calls.slice(second, second + 3)).toEqual(['version 2016-08-22_02:25:57', 'threshold 0.35', 'domain list.example']);
  });

  it('build layout: a version and threshold placed after the models in the schema are given where the record has them', async () => {
    const { sink } = await read(fixturePath('py-build-reordered.avro'));
    expect(sink.calls.slice(0, 2)).toEqual(['domain Reordered.Example', 'entry Reordered.Example 192.0.2.9 0.5']);
    expect(sink.calls.slice(-2)).toEqual(['threshold 0.5', 'version 20160822022557']);
  });

  it('rows layout: version and threshold once, from the file metadata, before any entry', async () => {
    const { sink, result } = await read(fixturePath('py-rows-deflate.avro'));
    expect(sink.calls.slice(0, 2)).toEqual(['version 7', 'threshold 0.25']);
    expect(sink.versions).toEqual(['7']);
    expect(result.metadata).toMatchObject({ version: '7', threshold: '0.25', generator: 'make_python_fixtures.py', 'avro.codec': 'deflate' });
  });

  it('rows layout without version/threshold metadata: both null, so the caller falls back to the file name', async () => {
    const { sink } = await read(fixturePath('sendermodels-2.avro'));
    expect(sink.versions).toEqual(['2']);
    const { sink: bare } = await read(fixturePath('java-rows-snappy.avro'));
    expect(bare.versions).toEqual(['java-rows-1']);
  });

  it('domains and cidrs reach the sink exactly as written (upper case, trailing dot, IDN, invalid text): the sink normalises', async () => {
    const { sink } = await read(fixturePath('py-build-snappy.avro'));
    expect(sink.domains.map((d) => d.domain)).toEqual(['Example.COM.', 'list.example', 'bücher.example', 'list.example', 'v6.example']);
    expect(sink.content()['Example.COM.']).toEqual([
      ['192.0.2.1', 0.9],
      ['2001:DB8::/32', 0.8],
      ['not-an-ip', 0.5],
    ]);
  });

  it('a domain in two records gets the entries of both; a repeated entry is passed on twice (the sink keeps the later)', async () => {
    const { sink } = await read(fixturePath('py-build-deflate.avro'));
    expect(sink.content()['list.example']).toEqual([
      ['192.0.2.1', 0.4],
      ['192.0.2.1/32', 0.6],
      ['198.51.100.0/24', null],
      ['192.0.2.2', 0.7],
    ]);
  });

  it('a null score is passed as null and a NaN score as NaN (the sink drops and reports them)', async () => {
    const { sink } = await read(fixturePath('py-rows-null.avro'));
    expect(sink.entries.find((e) => e.cidr === '198.51.100.0/24')?.score).toBeNull();
    expect(sink.entries.find((e) => e.cidr === '203.0.113.7')?.score).toBeNaN();
  });

  it('where: build layout names the record and models[i] for a domain, models[i].cidrs[j] for an entry', async () => {
    const { sink } = await read(fixturePath('py-build-null.avro'));
    expect(sink.domains[1].where).toEqual({ record: 1, path: 'models[1]' });
    expect(sink.entries.find((e) => e.cidr === '198.51.100.0/24')?.where).toEqual({ record: 1, path: 'models[1].cidrs[2]' });
    expect(sink.entries.find((e) => e.cidr === '2001:db8:2::/48')?.where).toEqual({ record: 2, path: 'models[1].cidrs[1]' });
  });

  it('where: rows layout names the record, an empty path for the domain and cidrs[j] for an entry', async () => {
    const { sink } = await read(fixturePath('sendermodels-2.avro'));
    expect(sink.domains[4].where).toEqual({ record: 5, path: '' });
    expect(sink.entries.at(-1)?.where).toEqual({ record: 5, path: 'cidrs[1]' });
  });

  it('where: the exact-schema fast path gives the same paths', async () => {
    const { sink } = await read(fixturePath('java-build-deflate.avro'));
    expect(sink.entries.find((e) => e.cidr === '2001:db8:f::/48')?.where).toEqual({ record: 1, path: 'models[0].cidrs[2]' });
    expect(sink.entries.find((e) => e.cidr === '10.3.5.0/24')?.where).toEqual({ record: 1, path: 'models[6].cidrs[5]' });
  });

  it.each(['py-build-null.avro', 'java-build-deflate.avro', 'java-build-blocking.avro', 'sendermodels-2.avro'])(
    'a domain the sink refuses gets no entries, and the ones after it still do (%s)',
    async (name) => {
      const all = await read(fixturePath(name));
      const refused = all.sink.domains[0].domain;
      const { sink } = await read(fixturePath(name), { sink: new CollectingSink((d) => d !== refused) });
      expect(sink.entries.some((e) => e.domain === refused)).toBe(false);
      expect(sink.entries.length).toBe(all.sink.entries.filter((e) => e.domain !== refused).length);
    },
  );
});
