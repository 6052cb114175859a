// An independent reading of a sender-model container for the tests: avsc decodes every record
// whole (its own block decoder, its own schema resolution, every union wrapped as
// {branch: value}), and this walks the decoded objects by DESIGN §3.1 — what our streaming
// reader must agree with, entry by entry.

import avsc from 'avsc';
import { crc32 } from 'node:zlib';
import { uncompressSync } from 'snappy';
import type { JsonScore } from './collecting-sink';

export interface ReferenceReading {
  layout: 'build' | 'rows';
  records: number;
  /** The first non-null version of a record, else the metadata's (as text). */
  version: string | null;
  /** The last non-null threshold of a record, else the metadata's. */
  threshold: number | null;
  /** Domain (as written) → its entries in file order; a null score as null, NaN as "NaN". */
  content: Record<string, [string, JsonScore][]>;
  /** The dropped models and entries: {row, field, value}, in file order. */
  rejected: { row: number; field: string; value: string }[];
}

/** avsc's long as a BigInt, so that values past 2^53 (extra fields, versions) decode exactly. */
const BIG_LONG = avsc.types.LongType.__with({
  fromBuffer: (b: Buffer) => b.readBigInt64LE(),
  toBuffer: (n: bigint) => {
    const b = Buffer.alloc(8);
    b.writeBigInt64LE(BigInt(n));
    return b;
  },
  fromJSON: (n: number | string) => BigInt(n),
  toJSON: (n: bigint) => Number(n),
  isValid: (n: unknown) => typeof n === 'bigint',
  compare: (a: bigint, b: bigint) => (a === b ? 0 : a < b ? -1 : 1),
});

function writerType(schema: avsc.Schema): avsc.Type {
  return avsc.Type.forSchema(schema, {
    wrapUnions: true,
    typeHook: (s) => (s === 'long' || (typeof s === 'object' && s !== null && (s as { type?: unknown }).type === 'long') ? BIG_LONG : undefined),
  });
}

const CODECS = {
  ...avsc.streams.BlockDecoder.defaultCodecs(),
  snappy: (buf: Buffer, cb: (error: Error | null, out?: Buffer) => void) => {
    const out = uncompressSync(buf.subarray(0, buf.length - 4)) as Buffer;
    if (buf.readUInt32BE(buf.length - 4) !== crc32(out) >>> 0) cb(new Error('snappy checksum mismatch'));
    else cb(null, out);
  },
};

/** Decodes the container with avsc: its metadata and every record. */
export function decodeWithAvsc(bytes: Buffer): Promise<{ meta: Record<string, string>; records: unknown[] }> {
  return new Promise((resolve, reject) => {
    const decoder = new avsc.streams.BlockDecoder({ codecs: CODECS, parseHook: (schema: avsc.Schema) => writerType(schema) } as never);
    const records: unknown[] = [];
    let meta: Record<string, string> = {};
    decoder.on('metadata', (_type: unknown, _codec: string, header: { meta: Record<string, Buffer> }) => {
      meta = Object.fromEntries(Object.entries(header.meta).map(([k, v]) => [k, v.toString('utf8')]));
    });
    decoder.on('data', (record: unknown) => records.push(record));
    decoder.on('error', reject);
    decoder.on('end', () => resolve({ meta, records }));
    decoder.end(bytes);
  });
}

type Decoded = null | boolean | number | bigint | string | Buffer | Decoded[] | { [key: string]: Decoded };

/** A wrapped union's value (avsc's branch object, `{branch: value}`), or the value itself. */
function unwrap(value: Decoded): Decoded {
  const branch = value as { unwrap?: () => Decoded } | null;
  return branch !== null && typeof branch === 'object' && typeof branch.unwrap === 'function' ? branch.unwrap() : value;
}

function asNumber(value: Decoded): number | null {
  if (value === null) return null;
  return typeof value === 'bigint' ? Number(value) : (value as number);
}

export async function readWithAvsc(bytes: Buffer): Promise<ReferenceReading> {
  const { meta, records } = await decodeWithAvsc(bytes);
  const schema = JSON.parse(meta['avro.schema']) as { fields: { name: string }[] };
  const layout = schema.fields.some((f) => f.name === 'models') ? 'build' : 'rows';
  const out: ReferenceReading = { layout, records: records.length, version: null, threshold: null, content: {}, rejected: [] };
  let recordVersion = false;
  let recordThreshold = false;
  const model = (row: number, m: { [key: string]: Decoded }, path: string): void => {
    const dot = path === '' ? '' : `${path}.`;
    const domain = unwrap(m.domain) as string | null;
    if (domain === null) {
      out.rejected.push({ row, field: `${dot}domain`, value: 'null' });
      return;
    }
    const entries = (out.content[domain] ??= []);
    const cidrs = unwrap(m.cidrs) as Decoded[] | null;
    (cidrs ?? []).forEach((item, j) => {
      const where = `${dot}cidrs[${j}]`;
      const e = unwrap(item) as { [key: string]: Decoded } | null;
      if (e === null) {
        out.rejected.push({ row, field: where, value: 'null' });
        return;
      }
      const cidr = unwrap(e.cidr) as string | null;
      if (cidr === null) {
        out.rejected.push({ row, field: `${where}.cidr`, value: 'null' });
        return;
      }
      const score = asNumber(unwrap(e.score));
      entries.push([cidr, score !== null && Number.isNaN(score) ? 'NaN' : score]);
    });
  };
  records.forEach((value, r) => {
    const record = value as { [key: string]: Decoded };
    const row = r + 1;
    if (layout === 'rows') return model(row, record, '');
    if ('version' in record) {
      recordVersion = true;
      const v = unwrap(record.version);
      if (v !== null && out.version === null) out.version = String(v);
    }
    if ('threshold' in record) {
      recordThreshold = true;
      const t = asNumber(unwrap(record.threshold));
      if (t !== null) out.threshold = t;
    }
    const models = unwrap(record.models) as Decoded[] | null;
    (models ?? []).forEach((item, i) => {
      const m = unwrap(item) as { [key: string]: Decoded } | null;
      if (m === null) out.rejected.push({ row, field: `models[${i}]`, value: 'null' });
      else model(row, m, `models[${i}]`);
    });
  });
  if (!recordVersion || out.version === null) out.version ??= meta.version ?? null;
  if (!recordThreshold || out.threshold === null) out.threshold ??= meta.threshold !== undefined ? Number(meta.threshold) : null;
  return out;
}
