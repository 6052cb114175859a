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
  /** `position` is already in the whole block's data (not in the window being decoded). */
  located = false;

  constructor(
    /** In the window being decoded until `located`, then in the block's data. */
    public position: number,
    detail: string,
    /** The detail already says which record (so the block loop does not repeat it). */
    readonly namesRecord = false,
  ) {
    super(detail);
  }
}

/**
 * The data ends inside a value. While a block is still arriving in windows this only means that
 * the rest of the value is in the next window: the decoder steps back and reads on. At the end
 * of the block's data it is an error like any other.
 */
export class EndOfDataError extends BlockDataError {
  override name = 'EndOfDataError';

  constructor(position: number, what: string) {
    super(position, `the data ends inside ${what}`);
  }
}

/** What the reader throws when its AbortSignal fires: the shape `fetch` and Node streams use. */
export function abortError(): Error {
  return new DOMException('reading the sender model was cancelled', 'AbortError');
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortError();
}
