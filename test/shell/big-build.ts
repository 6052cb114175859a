// A large sender-model build for the event-loop measurements: `entries` /32 entries over
// domains of 50, written by main/avro-writer as one huge record (the notebook's build layout).

import { writeSenderModelAvro, type AvroCodec, type SenderModelDomain } from '../../main/avro-writer/index';

function* models(entries: number): Generator<SenderModelDomain> {
  const perDomain = 50;
  let seed = 12345;
  for (let start = 0, d = 0; start < entries; start += perDomain, d++) {
    const count = Math.min(perDomain, entries - start);
    yield {
      domain: `sender-${d.toString(36)}.example`,
      cidrs: (function* () {
        for (let i = 0; i < count; i++) {
          const n = start + i;
          seed = (seed * 1103515245 + 12345) >>> 0;
          yield { cidr: `10.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`, score: (seed % 1000) / 1000 };
        }
      })(),
    };
  }
}

export function writeBigBuild(path: string, entries: number, codec: AvroCodec = 'deflate'): { bytes: number; entries: number } {
  const result = writeSenderModelAvro(path, { layout: 'build', codec, version: 'bench', threshold: 0.3, models: models(entries) });
  return { bytes: result.bytes, entries: result.entries };
}

// `tsx test/shell/big-build.ts FILE ENTRIES`: writes the build in a process of its own, so that
// a measurement in the caller does not also measure the garbage collection of the writing.
if (process.argv[1] && /big-build\.ts$/u.test(process.argv[1])) {
  const [file, entries] = process.argv.slice(2);
  const written = writeBigBuild(file, Number(entries));
  process.stdout.write(`${JSON.stringify(written)}\n`);
}
