// The reader on builds written by Python's and Java's Avro under the schemas pipelines produce
// (test/fixtures/avro/variants: Spark-, Hive- and Avro-tools-style, and extra fields of every type;
// both layouts, every codec, null models, domains, entries, cidrs, scores and arrays). Each file
// must give what its writing script recorded, and what avsc, decoding the same bytes on its own,
// gives — from a path, from a stream, and with window ends everywhere.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readWithAvsc } from './avsc-reference';
import type { JsonScore } from './collecting-sink';
import { FIXTURES, read } from './helpers';

const DIR = join(FIXTURES, 'variants');

interface Expected {
  writer: 'python' | 'java';
  style: 'spark' | 'hive' | 'avrotools' | 'extras';
  layout: 'build' | 'rows';
  codec: 'null' | 'deflate' | 'snappy';
  records: number;
  version: string;
  threshold: number;
  domains: Record<string, [string, JsonScore][]>;
  rejected: { row: number; field: string; value: string }[];
  nullScores: { row: number; field: string; value: string }[];
}

const EXPECTED = Object.entries(JSON.parse(readFileSync(join(DIR, 'variants-expected.json'), 'utf8')) as Record<string, Expected>);

describe('the variant fixtures', () => {
  it('cover every style, layout, codec and writer', () => {
    const seen = new Set(EXPECTED.map(([, e]) => `${e.writer} ${e.style} ${e.layout} ${e.codec}`));
    expect(seen.size).toBe(2 * 4 * 2 * 3);
    expect(EXPECTED.every(([, e]) => e.rejected.length > 0 && e.nullScores.length > 0)).toBe(true);
  });
});

describe.each(EXPECTED)('%s', (name, expected) => {
  const path = join(DIR, name);
  const bytes = readFileSync(path);

  it.each([
    ['its path', () => read(path)],
    ['a stream of 7-byte chunks', () => read(bytes, { name, chunk: 7 })],
    ['windows of 5 bytes', () => read(path, { window: 5 })],
  ])(`reads from %s: every kept entry in order, each null dropped one by one, version and threshold`, async (_, run) => {
    const { result, sink } = await run();
    expect(result).toMatchObject({ layout: expected.layout, codec: expected.codec, records: expected.records, bytes: bytes.length });
    expect(sink.content()).toEqual(expected.domains);
    expect(Object.keys(sink.content())).toEqual(Object.keys(expected.domains));
    expect(sink.rejected.map(({ row, field, value }) => ({ row, field, value }))).toEqual(expected.rejected);
    expect(sink.version).toBe(expected.version);
    expect(sink.threshold).toBe(expected.threshold);
    expect(sink.entries.every((e) => e.via === 'addEntryBytes')).toBe(true);
  });

  it('agrees with avsc decoding the same bytes on its own', async () => {
    const reference = await readWithAvsc(bytes);
    const { sink } = await read(path);
    expect(reference).toEqual({
      layout: expected.layout,
      records: expected.records,
      version: expected.version,
      threshold: expected.threshold,
      content: sink.content(),
      rejected: sink.rejected.map(({ row, field, value }) => ({ row, field, value })),
    });
  });
});
