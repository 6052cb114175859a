// Avro values the record decoder reads with every check: union branches, lengths, strings,
// numbers in any of the accepted kinds, versions as exact text, array block counts. The hot loop
// in decode-records.ts reads the common shapes inline and comes here for everything else.

import { type Cursor, readLength, readLong, readLongBig } from './byte-reader';
import { K_DOUBLE, K_FLOAT, K_INT, K_LONG, K_NULL, type OptionalPlan, type ScalarPlan } from './decode-plan';
import { BlockDataError, EndOfDataError } from './errors';

/** Reads the count of an array block; a negative count is followed by the block's byte size. */
export function readBlockCount(c: Cursor, what: string): number {
  const at = c.pos;
  const count = readLong(c, `the item count of ${what}`);
  if (count >= 0) return count;
  const size = readLong(c, `the byte size of ${what}`);
  if (size < 0) throw new BlockDataError(at, `${what} has a block with a negative byte size (${size})`);
  return -count;
}

export function readBranch(c: Cursor, plan: ScalarPlan): number {
  const at = c.pos;
  const index = readLong(c, 'a union branch index');
  if (index < 0 || index >= plan.kinds.length) {
    throw new BlockDataError(at, `union branch index ${index} is out of range (the union has ${plan.kinds.length} branches)`);
  }
  return index;
}

/** Reads the branch of a union with null: true when it is the null branch. */
export function readOptional(c: Cursor, plan: OptionalPlan, what: string): boolean {
  const at = c.pos;
  const index = readLong(c, `the union branch index of ${what}`);
  if (index === plan.valueIndex) return false;
  if (index === plan.nullIndex) return true;
  throw new BlockDataError(at, `union branch index ${index} of ${what} is out of range (the union has ${plan.branches} branches)`);
}

/** A string's length and its UTF-8 bytes. */
function readText(c: Cursor, what: string): string {
  const length = readLength(c, what);
  const start = c.pos;
  c.pos += length;
  return c.buf.toString('utf8', start, start + length);
}

/** A string field (or a union of string and null). */
export function readString(c: Cursor, plan: ScalarPlan, what: string): string | null {
  if (plan.union && plan.kinds[readBranch(c, plan)] === K_NULL) return null;
  return readText(c, what);
}

/** A numeric field: double, float, int or long, or a union of those and null. */
export function readNumber(c: Cursor, plan: ScalarPlan, what: string): number | null {
  const kind = plan.union ? plan.kinds[readBranch(c, plan)] : plan.kinds[0];
  const buf = c.buf;
  const pos = c.pos;
  switch (kind) {
    case K_NULL:
      return null;
    case K_DOUBLE:
      if (pos + 8 > buf.length) throw new EndOfDataError(pos, `${what} (a double)`);
      c.pos = pos + 8;
      return buf.readDoubleLE(pos);
    case K_FLOAT:
      if (pos + 4 > buf.length) throw new EndOfDataError(pos, `${what} (a float)`);
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
export function readVersion(c: Cursor, plan: ScalarPlan): string | null {
  const kind = plan.union ? plan.kinds[readBranch(c, plan)] : plan.kinds[0];
  switch (kind) {
    case K_NULL:
      return null;
    case K_INT:
      return String(readLong(c, 'the version'));
    case K_LONG:
      return readLongBig(c, 'the version').toString();
    default:
      return readText(c, 'the version');
  }
}
