// A small, streaming writer of sender-model builds as Avro object container files (DESIGN §3.1),
// for the demo generator, the benchmark generator and tests. Not a general Avro library: it
// writes the two sender-model layouts only.
//
// - build layout: ONE record {version, threshold, models: [{domain, cidrs: [{cidr, score}]}]},
//   hence one block, as the notebook's builds were. The record is encoded incrementally into
//   Buffer chunks: `models` and each `cidrs` are written as several Avro array blocks (each
//   with its item count), so neither the models nor the entries are ever held as a JS array,
//   and a 20M-entry build needs memory for its encoded bytes only (see codec.ts).
// - rows layout: one record {domain, cidrs} per model, `recordsPerBlock` records per block,
//   with the file metadata keys `version` and `threshold` (as strings).
//
// Output is deterministic for a given input: the 16-byte sync marker comes from a hash of
// `syncSeed` (default: layout, codec, version and threshold), never from a clock or Math.random.

import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { BufferedWriter, ChunkWriter } from './encoder';
import { type AvroCodec, type BlockBody, newBlockBody } from './codec';

export type { AvroCodec } from './codec';

export interface SenderModelEntry {
  cidr: string;
  score: number | null;
}

export interface SenderModelDomain {
  domain: string;
  cidrs: Iterable<SenderModelEntry>;
}

export interface SenderModelAvroOptions {
  layout: 'build' | 'rows';
  codec: AvroCodec;
  /**
   * Build layout: the record's `version` (a string, or an integer written as an Avro `long`).
   * Rows layout: the `version` metadata key; null leaves the key out.
   */
  version: string | number | null;
  /** Build layout: the record's `threshold` (required). Rows layout: metadata; null leaves it out. */
  threshold: number | null;
  models: Iterable<SenderModelDomain>;
  /** Rows layout: records per file block (default 1000). */
  recordsPerBlock?: number;
  /** More file metadata (keys must not start with `avro.`). */
  extraMetadata?: Record<string, string | Uint8Array>;
  /**
   * Write `score` as `["null","double"]`. Required when a score is null: the schema is
   * written before the entries are seen, so a null without it is an error.
   */
  nullableScore?: boolean;
  /** Seeds the sync marker (default: derived from layout, codec, version and threshold). */
  syncSeed?: string | number;
  /** zlib level for `deflate` (default 6). */
  deflateLevel?: number;
  /** Items per Avro array block, for `models` (default 1000) and `cidrs` (default 4096). */
  arrayBlockItems?: { models?: number; cidrs?: number };
}

export interface SenderModelAvroResult {
  path: string;
  /** File size in bytes. */
  bytes: number;
  /** Avro records written (1 for the build layout). */
  records: number;
  /** File data blocks written. */
  blocks: number;
  /** Models (domain records) written. */
  domains: number;
  /** Entries written, null scores included. */
  entries: number;
  nullScores: number;
  schema: string;
  sync: Buffer;
}

/** A `models` array block is closed at this many encoded bytes even when it has fewer items. */
const MODELS_BLOCK_BYTES = 4 << 20;

const MAGIC = Buffer.from([0x4f, 0x62, 0x6a, 0x01]); // "Obj" 1

export function senderModelSchema(layout: 'build' | 'rows', opts: { nullableScore?: boolean; versionType?: 'string' | 'long' } = {}): string {
  const cidr = {
    type: 'record',
    name: 'Cidr',
    fields: [
      { name: 'cidr', type: 'string' },
      { name: 'score', type: opts.nullableScore ? ['null', 'double'] : 'double' },
    ],
  };
  const domainModel = {
    type: 'record',
    name: 'DomainModel',
    fields: [
      { name: 'domain', type: 'string' },
      { name: 'cidrs', type: { type: 'array', items: cidr } },
    ],
  };
  if (layout === 'rows') return JSON.stringify(domainModel);
  return JSON.stringify({
    type: 'record',
    name: 'SenderModelBuild',
    fields: [
      { name: 'version', type: opts.versionType ?? 'string' },
      { name: 'threshold', type: 'double' },
      { name: 'models', type: { type: 'array', items: domainModel } },
    ],
  });
}

export function syncMarker(seed: string | number): Buffer {
  return createHash('sha256')
    .update(`smw-avro-sync\0${String(seed)}`)
    .digest()
    .subarray(0, 16);
}

/** Buffered sequential writes to a file descriptor. */
class FileOut {
  private buf = Buffer.allocUnsafe(1 << 20);
  private pos = 0;
  bytes = 0;
  constructor(private readonly fd: number) {}
  write(b: Uint8Array): void {
    this.bytes += b.length;
    if (b.length > this.buf.length - this.pos) {
      this.flush();
      if (b.length >= this.buf.length >> 1) {
        writeAll(this.fd, b);
        return;
      }
    }
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }
  flush(): void {
    if (this.pos > 0) writeAll(this.fd, this.buf.subarray(0, this.pos));
    this.pos = 0;
  }
}

function writeAll(fd: number, b: Uint8Array): void {
  let off = 0;
  while (off < b.length) off += fs.writeSync(fd, b, off, b.length - off);
}

/** The container's header: magic, metadata (the schema, the codec, then `meta`) and sync marker. */
export function encodeHeader(schema: string, codec: AvroCodec, meta: [string, Uint8Array][], sync: Buffer): Buffer {
  const w = new BufferedWriter();
  w.writeRaw(MAGIC);
  const all: [string, Uint8Array][] = [['avro.schema', Buffer.from(schema, 'utf8')], ['avro.codec', Buffer.from(codec, 'utf8')], ...meta];
  w.writeLong(all.length);
  for (const [k, v] of all) {
    w.writeString(k);
    w.writeBytes(v);
  }
  w.writeLong(0);
  w.writeRaw(sync);
  return Buffer.concat(w.take());
}

function checkPositiveInt(name: string, v: number): number {
  if (!Number.isSafeInteger(v) || v < 1) throw new RangeError(`${name} must be a positive integer, got ${v}`);
  return v;
}

/** Encodes models/entries; counts what it wrote. */
class ModelEncoder {
  domains = 0;
  entries = 0;
  nullScores = 0;
  private readonly cidrBlock = new BufferedWriter();

  constructor(
    private readonly nullableScore: boolean,
    private readonly cidrsPerBlock: number,
  ) {}

  /** Writes one DomainModel record to `out`. */
  writeModel(out: ChunkWriter, model: SenderModelDomain, where: string): void {
    if (typeof model?.domain !== 'string') throw new TypeError(`${where}.domain is not a string`);
    out.writeString(model.domain);
    const cb = this.cidrBlock;
    let n = 0;
    let i = 0;
    for (const e of model.cidrs) {
      const cidr = e?.cidr;
      const score = e?.score;
      if (typeof cidr !== 'string') throw new TypeError(`${where}.cidrs[${i}].cidr is not a string`);
      cb.writeString(cidr);
      if (score === null) {
        if (!this.nullableScore) {
          throw new TypeError(`${where}.cidrs[${i}].score is null: pass nullableScore: true`);
        }
        cb.writeLong(0);
        this.nullScores++;
      } else if (typeof score === 'number') {
        if (this.nullableScore) cb.writeLong(1);
        cb.writeDouble(score);
      } else {
        throw new TypeError(`${where}.cidrs[${i}].score is not a number or null`);
      }
      i++;
      if (++n === this.cidrsPerBlock) {
        out.writeLong(n);
        for (const c of cb.take()) out.writeRaw(c);
        n = 0;
      }
    }
    if (n > 0) {
      out.writeLong(n);
      for (const c of cb.take()) out.writeRaw(c);
    }
    out.writeLong(0);
    this.domains++;
    this.entries += i;
  }
}

/**
 * Writes a sender-model build as an Avro object container file at `path` (via a temporary
 * file renamed when complete). Synchronous; memory is about the size of the encoded block
 * (compressed for deflate), never one JS object per entry.
 */
export function writeSenderModelAvro(path: string, options: SenderModelAvroOptions): SenderModelAvroResult {
  const { layout, codec, version, threshold } = options;
  if (layout !== 'build' && layout !== 'rows') throw new Error(`unknown layout: ${String(layout)}`);
  const nullableScore = options.nullableScore ?? false;
  const modelsPerBlock = checkPositiveInt('arrayBlockItems.models', options.arrayBlockItems?.models ?? 1000);
  const cidrsPerBlock = checkPositiveInt('arrayBlockItems.cidrs', options.arrayBlockItems?.cidrs ?? 4096);
  const recordsPerBlock = checkPositiveInt('recordsPerBlock', options.recordsPerBlock ?? 1000);
  const deflateLevel = options.deflateLevel ?? 6;

  let versionType: 'string' | 'long' = 'string';
  if (layout === 'build') {
    if (typeof version === 'number') {
      if (!Number.isSafeInteger(version)) throw new TypeError('a numeric version must be an integer');
      versionType = 'long';
    } else if (typeof version !== 'string') {
      throw new TypeError('the build layout needs a version');
    }
    if (typeof threshold !== 'number') throw new TypeError('the build layout needs a numeric threshold');
  }
  const schema = senderModelSchema(layout, { nullableScore, versionType });

  const meta: [string, Uint8Array][] = [];
  if (layout === 'rows') {
    if (version !== null && version !== undefined) meta.push(['version', Buffer.from(String(version), 'utf8')]);
    if (threshold !== null && threshold !== undefined) meta.push(['threshold', Buffer.from(String(threshold), 'utf8')]);
  }
  for (const [k, v] of Object.entries(options.extraMetadata ?? {})) {
    if (k.startsWith('avro.')) throw new Error(`metadata key ${k} is reserved`);
    if (meta.some(([m]) => m === k)) throw new Error(`metadata key ${k} given twice`);
    meta.push([k, typeof v === 'string' ? Buffer.from(v, 'utf8') : v]);
  }
  const sync = syncMarker(options.syncSeed ?? `${layout}|${codec}|${String(version)}|${String(threshold)}`);
  const header = encodeHeader(schema, codec, meta, sync);

  const tmp = `${path}.tmp-${process.pid}`;
  const fd = fs.openSync(tmp, 'w');
  const out = new FileOut(fd);
  const enc = new ModelEncoder(nullableScore, cidrsPerBlock);
  let records = 0;
  let blocks = 0;

  const writeBlock = (count: number, body: BlockBody): void => {
    const { chunks, size } = body.finish();
    const w = new BufferedWriter(32);
    w.writeLong(count);
    w.writeLong(size);
    for (const c of w.take()) out.write(c);
    for (const c of chunks) out.write(c);
    out.write(sync);
    blocks++;
  };

  let ok = false;
  try {
    out.write(header);
    if (layout === 'build') {
      const body = newBlockBody(codec, deflateLevel);
      const w = new ChunkWriter((c) => body.push(c));
      if (versionType === 'long') w.writeLong(version as number);
      else w.writeString(version as string);
      w.writeDouble(threshold as number);
      const pending = new BufferedWriter();
      let n = 0;
      for (const m of options.models) {
        enc.writeModel(pending, m, `models[${enc.domains}]`);
        if (++n === modelsPerBlock || pending.length >= MODELS_BLOCK_BYTES) {
          w.writeLong(n);
          for (const c of pending.take()) w.writeRaw(c);
          n = 0;
        }
      }
      if (n > 0) {
        w.writeLong(n);
        for (const c of pending.take()) w.writeRaw(c);
      }
      w.writeLong(0);
      w.flush();
      records = 1;
      writeBlock(1, body);
    } else {
      let body = newBlockBody(codec, deflateLevel);
      let w = new ChunkWriter((c) => body.push(c), 256 * 1024);
      let n = 0;
      for (const m of options.models) {
        enc.writeModel(w, m, `record ${records + 1}`);
        records++;
        if (++n === recordsPerBlock) {
          w.flush();
          writeBlock(n, body);
          body = newBlockBody(codec, deflateLevel);
          const b = body;
          w = new ChunkWriter((c) => b.push(c), 256 * 1024);
          n = 0;
        }
      }
      if (n > 0) {
        w.flush();
        writeBlock(n, body);
      }
    }
    out.flush();
    fs.closeSync(fd);
    fs.renameSync(tmp, path);
    ok = true;
  } finally {
    if (!ok) {
      try {
        fs.closeSync(fd);
      } catch {
        /* already closed */
      }
      fs.rmSync(tmp, { force: true });
    }
  }
  return {
    path,
    bytes: out.bytes,
    records,
    blocks,
    domains: enc.domains,
    entries: enc.entries,
    nullScores: enc.nullScores,
    schema,
    sync,
  };
}
