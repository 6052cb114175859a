// Skipping values we do not need (extra fields anywhere in the schema): one closure per type,
// compiled once per writer schema and cached, so skipping costs no schema lookups per value.

import { type Cursor, readLength, readLong, skipFixed, skipVarint } from './byte-reader';
import { BlockDataError } from './errors';
import type { AvroType } from './schema';

export type Skipper = (c: Cursor) => void;

const noop: Skipper = () => {};
const skipBoolean: Skipper = (c) => skipFixed(c, 1, 'a boolean');
const skipFloat: Skipper = (c) => skipFixed(c, 4, 'a float');
const skipDouble: Skipper = (c) => skipFixed(c, 8, 'a double');
const skipBytes: Skipper = (c) => {
  const length = readLength(c, 'a bytes or string value'); // advances c.pos past the length first
  c.pos += length;
};

export class SkipperCompiler {
  private readonly cache = new Map<AvroType, Skipper>();

  compile(type: AvroType): Skipper {
    const cached = this.cache.get(type);
    if (cached) return cached;
    switch (type.kind) {
      case 'null':
        return noop;
      case 'boolean':
        return skipBoolean;
      case 'int':
      case 'long':
      case 'enum':
        return skipVarint;
      case 'float':
        return skipFloat;
      case 'double':
        return skipDouble;
      case 'bytes':
      case 'string':
        return skipBytes;
      case 'fixed': {
        const size = type.size;
        return (c) => skipFixed(c, size, `fixed ${type.name}`);
      }
      case 'record': {
        // Cached before compiling the fields: a recursive record reaches itself through `self`.
        let fields: Skipper[] = [];
        const self: Skipper = (c) => {
          for (let i = 0; i < fields.length; i++) fields[i](c);
        };
        this.cache.set(type, self);
        fields = type.fields.map((f) => this.compile(f.type)).filter((s) => s !== noop);
        return self;
      }
      case 'array': {
        const item = this.compile(type.items);
        return (c) => skipBlocks(c, item, item === noop);
      }
      case 'map': {
        const value = this.compile(type.values);
        const entry: Skipper = (c) => {
          skipBytes(c);
          value(c);
        };
        return (c) => skipBlocks(c, entry, false);
      }
      case 'union': {
        const branches = type.branches.map((b) => this.compile(b));
        return (c) => {
          const at = c.pos;
          const index = readLong(c, 'a union branch index');
          if (index < 0 || index >= branches.length) {
            throw new BlockDataError(at, `union branch index ${index} is out of range (the union has ${branches.length} branches)`);
          }
          branches[index](c);
        };
      }
    }
  }
}

/**
 * Array and map values come in blocks: a count, then that many items; a negative count is
 * followed by the block's byte size, which lets us jump over the whole block at once. Items
 * that take no bytes (null) are not looped over, so a huge count cannot stall us.
 */
function skipBlocks(c: Cursor, item: Skipper, zeroWidth: boolean): void {
  for (;;) {
    let count = readLong(c, 'an array or map block count');
    if (count === 0) return;
    if (count < 0) {
      const at = c.pos;
      const size = readLong(c, 'an array or map block size');
      if (size < 0) throw new BlockDataError(at, `an array or map block has a negative byte size (${size})`);
      skipFixed(c, size, `an array or map block of ${size} bytes`);
      continue;
    }
    if (zeroWidth) continue;
    for (; count > 0; count--) item(c);
  }
}
