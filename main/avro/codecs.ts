// Block codecs of the Avro container: null, deflate (raw RFC 1951 data, no zlib header) and
// snappy (raw snappy data followed by the big-endian CRC-32 of the uncompressed bytes).

import { crc32, inflateRawSync } from 'node:zlib';
import { uncompressSync } from 'snappy';

export type CodecName = 'null' | 'deflate' | 'snappy';

export const CODECS: readonly CodecName[] = ['null', 'deflate', 'snappy'];

export function isCodecName(name: string): name is CodecName {
  return (CODECS as readonly string[]).includes(name);
}

/** A block's compressed data cannot be decompressed; the message says why. */
export class CodecError extends Error {
  override name = 'CodecError';
}

// Inside Electron (V8 memory cage) native modules may not hand out external buffers: ask the
// snappy binding to copy its output there. Plain Node keeps the faster zero-copy path.
const snappyOptions = { asBuffer: true, copyOutputData: Boolean(process.versions.electron) };

/** Returns the block's decoded bytes (for null, the data itself). */
export function decompressBlock(codec: CodecName, data: Buffer): Buffer {
  switch (codec) {
    case 'null':
      return data;
    case 'deflate':
      if (data.length === 0) return data;
      try {
        return inflateRawSync(data);
      } catch (error) {
        throw new CodecError(`deflate data is corrupt (${(error as Error).message})`);
      }
    case 'snappy': {
      if (data.length === 0) return data;
      if (data.length < 4) throw new CodecError(`snappy block of ${data.length} bytes is too short to hold its 4-byte CRC-32`);
      let out: Buffer;
      try {
        out = uncompressSync(data.subarray(0, data.length - 4), snappyOptions) as Buffer;
      } catch (error) {
        throw new CodecError(`snappy data is corrupt (${(error as Error).message})`);
      }
      const stored = data.readUInt32BE(data.length - 4);
      const actual = crc32(out) >>> 0;
      if (stored !== actual) {
        throw new CodecError(
          `snappy block checksum does not match: the block says CRC-32 ${hex(stored)}, its ${out.length} decompressed bytes have ${hex(actual)}`,
        );
      }
      return out;
    }
  }
}

function hex(n: number): string {
  return `0x${n.toString(16).padStart(8, '0')}`;
}
