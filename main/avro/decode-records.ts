// Decodes the records of one block's data straight from its bytes into a SenderModelSink,
// following a DecodePlan. This is the hot path of a build import (millions of entries, often in
// one record of one block), so:
//   - positions are local variables, varints are decoded inline when they fit in one byte;
//   - an entry's cidr is handed to the sink as a byte range (addEntryBytes), never as a string;
//   - no object is made per entry: the `where` a sink receives reads the decoder's current
//     position when called (valid during that sink call only); one ModelRun is reused;
//   - the entry shapes real writers produce (plain, or every value behind a union with null)
//     run through one loop that checks each union's branch byte inline.
//
// The data arrives in windows (block-windows.ts). Where a value runs past the end of a window
// before the last, the decoder steps back to where that value began, asks for more and reads it
// again; no sink call is made for a value before all of it has been read, so stepping back never
// repeats one. A model keeps its progress (which field, which entry) in a ModelRun for that.
// Every read is bounds-checked: data that ends inside a value at the end of the block is a
// BlockDataError, never a silently short value.

import type { EntryWhere, SenderModelSink } from '../../shared/sender-model-sink';
import type { Problem } from '../../shared/types';
import type { BlockWindows } from './block-windows';
import { Cursor, readLength } from './byte-reader';
import {
  K_NULL,
  OP_CIDR,
  OP_CIDRS,
  OP_DOMAIN,
  OP_MODELS,
  OP_SCORE,
  OP_THRESHOLD,
  OP_VERSION,
  PLAIN,
  type ArrayPlan,
  type BuildPlan,
  type DecodePlan,
  type EntryPlan,
  type ModelPlan,
  type OptionalPlan,
} from './decode-plan';
import { BlockDataError, EndOfDataError } from './errors';
import { readBlockCount, readBranch, readNumber, readOptional, readString, readVersion } from './read-values';

/** Entries between two pauses (event-loop turn, abort check, progress). */
export const PAUSE_EVERY = 1 << 20;

/**
 * A window with fewer bytes than this left is topped up before a model is started, so that a
 * model's domain and small fields are rarely cut by a window's end.
 */
const LOW_WATER = 64 * 1024;

/**
 * The fast entry loop reads an entry without bounds checks when this many bytes are left: two
 * branch bytes, a one-byte length, a cidr of at most 63 bytes, a branch byte and an 8-byte score.
 */
const FAST_ENTRY_MAX = 80;

/**
 * Called about every PAUSE_EVERY entries, between models, with the fraction of the current
 * block decoded so far. It yields to the event loop, so that an abort (which arrives as an event)
 * can be seen, and throws if the read was aborted.
 */
export type Pause = (fractionOfBlock: number) => Promise<void>;

/** What the records said about the version and threshold (null: no record gave one). */
export interface RecordsSaid {
  version: string | null;
  threshold: number | null;
}

/** Stages of a ModelRun before its fields. */
const AT_ITEM = -2;
const AT_LOOK_AHEAD = -1;
/** Stages of its entries array. */
const ENTRIES_START = 0;
const ENTRIES_BLOCKS = 1;
const ENTRIES_DONE = 2;

/** Where the decoding of one {domain, cidrs} stands, so that it can go on in the next window. */
class ModelRun {
  plan!: ModelPlan;
  /** Whether the model is an item of a union (build layout `models` items). */
  item!: OptionalPlan;
  /** AT_ITEM, AT_LOOK_AHEAD, then the index of the field being decoded. */
  stage = AT_ITEM;
  accept = false;
  domainDone = false;
  entriesStage = ENTRIES_START;
  /** Entries left in the current array block, and the index of the next entry. */
  remaining = 0;
  index = 0;

  reset(plan: ModelPlan, item: OptionalPlan): void {
    this.plan = plan;
    this.item = item;
    this.stage = AT_ITEM;
    this.accept = false;
    this.domainDone = false;
    this.entriesStage = ENTRIES_START;
    this.remaining = 0;
    this.index = 0;
  }
}

const RELEASED: BlockWindows = { buf: Buffer.alloc(0), base: 0, final: true, more: async () => {}, progress: () => 1, close: () => {} };

export class RecordDecoder {
  /** 1-based number of the record being decoded (over the whole file). */
  record = 0;
  /** Entries decoded so far (over the whole file). */
  entries = 0;
  /** The version and threshold the records gave (the first non-null version; the last threshold). */
  readonly said: RecordsSaid = { version: null, threshold: null };
  private versionRecord = 0;
  private modelIndex = 0;
  private entryIndex = 0;
  private nextPause = PAUSE_EVERY;
  private readonly build: boolean;
  private data!: BlockWindows;
  private readonly run = new ModelRun();
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
    this.entryWhere = () => ({ record: this.record, path: this.entryPath() });
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

  private entryPath(): string {
    return `${this.modelPath()}${this.build ? '.' : ''}cidrs[${this.entryIndex}]`;
  }

  /**
   * Decodes a block's `count` records, which must take exactly all of its data. Errors are
   * BlockDataErrors with the position in the block's data and (when inside one) the record number.
   */
  async decodeBlock(data: BlockWindows, count: number): Promise<void> {
    this.data = data;
    try {
      await this.decodeRecords(data, count);
    } finally {
      // The decoder outlives the block (it counts records over the file): let the block's bytes go.
      this.data = RELEASED;
    }
  }

  private async decodeRecords(data: BlockWindows, count: number): Promise<void> {
    const c = new Cursor(data.buf, 0);
    for (let i = 0; i < count; i++) {
      this.record++;
      try {
        if (this.plan.layout === 'build') await this.decodeBuildRecord(c, this.plan);
        else {
          // As in decodeModels: the awaits run only when a window runs out.
          if (!data.final && c.buf.length - c.pos < LOW_WATER) await this.more(c);
          this.run.reset(this.plan.model, PLAIN);
          while (!this.runModel(c, this.run)) await this.more(c);
          if (this.entries >= this.nextPause) await this.pauseNow(c);
        }
      } catch (error) {
        throw this.located(error, true);
      }
    }
    if (c.pos !== c.buf.length || !data.final) {
      const at = data.base + c.pos;
      while (!data.final) await data.more(data.buf.length);
      const length = data.base + data.buf.length;
      if (at !== length) {
        throw new BlockDataError(
          at,
          `the block says it holds ${count} record${count === 1 ? '' : 's'}, but they end at byte ${at} of its ` +
            `${length} bytes of data (${length - at} bytes left over)`,
        );
      }
    }
  }

  /** A BlockDataError with its position made absolute in the block's data, and the record. */
  private located(error: unknown, inRecord: boolean): unknown {
    if (!(error instanceof BlockDataError) || error.located) return error;
    error.position += this.data.base;
    error.located = true;
    if (inRecord && error.record === undefined) error.record = this.record;
    return error;
  }

  /** Callers test `entries >= nextPause` inline: an await per model would cost a microtask each. */
  private async pauseNow(c: Cursor): Promise<void> {
    this.nextPause = this.entries + PAUSE_EVERY;
    await this.pause(this.data.progress(c.pos));
  }

  // ---- windows --------------------------------------------------------------------------------

  /** Whether `error` only means that the value goes on in the next window. */
  private goesOn(error: unknown): boolean {
    return error instanceof EndOfDataError && !this.data.final;
  }

  /** Keeps the bytes from `c.pos` on and adds the next window(s). */
  private async more(c: Cursor): Promise<void> {
    await this.data.more(c.pos);
    c.buf = this.data.buf;
    c.pos = 0;
  }

  /** Reads a small value that has no effect until it is complete, across windows if need be. */
  private async small<T>(c: Cursor, read: (c: Cursor) => T): Promise<T> {
    for (;;) {
      const at = c.pos;
      try {
        return read(c);
      } catch (error) {
        if (!this.goesOn(error)) throw error;
        c.pos = at;
        await this.more(c);
      }
    }
  }

  // ---- build layout -------------------------------------------------------------------------

  private async decodeBuildRecord(c: Cursor, plan: BuildPlan): Promise<void> {
    const { ops, skips } = plan;
    for (let i = 0; i < ops.length; i++) {
      switch (ops[i]) {
        case OP_VERSION: {
          const at = this.data.base + c.pos;
          this.acceptVersion(await this.small(c, (cc) => readVersion(cc, plan.version!)), at);
          break;
        }
        case OP_THRESHOLD: {
          const threshold = await this.small(c, (cc) => readNumber(cc, plan.threshold!, 'threshold'));
          if (threshold !== null) {
            this.said.threshold = threshold;
            this.sink.setThreshold(threshold);
          }
          break;
        }
        case OP_MODELS:
          await this.decodeModels(c, plan.models);
          break;
        default:
          await this.small(c, skips[i]!);
      }
    }
  }

  /** A null version is not given (DESIGN §3.1); two different non-null ones are an error. */
  private acceptVersion(version: string | null, at: number): void {
    if (version === null) return;
    const first = this.said.version;
    if (first === null) {
      this.said.version = version;
      this.versionRecord = this.record;
    } else if (first !== version) {
      const error = new BlockDataError(
        at,
        `record ${this.record} has version ${JSON.stringify(version)}, record ${this.versionRecord} had ${JSON.stringify(first)}: ` +
          'one build cannot hold two versions',
        true,
      );
      error.located = true;
      throw error;
    }
    this.sink.setVersion(version);
  }

  private async decodeModels(c: Cursor, plan: ArrayPlan<ModelPlan>): Promise<void> {
    // A null `models` array holds no models (not a problem).
    if (plan.array.union && (await this.small(c, (cc) => readOptional(cc, plan.array, 'models')))) return;
    let index = 0;
    for (;;) {
      let count = await this.small(c, (cc) => readBlockCount(cc, 'models'));
      if (count === 0) return;
      for (; count > 0; count--) {
        this.modelIndex = index++;
        // No await unless a window runs out: a microtask per model would cost more than its entries.
        if (!this.data.final && c.buf.length - c.pos < LOW_WATER) await this.more(c);
        this.run.reset(plan.record, plan.item);
        while (!this.runModel(c, this.run)) await this.more(c);
        if (this.entries >= this.nextPause) await this.pauseNow(c);
      }
    }
  }

  // ---- one {domain, cidrs} (a model of the build layout, or a record of the rows layout) ------

  /**
   * Decodes as much of the model as the window holds: true when done, false when it stopped
   * at the start of a value that goes on in the next window (c.pos is there).
   */
  private runModel(c: Cursor, run: ModelRun): boolean {
    const plan = run.plan;
    if (run.stage === AT_ITEM) {
      if (run.item.union) {
        const at = c.pos;
        let isNull: boolean;
        try {
          isNull = readOptional(c, run.item, 'a model');
        } catch (error) {
          if (this.goesOn(error)) {
            c.pos = at;
            return false;
          }
          throw error;
        }
        if (isNull) {
          this.reject({ row: this.record, field: this.modelPath(), value: 'null', reason: 'the model is null; dropped' });
          return true;
        }
      }
      run.stage = AT_LOOK_AHEAD;
    }
    if (run.stage === AT_LOOK_AHEAD) {
      if (plan.lookAheadTo >= 0) {
        // `cidrs` comes before `domain` in this schema: find the domain first, then come back.
        const start = c.pos;
        let domain: string | null = null;
        try {
          for (let i = 0; i <= plan.lookAheadTo; i++) {
            if (plan.ops[i] === OP_DOMAIN) domain = readString(c, plan.domain, 'a domain');
            else if (plan.ops[i] === OP_CIDRS) plan.skipCidrs(c);
            else plan.skips[i]!(c);
          }
        } catch (error) {
          if (this.goesOn(error)) {
            c.pos = start;
            return false;
          }
          throw error;
        }
        c.pos = start;
        run.accept = this.beginDomain(domain);
        run.domainDone = true;
      }
      run.stage = 0;
    }
    const { ops, skips } = plan;
    for (; run.stage < ops.length; run.stage++) {
      const op = ops[run.stage];
      if (op === OP_CIDRS) {
        if (!this.runEntries(c, run)) return false;
        continue;
      }
      const at = c.pos;
      try {
        if (op === OP_DOMAIN) {
          const domain = readString(c, plan.domain, 'a domain');
          if (!run.domainDone) run.accept = this.beginDomain(domain);
        } else skips[run.stage]!(c);
      } catch (error) {
        if (this.goesOn(error)) {
          c.pos = at;
          return false;
        }
        throw error;
      }
    }
    return true;
  }

  private beginDomain(domain: string | null): boolean {
    if (domain === null) {
      const path = this.modelPath();
      this.reject({ row: this.record, field: path === '' ? 'domain' : `${path}.domain`, value: 'null', reason: 'the domain is null; its entries are dropped' });
      return false;
    }
    return this.sink.beginDomain(domain, this.domainWhere);
  }

  private reject(problem: Problem): void {
    this.sink.reject(problem);
  }

  // ---- entries ---------------------------------------------------------------------------------

  /** The model's `cidrs`: true when done, false when stopped for the next window. */
  private runEntries(c: Cursor, run: ModelRun): boolean {
    const cidrs = run.plan.cidrs;
    if (run.entriesStage === ENTRIES_START) {
      if (cidrs.array.union) {
        const at = c.pos;
        let isNull: boolean;
        try {
          isNull = readOptional(c, cidrs.array, 'cidrs');
        } catch (error) {
          if (this.goesOn(error)) {
            c.pos = at;
            return false;
          }
          throw error;
        }
        // A null `cidrs` array holds no entries (not a problem).
        if (isNull) {
          run.entriesStage = ENTRIES_DONE;
          return true;
        }
      }
      run.entriesStage = ENTRIES_BLOCKS;
    }
    if (run.entriesStage === ENTRIES_DONE) return true;
    const fast = cidrs.record.fast;
    for (;;) {
      if (run.remaining === 0) {
        const at = c.pos;
        let count: number;
        try {
          count = readBlockCount(c, 'cidrs');
        } catch (error) {
          if (this.goesOn(error)) {
            c.pos = at;
            return false;
          }
          throw error;
        }
        if (count === 0) {
          run.entriesStage = ENTRIES_DONE;
          return true;
        }
        run.remaining = count;
      }
      if (!(fast ? this.entriesFast(c, run) : this.entriesOneByOne(c, run))) return false;
    }
  }

  /**
   * The loop that matters for speed: `{cidr: string, score: double|float}` with any of the item,
   * cidr and score behind a two-branch union with null. An entry whose branch bytes say null,
   * whose cidr is long, or that is near the window's end goes through oneEntry instead.
   */
  private entriesFast(c: Cursor, run: ModelRun): boolean {
    const plan = run.plan.cidrs.record;
    const itemTag = run.plan.cidrs.item.valueTag; // -1: not in a union
    const { cidrTag, scoreTag } = plan;
    const wide = plan.scoreWidth === 8;
    const width = plan.scoreWidth;
    const buf = c.buf;
    const end = buf.length;
    const sink = this.sink;
    const where = this.entryWhere;
    const accept = run.accept;
    let pos = c.pos;
    let remaining = run.remaining;
    let index = run.index;
    const before = remaining;
    for (; remaining > 0; remaining--, index++) {
      const at = pos;
      // biome-ignore lint/suspicious/noConfusingLabels: leaving a labelled block is the cheapest way out of the fast path, measured against a flag per step
      fast: {
        if (pos + FAST_ENTRY_MAX > end) break fast;
        if (itemTag >= 0) {
          if (buf[pos] !== itemTag) break fast;
          pos++;
        }
        if (cidrTag >= 0) {
          if (buf[pos] !== cidrTag) break fast;
          pos++;
        }
        const b = buf[pos];
        if (b >= 0x80 || (b & 1) !== 0) break fast;
        const start = pos + 1;
        pos = start + (b >>> 1);
        if (scoreTag >= 0) {
          if (buf[pos] !== scoreTag) break fast;
          pos++;
        }
        const score = wide ? buf.readDoubleLE(pos) : buf.readFloatLE(pos);
        pos += width;
        if (accept) {
          this.entryIndex = index;
          sink.addEntryBytes(buf, start, start + (b >>> 1), score, where);
        }
        continue;
      }
      c.pos = at;
      run.index = index;
      try {
        this.oneEntry(c, run);
      } catch (error) {
        if (this.goesOn(error)) {
          c.pos = at;
          run.remaining = remaining;
          this.entries += before - remaining;
          return false;
        }
        throw error;
      }
      pos = c.pos;
    }
    c.pos = pos;
    run.remaining = 0;
    run.index = index;
    this.entries += before;
    return true;
  }

  /** Any other entry schema: extra fields, fields in any order, int/long scores, wider unions. */
  private entriesOneByOne(c: Cursor, run: ModelRun): boolean {
    while (run.remaining > 0) {
      const at = c.pos;
      try {
        this.oneEntry(c, run);
      } catch (error) {
        if (this.goesOn(error)) {
          c.pos = at;
          return false;
        }
        throw error;
      }
      run.remaining--;
      run.index++;
      this.entries++;
    }
    return true;
  }

  /** One entry, every read checked; the sink hears of it only once all of it has been read. */
  private oneEntry(c: Cursor, run: ModelRun): void {
    const item = run.plan.cidrs.item;
    const plan: EntryPlan = run.plan.cidrs.record;
    if (item.union && readOptional(c, item, 'an entry')) {
      if (run.accept) {
        this.entryIndex = run.index;
        this.reject({ row: this.record, field: this.entryPath(), value: 'null', reason: 'the entry is null; dropped' });
      }
      return;
    }
    const { ops, skips, cidr: cidrPlan, score: scorePlan } = plan;
    let start = -1;
    let end = -1;
    let score: number | null = null;
    for (let i = 0; i < ops.length; i++) {
      switch (ops[i]) {
        case OP_CIDR: {
          if (cidrPlan.union && cidrPlan.kinds[readBranch(c, cidrPlan)] === K_NULL) break;
          const length = readLength(c, 'a cidr');
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
    if (!run.accept) return;
    this.entryIndex = run.index;
    if (start >= 0) this.sink.addEntryBytes(c.buf, start, end, score, this.entryWhere);
    else this.reject({ row: this.record, field: `${this.entryPath()}.cidr`, value: 'null', reason: 'the cidr is null; entry dropped' });
  }
}
