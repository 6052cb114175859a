// Test helpers: read Avro container files back with Debian's Python `avro` (an independent
// implementation) and, for byte-level checks, split a container into its blocks here.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import zlib from 'node:zlib';
import { uncompressSync } from 'snappy';

/** Debian's interpreter, which has `avro` 1.11 and `snappy` (the python3 on PATH may not). */
export const PYTHON = '/usr/bin/python3';

export interface PythonAvroRead {
  codec: string;
  schema: unknown;
  /** Metadata other than avro.*, decoded as UTF-8. */
  meta: Record<string, string>;
  records: unknown[];
}

// Non-finite doubles become {"$float": "nan"|"inf"|"-inf"} so the output is valid JSON.
const READ_SCRIPT = String.raw`
import json, math, sys
from avro.datafile import DataFileReader
from avro.io import DatumReader
def fix(x):
    if isinstance(x, float) and not math.isfinite(x):
        return {"$float": "nan" if math.isnan(x) else ("inf" if x > 0 else "-inf")}
    if isinstance(x, dict):
        return {k: fix(v) for k, v in x.items()}
    if isinstance(x, list):
        return [fix(v) for v in x]
    return x
out = []
for path in sys.argv[1:]:
    with open(path, "rb") as f:
        r = DataFileReader(f, DatumReader())
        meta = {k: v.decode("utf-8") for k, v in r.meta.items() if not k.startswith("avro.")}
        recs = [fix(x) for x in r]
        out.append({"codec": r.meta.get("avro.codec", b"null").decode(), "schema": json.loads(r.meta["avro.schema"].decode()), "meta": meta, "records": recs})
json.dump(out, sys.stdout, ensure_ascii=True, allow_nan=False)
`;

export function readWithPython(...paths: string[]): PythonAvroRead[] {
  const out = execFileSync(PYTHON, ['-c', READ_SCRIPT, ...paths], { maxBuffer: 1 << 30, encoding: 'utf8' });
  return JSON.parse(out) as PythonAvroRead[];
}

export interface ContainerBlock {
  count: number;
  /** The block's serialised records, decompressed. */
  data: Buffer;
}

export interface Container {
  header: Buffer;
  meta: Map<string, Buffer>;
  sync: Buffer;
  blocks: ContainerBlock[];
}

/** Splits an Avro object container file into header and decompressed blocks. */
export function readContainer(path: string): Container {
  const buf = fs.readFileSync(path);
  let pos = 0;
  const long = (): number => {
    let n = 0;
    let mul = 1;
    for (;;) {
      const b = buf[pos++];
      if (b === undefined) throw new Error('truncated');
      n += (b & 0x7f) * mul;
      if (!(b & 0x80)) break;
      mul *= 128;
    }
    return n % 2 === 0 ? n / 2 : -(n + 1) / 2;
  };
  const bytes = (): Buffer => {
    const n = long();
    const b = buf.subarray(pos, pos + n);
    pos += n;
    return b;
  };
  if (buf.subarray(0, 4).toString('latin1') !== 'Obj\x01') throw new Error('not an Avro container');
  pos = 4;
  const meta = new Map<string, Buffer>();
  for (let n = long(); n !== 0; n = long()) {
    if (n < 0) {
      n = -n;
      long();
    }
    for (let i = 0; i < n; i++) {
      const k = bytes().toString('utf8');
      meta.set(k, bytes());
    }
  }
  const sync = buf.subarray(pos, pos + 16);
  pos += 16;
  const header = buf.subarray(0, pos);
  const codec = meta.get('avro.codec')?.toString() ?? 'null';
  const blocks: ContainerBlock[] = [];
  while (pos < buf.length) {
    const count = long();
    const data = bytes();
    if (!buf.subarray(pos, pos + 16).equals(sync)) throw new Error('bad sync marker');
    pos += 16;
    let raw: Buffer;
    if (codec === 'null') raw = Buffer.from(data);
    else if (codec === 'deflate') raw = zlib.inflateRawSync(data);
    else if (codec === 'snappy') {
      raw = uncompressSync(data.subarray(0, data.length - 4)) as Buffer;
      if (zlib.crc32(raw) >>> 0 !== data.readUInt32BE(data.length - 4)) throw new Error('bad snappy CRC');
    } else throw new Error(`codec ${codec}`);
    blocks.push({ count, data: raw });
  }
  return { header, meta, sync, blocks };
}
