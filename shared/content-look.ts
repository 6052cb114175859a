// What a file looks like from its first bytes (DESIGN §3.3): a feedback pull or a build that is
// not in its format at all — empty, another format's signature, UTF-16, NUL bytes — fails as a
// whole and says which of these it is. One function for the feedback and reputation importers
// and the S3 pull's content check, so they all say the same thing about the same bytes.

/** How many bytes `lookOfStart` wants to see, when the file has that many. */
export const LOOK_HEAD_BYTES = 4096;

export const UTF8_BOM = [0xef, 0xbb, 0xbf] as const;

export interface ContentLook {
  /** What the file is, as a noun phrase: `empty`, `an Avro file`, `binary`, `UTF-16 text`… */
  what: string;
  /** The byte where it shows (a NUL byte's offset); absent for signatures at byte 0. */
  at?: number;
}

/** Signatures at byte 0, longest first where one is a prefix of another. */
const SIGNATURES: ReadonlyArray<{ bytes: readonly number[]; what: string }> = [
  { bytes: [0x4f, 0x62, 0x6a, 0x01], what: 'an Avro file' }, // "Obj" 0x01
  { bytes: [0xff, 0xfe, 0x00, 0x00], what: 'UTF-32 text' },
  { bytes: [0x00, 0x00, 0xfe, 0xff], what: 'UTF-32 text' },
  { bytes: [0xff, 0xfe], what: 'UTF-16 text' },
  { bytes: [0xfe, 0xff], what: 'UTF-16 text' },
  { bytes: [0x1f, 0x8b], what: 'gzip-compressed data' },
  { bytes: [0x50, 0x4b, 0x03, 0x04], what: 'a zip archive' }, // "PK"
  { bytes: [0x42, 0x5a, 0x68], what: 'bzip2-compressed data' }, // "BZh"
  { bytes: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], what: 'xz-compressed data' },
  { bytes: [0x28, 0xb5, 0x2f, 0xfd], what: 'zstd-compressed data' },
  { bytes: [0x50, 0x41, 0x52, 0x31], what: 'a Parquet file' }, // "PAR1"
  { bytes: [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65, 0x20, 0x66, 0x6f, 0x72, 0x6d, 0x61, 0x74, 0x20, 0x33, 0x00], what: 'an SQLite database' },
  { bytes: [0x25, 0x50, 0x44, 0x46, 0x2d], what: 'a PDF document' }, // "%PDF-"
];

/** 3 when `head` starts with a UTF-8 byte-order mark (which is ignored), else 0. */
export function utf8BomLength(head: Uint8Array): number {
  return head.length >= 3 && head[0] === UTF8_BOM[0] && head[1] === UTF8_BOM[1] && head[2] === UTF8_BOM[2] ? 3 : 0;
}

/**
 * What the start of a file says it is when that rules out a text format (JSON, JSON Lines):
 * null when it may be such text. `head` is the file's first bytes (up to LOOK_HEAD_BYTES, or
 * the whole file when shorter). Blank files are told apart by the readers, which see all of it.
 */
export function lookOfStart(head: Uint8Array): ContentLook | null {
  if (head.length === 0) return { what: 'empty' };
  for (const { bytes, what } of SIGNATURES) {
    if (head.length >= bytes.length && bytes.every((b, i) => head[i] === b)) return { what };
  }
  const nul = head.indexOf(0);
  if (nul >= 0) return looksLikeUtf16(head) ? { what: 'UTF-16 text' } : { what: 'binary', at: nul };
  return null;
}

/** The phrase for a message: `binary (a NUL byte at byte 17)`, `an Avro file`. */
export function describeLook(look: ContentLook): string {
  if (look.what === 'binary' && look.at !== undefined) return `binary (a NUL byte at byte ${look.at})`;
  return look.what;
}

/**
 * UTF-16 without a byte-order mark: ASCII text with a NUL beside every character, all at even
 * offsets (big-endian) or all at odd ones (little-endian).
 */
function looksLikeUtf16(head: Uint8Array): boolean {
  const n = Math.min(head.length, 512) & ~1;
  if (n < 4) return false;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (head[i] === 0) evenNul++;
    if (head[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  const ascii = (offset: number) => {
    for (let i = offset; i < n; i += 2) if (head[i] >= 0x80 || (head[i] < 0x20 && head[i] !== 0x09 && head[i] !== 0x0a && head[i] !== 0x0d)) return false;
    return true;
  };
  return (oddNul >= pairs * 0.9 && evenNul === 0 && ascii(0)) || (evenNul >= pairs * 0.9 && oddNul === 0 && ascii(1));
}

/** The offset of the first byte that is not valid UTF-8 in `bytes`, or -1 when all are. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) (need = 1), (min = 0x80);
    else if (b >= 0xe0 && b <= 0xef) (need = 2), (min = 0x800);
    else if (b >= 0xf0 && b <= 0xf4) (need = 3), (min = 0x10000);
    else return i;
    if (i + need >= n) return i; // cut off by the end
    let cp = b & (need === 1 ? 0x1f : need === 2 ? 0x0f : 0x07);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if ((c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}
