// main/avro-writer: files it writes are read back by Python's Apache Avro (an independent
// implementation), for all three codecs and both layouts.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type SenderModelDomain, type SenderModelEntry, senderModelSchema, writeSenderModelAvro } from '../../main/avro-writer/index';
import { PYTHON, readContainer, readWithPython } from './avro-helpers';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'smw-avro-writer-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

interface PlainModel {
  domain: string;
  cidrs: SenderModelEntry[];
}

/** A small build with IPv4, IPv6, prefixes, a non-ASCII domain, long strings and an empty model. */
function sampleModels(): PlainModel[] {
  const models: PlainModel[] = [
    {
      domain: 'list.example',
      cidrs: [
        { cidr: '192.0.2.10', score: 0.12 },
        { cidr: '192.0.2.0/28', score: 0.3 },
      ],
    },
    {
      domain: 'Shop.Example.',
      cidrs: [
        { cidr: '198.51.100.0/29', score: 1 },
        { cidr: '198.51.100.5', score: 0 },
      ],
    },
    {
      domain: 'v6.example',
      cidrs: [
        { cidr: '2001:db8:1::10', score: 0.05 },
        { cidr: '2001:db8:2::/64', score: 0.8 },
      ],
    },
    { domain: 'bücher.example', cidrs: [{ cidr: '203.0.113.90', score: 0.15 }] },
    { domain: 'empty.example', cidrs: [] },
    { domain: `${'long-label-'.repeat(12)}example`, cidrs: [{ cidr: '2001:0db8:0000:0000:0000:0000:0000:0001/128', score: 0.1 + 0.2 }] },
  ];
  // One domain with enough entries to span several array blocks.
  const many: SenderModelEntry[] = [];
  for (let i = 0; i < 300; i++) many.push({ cidr: `10.${i >> 8}.${i & 255}.1`, score: ((i * 37) % 101) / 100 });
  models.push({ domain: 'esp.example', cidrs: many });
  for (let d = 0; d < 25; d++) {
    models.push({ domain: `d${d}.example`, cidrs: [{ cidr: `192.0.2.${d}`, score: d / 25 }] });
  }
  return models;
}

/** The same models as a single-pass generator, as the benchmark generator hands them. */
function* streamed(models: PlainModel[]): Generator<SenderModelDomain> {
  for (const m of models) {
    yield {
      domain: m.domain,
      cidrs: (function* () {
        yield* m.cidrs;
      })(),
    };
  }
}

const codecs = ['null', 'deflate', 'snappy'] as const;

describe('writeSenderModelAvro', () => {
  const models = sampleModels();

  for (const codec of codecs) {
    it(`build layout, ${codec}: one record, read back by Python avro`, () => {
      const file = path.join(dir, `build-${codec}.avro`);
      const res = writeSenderModelAvro(file, {
        layout: 'build',
        codec,
        version: '2016-08-22_02:25:57',
        threshold: 0.3,
        models: streamed(models),
        arrayBlockItems: { models: 4, cidrs: 7 },
        extraMetadata: { 'smw.generator': 'test' },
      });
      expect(res).toMatchObject({ records: 1, blocks: 1, domains: models.length, nullScores: 0 });
      expect(res.entries).toBe(models.reduce((n, m) => n + m.cidrs.length, 0));
      expect(res.bytes).toBe(fs.statSync(file).size);
      const [read] = readWithPython(file);
      expect(read.codec).toBe(codec);
      expect(read.meta).toEqual({ 'smw.generator': 'test' });
      expect(read.schema).toEqual(JSON.parse(senderModelSchema('build')));
      expect(read.records).toEqual([{ version: '2016-08-22_02:25:57', threshold: 0.3, models }]);
      const c = readContainer(file);
      expect(c.blocks.map((b) => b.count)).toEqual([1]);
    });

    it(`rows layout, ${codec}: one record per model, metadata version/threshold`, () => {
      const file = path.join(dir, `rows-${codec}.avro`);
      const res = writeSenderModelAvro(file, {
        layout: 'rows',
        codec,
        version: '2016-08-29_02:31:12',
        threshold: 0.3,
        models: streamed(models),
        recordsPerBlock: 10,
        arrayBlockItems: { cidrs: 50 },
      });
      expect(res).toMatchObject({ records: models.length, blocks: Math.ceil(models.length / 10) });
      const [read] = readWithPython(file);
      expect(read.codec).toBe(codec);
      expect(read.meta).toEqual({ version: '2016-08-29_02:31:12', threshold: '0.3' });
      expect(read.schema).toEqual(JSON.parse(senderModelSchema('rows')));
      expect(read.records).toEqual(models);
      const c = readContainer(file);
      expect(c.blocks.map((b) => b.count)).toEqual([10, 10, 10, 2]);
    });
  }

  it('rows layout without version or threshold leaves the metadata keys out', () => {
    const file = path.join(dir, 'rows-nometa.avro');
    writeSenderModelAvro(file, { layout: 'rows', codec: 'null', version: null, threshold: null, models: models.slice(0, 2) });
    const [read] = readWithPython(file);
    expect(read.meta).toEqual({});
    expect(read.records).toEqual(models.slice(0, 2));
  });

  it('an integer version is written as an Avro long', () => {
    const file = path.join(dir, 'build-long.avro');
    writeSenderModelAvro(file, { layout: 'build', codec: 'deflate', version: 1472029516, threshold: 0.25, models: models.slice(0, 1) });
    const [read] = readWithPython(file);
    expect((read.schema as { fields: { type: unknown }[] }).fields[0].type).toBe('long');
    expect(read.records).toEqual([{ version: 1472029516, threshold: 0.25, models: models.slice(0, 1) }]);
  });

  it('nullableScore writes ["null","double"]; non-finite doubles pass through', () => {
    const odd: PlainModel[] = [
      {
        domain: 'odd.example',
        cidrs: [
          { cidr: '192.0.2.1', score: null },
          { cidr: '192.0.2.2', score: Number.NaN },
          { cidr: '192.0.2.3', score: Number.POSITIVE_INFINITY },
          { cidr: '192.0.2.4', score: 0.5 },
        ],
      },
    ];
    for (const layout of ['build', 'rows'] as const) {
      for (const codec of codecs) {
        const file = path.join(dir, `nullable-${layout}-${codec}.avro`);
        const res = writeSenderModelAvro(file, { layout, codec, version: 'v', threshold: 0.3, models: odd, nullableScore: true });
        expect(res.nullScores).toBe(1);
        const [read] = readWithPython(file);
        const expected = [
          { cidr: '192.0.2.1', score: null },
          { cidr: '192.0.2.2', score: { $float: 'nan' } },
          { cidr: '192.0.2.3', score: { $float: 'inf' } },
          { cidr: '192.0.2.4', score: 0.5 },
        ];
        const rec = read.records[0] as Record<string, unknown>;
        const cidrs = layout === 'build' ? (rec.models as PlainModel[])[0].cidrs : (rec as unknown as PlainModel).cidrs;
        expect(cidrs).toEqual(expected);
        const score = JSON.stringify(read.schema);
        expect(score).toContain('["null","double"]');
      }
    }
  });

  it('a null score without nullableScore is an error and leaves no file', () => {
    const file = path.join(dir, 'refused.avro');
    expect(() =>
      writeSenderModelAvro(file, {
        layout: 'build',
        codec: 'deflate',
        version: 'v',
        threshold: 0.3,
        models: [{ domain: 'x.example', cidrs: [{ cidr: '192.0.2.1', score: null }] }],
      }),
    ).toThrow(/nullableScore/);
    expect(fs.readdirSync(dir).filter((f) => f.startsWith('refused'))).toEqual([]);
  });

  it('is deterministic; the sync marker follows the seed', () => {
    const opts = { layout: 'build', codec: 'deflate', version: 'v1', threshold: 0.3 } as const;
    const a = path.join(dir, 'det-a.avro');
    const b = path.join(dir, 'det-b.avro');
    const c = path.join(dir, 'det-c.avro');
    writeSenderModelAvro(a, { ...opts, models: streamed(models) });
    writeSenderModelAvro(b, { ...opts, models: models });
    const rc = writeSenderModelAvro(c, { ...opts, models: models, syncSeed: 42 });
    expect(fs.readFileSync(a).equals(fs.readFileSync(b))).toBe(true);
    expect(readContainer(a).sync.equals(readContainer(c).sync)).toBe(false);
    expect(readContainer(c).sync.equals(rc.sync)).toBe(true);
  });

  it('streams a large build layout (several deflate pieces, many array blocks) that Python reads', () => {
    // ~450k entries ≈ 10 MB of encoded record: more than one deflate piece (codec.ts).
    const file = path.join(dir, 'large.avro');
    const domains = 15_000;
    const per = 30;
    const address = (x: number): string => `${11 + (x >>> 16)}.${(x >>> 8) & 255}.${x & 255}.7`;
    function* gen(): Generator<SenderModelDomain> {
      for (let d = 0; d < domains; d++) {
        yield {
          domain: `sender-${d}.example.com`,
          cidrs: (function* () {
            for (let i = 0; i < per; i++) {
              const x = d * per + i;
              yield { cidr: address(x), score: (x % 997) / 997 };
            }
          })(),
        };
      }
    }
    const res = writeSenderModelAvro(file, { layout: 'build', codec: 'deflate', version: 'big', threshold: 0.3, models: gen() });
    expect(res.entries).toBe(domains * per);
    const c = readContainer(file);
    expect(c.blocks.length).toBe(1);
    expect(c.blocks[0].data.length).toBeGreaterThan(8 << 20);
    const summary = JSON.parse(
      execPython(file, 'm = r[0]["models"]; print(json.dumps([len(r), len(m), sum(len(x["cidrs"]) for x in m), m[-1]["domain"], m[-1]["cidrs"][-1]]))'),
    );
    expect(summary).toEqual([
      1,
      domains,
      domains * per,
      `sender-${domains - 1}.example.com`,
      { cidr: address(domains * per - 1), score: ((domains * per - 1) % 997) / 997 },
    ]);
  }, 120_000);
});

function execPython(file: string, body: string): string {
  const script = `import json, sys\nfrom avro.datafile import DataFileReader\nfrom avro.io import DatumReader\nr = list(DataFileReader(open(sys.argv[1], "rb"), DatumReader()))\n${body}\n`;
  return execFileSync(PYTHON, ['-c', script, file], { encoding: 'utf8', maxBuffer: 1 << 28 });
}
