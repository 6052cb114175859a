// Property: for any writer schema of the family pipelines produce (DESIGN §3.1) — the needed
// fields in any order, each field, array and item plain or behind a union with null in either
// order (or with other numeric kinds), int/long/float/double numbers, string/int/long versions
// with or without logical types, any record names and namespaces, and random extra fields of
// random, nested, sometimes recursive types at every level — and any data, with nulls anywhere:
//   1. our reader gives the same entries, drops and version/threshold as avsc decoding the same
//      bytes (avsc also writes them), whatever the codec, blocks, stream chunks and windows;
//   2. the build it imports (SenderModelAccumulator → SenderModelIndex) is exactly that of the
//      same kept entries under the plain schema, so its findings are too: they are a function of
//      the index, the threshold and the feedback.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readSenderModel } from '../../main/avro/read-sender-model';
import { normaliseDomain } from '../../shared/domain';
import { SenderModelAccumulator } from '../../shared/sender-model-accumulator';
import { chunked, read } from './helpers';
import { readWithAvsc } from './avsc-reference';
import { CollectingSink } from './collecting-sink';
import { testCase, write } from './pipeline-schemas';

async function imported(bytes: Buffer, options: { chunk?: number; window?: number } = {}) {
  const sink = new SenderModelAccumulator();
  await readSenderModel(chunked(bytes, options.chunk ?? bytes.length), sink, { window: options.window, name: 'case.avro' });
  return sink.finish();
}

describe('any writer schema of the family, any data', () => {
  it('reads what avsc reads, and imports what the plain schema imports', { timeout: 60_000 }, async () => {
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(testCase, async (c) => {
        runs++;
        const { bytes, plain } = write(c);
        const ours = await read(bytes, { name: 'case.avro', chunk: c.chunk, window: c.window });
        const reference = await readWithAvsc(bytes);
        expect(ours.result.layout).toBe(c.shape.layout);
        expect(ours.sink.content()).toEqual(reference.content);
        expect(ours.sink.rejected.map(({ row, field, value }) => ({ row, field, value }))).toEqual(reference.rejected);
        expect(ours.sink.version ?? null).toBe(reference.version);
        expect(ours.sink.threshold ?? null).toBe(reference.threshold);
        expect(ours.result.records).toBe(reference.records);

        const variant = await imported(bytes, { chunk: c.chunk, window: c.window });
        const base = await imported(plain);
        expect(variant.index).toEqual(base.index);
        // The nulls dropped one by one are those of the domains the accumulator takes (an
        // invalid domain's entries are dropped with it, counted once).
        const taken = await read(bytes, { name: 'case.avro', sink: new CollectingSink((d) => normaliseDomain(d) !== null) });
        const nullScores = taken.sink.entries.filter((e) => e.score === null).length;
        expect(variant.stats.kept).toBe(base.stats.kept);
        expect(variant.stats.replaced).toBe(base.stats.replaced);
        expect(variant.stats.rejected).toBe(base.stats.rejected + taken.sink.rejected.length + nullScores);
      }),
      // A few seconds on the 2-core machine; the seed makes a failure reproducible.
      { numRuns: 300, interruptAfterTimeLimit: 8_000, markInterruptAsFailure: false, seed: 20160822 },
    );
    expect(runs).toBeGreaterThan(50);
  });
});
