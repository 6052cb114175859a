// The object container's header: magic `Obj\x01`, the metadata map (string keys, bytes values,
// in blocks like any Avro map) and the 16-byte sync marker that ends every block. Read through
// the ByteSource a few bytes at a time, so a header is never mistaken for data nor over-read.

import { Cursor, readLong } from './byte-reader';
import type { ByteSource } from './byte-source';
import { AvroFormatError, BlockDataError } from './errors';

export const MAGIC = Buffer.from([0x4f, 0x62, 0x6a, 0x01]); // "Obj" 1
export const SYNC_SIZE = 16;

/** No sender-model schema or metadata value comes near this; a larger claim is corruption. */
const MAX_METADATA_VALUE = 64 * 1024 * 1024;

export interface ContainerHeader {
  metadata: Record<string, string>;
  /** The byte offset of each metadata value, for errors about it (e.g. bad schema JSON). */
  valueOffsets: Record<string, number>;
  sync: Buffer;
  /** Bytes the header takes; the first block starts here. */
  length: number;
}

export async function readContainerHeader(source: ByteSource, file: string): Promise<ContainerHeader> {
  const fail = (offset: number, detail: string): AvroFormatError => new AvroFormatError(file, offset, detail);
  const truncated = (what: string): AvroFormatError =>
    fail(source.position, `the file ends inside its header (${what}): it is truncated, or not a complete Avro container`);

  const got = await source.ensure(MAGIC.length);
  if (got === 0) throw fail(0, `the file is empty; an Avro object container starts with "Obj" and byte 1`);
  const head = source.view().subarray(0, got);
  if (!head.equals(MAGIC.subarray(0, got))) {
    throw fail(0, `not an Avro object container: it starts with ${hexBytes(head)}, expected 4f 62 6a 01 ("Obj" and byte 1)`);
  }
  if (got < MAGIC.length) throw truncated('in the magic bytes');
  source.consume(MAGIC.length);

  /** A varint from the header, with the same rules as in data; incomplete at the end = truncated. */
  const long = async (what: string): Promise<number> => {
    const available = await source.ensure(10);
    const c = new Cursor(source.view().subarray(0, available), 0);
    try {
      const value = readLong(c, what);
      source.consume(c.pos);
      return value;
    } catch (error) {
      if (!(error instanceof BlockDataError)) throw error;
      if (available < 10) throw truncated(`in ${what}`);
      throw fail(source.position + error.position, `bad header: ${error.message}`);
    }
  };
  const bytes = async (what: string): Promise<{ value: Buffer; offset: number }> => {
    const at = source.position;
    const length = await long(`the length of ${what}`);
    if (length < 0) throw fail(at, `bad header: ${what} has a negative length (${length})`);
    if (length > MAX_METADATA_VALUE) throw fail(at, `bad header: ${what} claims ${length} bytes, more than any metadata value can hold`);
    const offset = source.position;
    if ((await source.ensure(length)) < length) throw truncated(`in ${what}, ${length} bytes from byte ${offset}`);
    const value = Buffer.from(source.view().subarray(0, length)); // a copy: the view is reused
    source.consume(length);
    return { value, offset };
  };

  // Maps, not object literals: a key such as "__proto__" must stay an ordinary key.
  const metadata = new Map<string, string>();
  const valueOffsets = new Map<string, number>();
  for (;;) {
    let count = await long('the metadata map block count');
    if (count === 0) break;
    if (count < 0) {
      count = -count;
      await long('the metadata map block size'); // lets readers skip the block; we read it all
    }
    for (; count > 0; count--) {
      const keyAt = source.position;
      const key = (await bytes('a metadata key')).value.toString('utf8');
      if (metadata.has(key)) throw fail(keyAt, `bad header: the metadata key ${JSON.stringify(key)} appears twice`);
      const { value, offset } = await bytes(`the metadata value of ${JSON.stringify(key)}`);
      metadata.set(key, value.toString('utf8'));
      valueOffsets.set(key, offset);
    }
  }

  if ((await source.ensure(SYNC_SIZE)) < SYNC_SIZE) throw truncated('in the sync marker');
  const sync = Buffer.from(source.view().subarray(0, SYNC_SIZE));
  source.consume(SYNC_SIZE);
  return { metadata: Object.fromEntries(metadata), valueOffsets: Object.fromEntries(valueOffsets), sync, length: source.position };
}

export function hexBytes(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');
}
