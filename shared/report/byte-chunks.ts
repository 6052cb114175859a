// Reports are written as bytes into a chunk of about a megabyte, which the caller writes out
// each time it fills (DESIGN §6: output of any size, memory that does not grow with it). The
// chunk's buffer is reused: the caller must be done with a chunk before it asks for the next
// one (a fresh megabyte per chunk would cost a page fault per 4 KB written). Text is UTF-8;
// numbers are written as JavaScript (and JSON) writes them; IPv4 addresses digit by digit,
// since a report can hold tens of millions of them.

export const CHUNK_BYTES = 1 << 20;
/** Room past CHUNK_BYTES, so that one item's small pieces never need a bigger buffer. */
const SLACK = 64 << 10;

const encoder = new TextEncoder();
/** Printable ASCII that JSON does not escape: such a string is its own JSON text inside quotes. */
const JSON_PLAIN = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/u;

export class ByteChunks {
  /** The buffer and the write position, public for the hot loops that write bytes themselves. */
  buf = new Uint8Array(CHUNK_BYTES + SLACK);
  at = 0;

  /** Whether the chunk is full and should be taken and written before more is added. */
  get full(): boolean {
    return this.at >= CHUNK_BYTES;
  }

  /** The chunk written so far. Valid until the next write: the buffer is then reused. */
  take(): Uint8Array {
    const out = this.buf.subarray(0, this.at);
    this.at = 0;
    return out;
  }

  /** Makes sure `bytes` more fit (a huge comment can need more than the slack). */
  room(bytes: number): void {
    if (this.at + bytes <= this.buf.length) return;
    const bigger = new Uint8Array(Math.max(this.buf.length * 2, this.at + bytes));
    bigger.set(this.buf.subarray(0, this.at));
    this.buf = bigger;
  }

  /** A string known to be ASCII (keys, statuses, normal-form CIDRs and domains, numbers). */
  ascii(text: string): this {
    const n = text.length;
    this.room(n);
    const buf = this.buf;
    let at = this.at;
    for (let i = 0; i < n; i++) buf[at++] = text.charCodeAt(i);
    this.at = at;
    return this;
  }

  /** Pre-encoded bytes. */
  bytes(bytes: Uint8Array): this {
    const n = bytes.length;
    this.room(n);
    const buf = this.buf;
    let at = this.at;
    for (let i = 0; i < n; i++) buf[at++] = bytes[i];
    this.at = at;
    return this;
  }

  /** Any text, as UTF-8. */
  text(text: string): this {
    // Up to 3 bytes per UTF-16 unit (a surrogate pair is 4 bytes for 2 units).
    this.room(text.length * 3);
    this.at += encoder.encodeInto(text, this.buf.subarray(this.at)).written;
    return this;
  }

  /** A JSON string, exactly as JSON.stringify writes it. */
  json(text: string): this {
    if (JSON_PLAIN.test(text)) {
      this.room(text.length + 2);
      this.buf[this.at++] = 34;
      this.ascii(text);
      this.buf[this.at++] = 34;
      return this;
    }
    return this.text(JSON.stringify(text));
  }

  /** A finite number as JSON.stringify and String write it; null for NaN (not scored). */
  num(value: number): this {
    return value !== value ? this.ascii('null') : this.ascii(String(value));
  }

  byte(code: number): this {
    this.room(1);
    this.buf[this.at++] = code;
    return this;
  }

  /** An IPv4 address (32-bit unsigned) in dotted-quad form. */
  ipv4(start: number): this {
    this.room(15);
    this.octet(start >>> 24);
    this.buf[this.at++] = 46;
    this.octet((start >>> 16) & 255);
    this.buf[this.at++] = 46;
    this.octet((start >>> 8) & 255);
    this.buf[this.at++] = 46;
    this.octet(start & 255);
    return this;
  }

  /** A small non-negative integer (0–999): an octet, a prefix length. */
  octet(v: number): this {
    this.room(3);
    this.at = writeOctet(this.buf, this.at, v);
    return this;
  }
}

/** Writes 0–999 in decimal at `at`; returns the position after it. */
export function writeOctet(buf: Uint8Array, at: number, v: number): number {
  if (v >= 100) {
    const h = (v / 100) | 0;
    buf[at++] = 48 + h;
    v -= h * 100;
    buf[at++] = 48 + ((v / 10) | 0);
    buf[at++] = 48 + (v % 10);
  } else if (v >= 10) {
    buf[at++] = 48 + ((v / 10) | 0);
    buf[at++] = 48 + (v % 10);
  } else {
    buf[at++] = 48 + v;
  }
  return at;
}

export function asciiBytes(text: string): Uint8Array {
  return Uint8Array.from(text, (c) => c.charCodeAt(0));
}
