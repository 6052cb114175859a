// Decodes the records of one block's data straight from its Buffer into a SenderModelSink,
// following a DecodePlan. This is the hot path of a build import (millions of entries, often in
// one record of one block), so:
//   - positions are local variables, varints are decoded inline when they fit in one byte;
//   - an entry's cidr is handed to the sink as a byte range (addEntryBytes), never as a string;
//   - no object is made per entry or per model: the `where` a sink receives reads the decoder's
//     current position when called (valid during that sink call only);
//   - the common exact schema runs through a loop without per-field dispatch.
// Every read is bounds-checked: data that ends inside a value is a BlockDataError, never a
// silently short value.

import type { EntryWhere, SenderModelSink } from '../../shared/sender-model-sink';
import { Cursor, readLong, readLongBig } from './byte-reader';
import {
  K_DOUBLE,
  K_FLOAT,
  K_INT,
  K_LONG,
  K_NULL,
  OP_CIDR,
  OP_CIDRS,
  OP_DOMAIN,
  OP_MODELS,
  OP_SCORE,
  OP_THRESHOLD,
  OP_VERSION,
  type BuildPlan,
  type DecodePlan,
  type EntryPlan,
  type ModelPlan,
  type ScalarPlan,
} from './decode-plan';
import { BlockDataError } from './errors';

/** Entries between two pauses (event-loop turn, abort check, progress). */
export const PAUSE_EVERY = 1 << 20;

/**
 * Called about every PAUSE_EVERY entries, between models, with the fraction of the current
 * block decoded so far. It yields to the event loop, so that an abort (which arrives as an event)
 * can be seen, and throws if the read was aborted.
 */
export type Pause = (fractionOfBlock: number) => Promise<void>;

function overrun(pos: number, what: string): BlockDataError {
  return new BlockDataError(pos, `the data ends inside ${what}`);
}

/** Reads the count of an array block; a negative count is followed by the block's byte size. */
function readBlockCount(c: Cursor, what: string): number {
  const at = c.pos;
  const count = readLong(c, `the item count of ${what}`);
  if (count >= 0) return count;
  const size = readLong(c, `the byte size of ${what}`);
  if (size < 0) throw new BlockDataError(at, `${what} has a block with a negative byte size (${size})`);
  return -count;
}

export class RecordDecoder {
  /** 1-based number of the record being decoded (over the whole file). */
  record = 0;
  /** Entries decoded so far (over the whole file). */
  entries = 0;
  private modelIndex = 0;
  private entryIndex = 0;
  private nextPause = PAUSE_EVERY;
  private firstVersion: { value: string | null; record: number } | null = null;
  private readonly build: boolean;
  /** The `where` of every entry: made once, reads the current position when the sink calls it. */
  private readonly entryWhere: () => EntryWhere;
  /** The `where` of every domain: one object whose fields read the current position. */
  private readonly domainWhere: EntryWhere;

  constructor(
    private readonly plan: DecodePlan,
    private readonly sink: SenderModelSink,
    private readonly pause: Pause,
  ) {
    this.build = plan.layout === 'build';
    this.entryWhere = () => ({ record: this.record, path: `${this.modelPath()}${this.build ? '.' : ''}cidrs[${this.entryIndex}]` });
    const self = this;
    this.domainWhere = {
      get record() {
        return self.record;
      },
      get path() {
        return self.modelPath();
      },
    };
  }

  /** The path of the current model inside its record: `models[3]`, or '' when the record is the model. */
  private modelPath(): string {
    return this.build ? `models[${this.modelIndex}]` : '';
  }

  /**
   * Decodes a block's `count` records, which must take exactly all of `data`. Errors are
   * BlockDataErrors with the position in `data` and (when inside one) the record number.
   */
  async decodeBlock(data: Buffer, count: number): Promise<void> {
    const c = new Cursor(data, 0);
    for (let i = 0; i < count; i++) {
      this.record++;
      try {
        if (this.plan.layout === 'build') await this.decodeBuildRecord(c, this.plan);
        else {
          this.decodeModel(c, this.plan.model);
          if (this.entries >= this.nextPause) await this.pauseNow(c);
        }
      } catch (error) {
        if (error instanceof BlockDataError && error.record === undefined) error.record = this.record;
        throw error;
      }
    }
    if (c.pos !== data.length) {
      throw new BlockDataError(
        c.pos,
        `the block says it holds ${count} record${count === 1 ? '' : 's'}, but they end at byte ${c.pos} of its ` +
          `${data.length} bytes of data (${data.length - c.pos} bytes left over)`,
      );
    }
  }

  /** Callers test `entries >= nextPause` inline: an await per model would cost a microtask each. */
  private async pauseNow(c: Cursor): Promise<void> {
    this.nextPause = this.entries + PAUSE_EVERY;
    await this.pause(c.pos / c.buf.length);
  }

  // ---- build layout -------------------------------------------------------------------------

  private async decodeBuildRecord(c: Cursor, plan: BuildPlan): Promise<void> {
    const { ops, skips } = plan;
    const recordStart = c.pos;
    // Version and threshold after `models` in the schema: read them first (skipping the models)
    // so that the sink learns them before the entries, then come back.
    const lookAhead = plan.lookAheadTo >= 0;
    if (lookAhead) {
      for (let i = 0; i <= plan.lookAheadTo; i++) {
        const op = ops[i];
        if (op === OP_VERSION) this.acceptVersion(c, plan.version!);
        else if (op === OP_THRESHOLD) this.sink.setThreshold(readNumber(c, plan.threshold!, 'threshold'));
        else if (op === OP_MODELS) plan.skipModels(c);
        else skips[i]!(c);
      }
      c.pos = recordStart;
    }
    for (let i = 0; i < ops.length; i++) {
      switch (ops[i]) {
        case OP_VERSION:
          if (lookAhead) readVersion(c, plan.version!);
          else this.acceptVersion(c, plan.version!);
          break;
        case OP_THRESHOLD: {
          const threshold = readNumber(c, plan.threshold!, 'threshold');
          if (!lookAhead) this.sink.setThreshold(threshold);
          break;
        }
        case OP_MODELS:
          await this.decodeModels(c, plan.model);
          break;
        default:
          skips[i]!(c);
      }
    }
  }

  private acceptVersion(c: Cursor, plan: ScalarPlan): void {
    const at = c.pos;
    const version = readVersion(c, plan);
    const first = this.firstVersion;
    if (first === null) this.firstVersion = { value: version, record: this.record };
    else if (first.value !== version) {
      throw new BlockDataError(
        at,
        `record ${this.record} has version ${JSON.stringify(version)}, record ${first.record} had ${JSON.stringify(first.value)}: ` +
          'one build cannot hold two versions',
        true,
      );
    }
    this.sink.setVersion(version);
  }

  private async decodeModels(c: Cursor, plan: ModelPlan): Promise<void> {
    let index = 0;
    for (;;) {
      let count = readBlockCount(c, 'models');
      if (count === 0) return;
      for (; count > 0; count--) {
        this.modelIndex = index++;
        this.decodeModel(c, plan);
        if (this.entries >= this.nextPause) await this.pauseNow(c);
      }
    }
  }

  // ---- one {domain, cidrs} (a model of the build layout, or a record of the rows layout) ------

  private decodeModel(c: Cursor, plan: ModelPlan): void {
    if (plan.exact) {
      const buf = c.buf;
      const at = c.pos;
      let pos = at;
      let length: number;
      const b = buf[pos];
      if (b < 0x80) {
        length = (b >>> 1) ^ -(b & 1);
        pos++;
      } else {
        c.pos = pos;
        length = readLong(c, 'the length of a domain');
        pos = c.pos;
      }
      if (length < 0 || pos + length > buf.length) throw badString(at, length, 'a domain');
      c.pos = pos + length;
      const accept = this.sink.beginDomain(buf.toString('utf8', pos, pos + length), this.domainWhere);
      this.decodeEntriesExact(c, accept);
      return;
    }
    this.decodeModelGeneric(c, plan);
  }

  private decodeModelGeneric(c: Cursor, plan: ModelPlan): void {
    const { ops, skips } = plan;
    let accept = false;
    let domainDone = false;
    if (plan.lookAheadTo >= 0) {
      // `cidrs` comes before `domain` in this schema: find the domain first, then come back.
      const start = c.pos;
      for (let i = 0; i <= plan.lookAheadTo; i++) {
        const op = ops[i];
        if (op === OP_DOMAIN) accept = this.beginDomain(c, plan.domain);
        else if (op === OP_CIDRS) plan.skipCidrs(c);
        else skips[i]!(c);
      }
      domainDone = true;
      c.pos = start;
    }
    for (let i = 0; i < ops.length; i++) {
      switch (ops[i]) {
        case OP_DOMAIN:
          if (domainDone) readString(c, plan.domain, 'a domain');
          else accept = this.beginDomain(c, plan.domain);
          break;
        case OP_CIDRS:
          if (plan.entries.exact) this.decodeEntriesExact(c, accept);
          else this.decodeEntriesGeneric(c, plan.entries, accept);
          break;
        default:
          skips[i]!(c);
      }
    }
  }

  private beginDomain(c: Cursor, plan: ScalarPlan): boolean {
    const domain = readString(c, plan, 'a domain');
    if (domain === null) {
      const path = this.modelPath();
      this.sink.report({ row: this.record, field: path === '' ? 'domain' : `${path}.domain`, value: 'null', reason: 'the domain is null; its entries are dropped' });
      return false;
    }
    return this.sink.beginDomain(domain, this.domainWhere);
  }

  // ---- entries ---------------------------------------------------------------------------------

  /** `cidrs: array<{cidr: string, score: double}>` exactly: the loop that matters for speed. */
  private decodeEntriesExact(c: Cursor, accept: boolean): void {
    const buf = c.buf;
    const end = buf.length;
    const sink = this.sink;
    const where = this.entryWhere;
    let pos = c.pos;
    let index = 0;
    for (;;) {
      let count: number;
      let b = buf[pos];
      if (b < 0x80) {
        count = (b >>> 1) ^ -(b & 1);
        pos++;
      } else {
        c.pos = pos;
        count = readBlockCount(c, 'cidrs');
        pos = c.pos;
      }
      if (count === 0) break;
      if (count < 0) {
        c.pos = pos - 1;
        count = readBlockCount(c, 'cidrs');
        pos = c.pos;
      }
      this.entries += count;
      for (; count > 0; count--) {
        const at = pos;
        let length: number;
        b = buf[pos];
        if (b < 0x80) {
          length = (b >>> 1) ^ -(b & 1);
          pos++;
        } else {
          c.pos = pos;
          length = readLong(c, 'the length of a cidr');
          pos = c.pos;
        }
        const start = pos;
        pos += length;
        if (length < 0 || pos + 8 > end) throw badEntry(buf, at, start, length);
        const score = buf.readDoubleLE(pos);
        pos += 8;
        if (accept) {
          this.entryIndex = index;
          sink.addEntryBytes(buf, start, start + length, score, where);
        }
        index++;
      }
    }
    c.pos = pos;
  }

  /** Any other entry schema: extra fields, unions with null, float scores, fields in any order. */
  private decodeEntriesGeneric(c: Cursor, plan: EntryPlan, accept: boolean): void {
    const { ops, skips, cidr: cidrPlan, score: scorePlan } = plan;
    const buf = c.buf;
    const sink = this.sink;
    let index = 0;
    for (;;) {
      let count = readBlockCount(c, 'cidrs');
      if (count === 0) return;
      this.entries += count;
      for (; count > 0; count--) {
        let start = -1;
        let end = -1;
        let score: number | null = null;
        for (let i = 0; i < ops.length; i++) {
          switch (ops[i]) {
            case OP_CIDR: {
              if (cidrPlan.union && cidrPlan.kinds[readBranch(c, cidrPlan)] === K_NULL) break;
              const length = readStringLength(c, 'a cidr');
              start = c.pos;
              end = c.pos += length;
              break;
            }
            case OP_SCORE:
              score = readNumber(c, scorePlan, 'a score');
              break;
            default:
              skips[i]!(c);
          }
        }
        if (accept) {
          this.entryIndex = index;
          if (start >= 0) sink.addEntryBytes(buf, start, end, score, this.entryWhere);
          else {
            const w = this.entryWhere();
            sink.report({ row: w.record, field: `${w.path}.cidr`, value: 'null', reason: 'the cidr is null; entry dropped' });
          }
        }
        index++;
      }
    }
  }
}

// ---- scalar values -------------------------------------------------------------------------------

function badString(pos: number, length: number, what: string): BlockDataError {
  return length < 0 ? new BlockDataError(pos, `${what} has a negative length (${length})`) : overrun(pos, `${what} (${length} bytes)`);
}

/** `at`: the cidr's length varint; `start`: its first byte. */
function badEntry(buf: Buffer, at: number, start: number, length: number): BlockDataError {
  if (length < 0) return new BlockDataError(at, `a cidr has a negative length (${length})`);
  return start + length > buf.length ? overrun(at, `a cidr (${length} bytes)`) : overrun(start + length, 'a score (8 bytes)');
}

function readBranch(c: Cursor, plan: ScalarPlan): number {
  const at = c.pos;
  const index = readLong(c, 'a union branch index');
  if (index < 0 || index >= plan.kinds.length) {
    throw new BlockDataError(at, `union branch index ${index} is out of range (the union has ${plan.kinds.length} branches)`);
  }
  return index;
}

function readStringLength(c: Cursor, what: string): number {
  const at = c.pos;
  const length = readLong(c, `the length of ${what}`);
  if (length < 0 || c.pos + length > c.buf.length) throw badString(at, length, what);
  return length;
}

/** A string field (or a union of string and null). */
function readString(c: Cursor, plan: ScalarPlan, what: string): string | null {
  if (plan.union && plan.kinds[readBranch(c, plan)] === K_NULL) return null;
  const length = readStringLength(c, what);
  const start = c.pos;
  c.pos += length;
  return c.buf.toString('utf8', start, start + length);
}

/** A numeric field: double, float, int or long, or a union of those and null. */
function readNumber(c: Cursor, plan: ScalarPlan, what: string): number | null {
  const kind = plan.union ? plan.kinds[readBranch(c, plan)] : plan.kinds[0];
  const buf = c.buf;
  const pos = c.pos;
  switch (kind) {
    case K_NULL:
      return null;
    case K_DOUBLE:
      if (pos + 8 > buf.length) throw overrun(pos, `${what} (a double)`);
      c.pos = pos + 8;
      return buf.readDoubleLE(pos);
    case K_FLOAT:
      if (pos + 4 > buf.length) throw overrun(pos, `${what} (a float)`);
      c.pos = pos + 4;
      return buf.readFloatLE(pos);
    case K_INT:
      return readLong(c, what);
    case K_LONG:
      return Number(readLongBig(c, what));
    default:
      throw new Error(`unexpected value kind ${kind}`);
  }
}

/** The version: a string, or a long/int kept exactly as its decimal text. */
function readVersion(c: Cursor, plan: ScalarPlan): string | null {
  const kind = plan.union ? plan.kinds[readBranch(c, plan)] : plan.kinds[0];
  switch (kind) {
    case K_NULL:
      return null;
    case K_INT:
      return String(readLong(c, 'the version'));
    case K_LONG:
      return readLongBig(c, 'the version').toString();
    default: {
      const length = readStringLength(c, 'the version');
      const start = c.pos;
      c.pos += length;
      return c.buf.toString('utf8', start, start + length);
    }
  }
}
