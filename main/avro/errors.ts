// Errors the Avro reader throws. Every problem with the file's bytes is an AvroFormatError that
// names the file and the byte offset, so an analyst can tell a truncated download from a bug.

/** The file is not a sender-model Avro container we can read; `offset` is a byte offset in the file. */
export class AvroFormatError extends Error {
  override name = 'AvroFormatError';
  readonly file: string;
  readonly offset: number;

  constructor(file: string, offset: number, detail: string) {
    super(`${file}: byte ${offset}: ${detail}`);
    this.file = file;
    this.offset = offset;
  }
}

/**
 * Thrown by the record decoder for a problem inside a block's decoded data. It knows only the
 * position inside that data; the block loop adds the file, the block and the record to it.
 */
export class BlockDataError extends Error {
  override name = 'BlockDataError';
  /** The 1-based record being decoded, when the problem is inside one. */
  record: number | undefined;

  constructor(
    readonly position: number,
    detail: string,
    /** The detail already says which record (so the block loop does not repeat it). */
    readonly namesRecord = false,
  ) {
    super(detail);
  }
}

/** What the reader throws when its AbortSignal fires: the shape `fetch` and Node streams use. */
export function abortError(): Error {
  return new DOMException('reading the sender model was cancelled', 'AbortError');
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortError();
}
