// A sender-model build large enough that a transfer is still running when a test interferes.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeSenderModelAvro, type SenderModelDomain } from '../../main/avro-writer/index';

/** `entries` entries over domains of 1000, written uncompressed; returns the file's bytes. */
export function bigBuild(entries: number): Buffer {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'smw-big-'));
  const file = path.join(dir, 'sendermodels-2020-01-01_00:00:00.avro');
  try {
    writeSenderModelAvro(file, { layout: 'build', codec: 'null', version: 'big', threshold: 0.3, models: models(entries) });
    return fs.readFileSync(file);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function* models(entries: number): Generator<SenderModelDomain> {
  const perDomain = 1000;
  for (let d = 0; d * perDomain < entries; d++) {
    const count = Math.min(perDomain, entries - d * perDomain);
    yield {
      domain: `d${d}.example`,
      cidrs: (function* () {
        for (let i = 0; i < count; i++) {
          const n = d * perDomain + i;
          yield { cidr: `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`, score: (n % 100) / 100 };
        }
      })(),
    };
  }
}
