// A JSON document whose top level is an array, read element by element as its bytes arrive
// (a reputation build, DESIGN §3.2): memory holds one element at a time whatever the file's
// size. The scanner checks the whole grammar itself, byte by byte and without recursion, so
// every error names its byte offset, nesting deeper than `maxDepth` is an error rather than a
// stack overflow, and each element it hands on is known-good JSON for JSON.parse to build.

import { concatBytes } from './bytes';

/** Arrays and objects inside one another, the top-level array included. */
export const MAX_JSON_DEPTH = 100;

export type JsonStreamErrorKind =
  /** Nothing but whitespace (or nothing at all). */
  | 'empty'
  /** A document whose first value is not an array. */
  | 'not-array'
  /** A NUL byte: a binary file, not JSON text. */
  | 'nul'
  /** Nested deeper than maxDepth. */
  | 'depth'
  | 'syntax';

export class JsonStreamError extends Error {
  override name = 'JsonStreamError';
  constructor(
    readonly kind: JsonStreamErrorKind,
    /** Byte offset in the document (the BOM counts). */
    readonly offset: number,
    readonly reason: string,
  ) {
    super(`byte ${offset}: ${reason}`);
  }
}

/**
 * One element of the top-level array: its bytes (valid only during the call), the offset of
 * its first byte, and its 1-based position in the array.
 */
export type ElementHandler = (bytes: Uint8Array, offset: number, position: number) => void;

// Where the scanner is. Values are small integers so the main loop is one switch.
const BEFORE = 0; // before the document's first value (BOM, whitespace)
const VALUE = 1; // a value must come (after ':' or ',' in an array)
const VALUE_OR_CLOSE = 2; // just after '['
const KEY_OR_CLOSE = 3; // just after '{'
const KEY = 4; // after ',' in an object
const COLON = 5; // after a key
const AFTER_VALUE = 6; // ',' or the container's closer
const DONE = 7; // after the top-level array: whitespace only
const STRING = 8;
const ESCAPE = 9; // after a backslash in a string
const UNICODE = 10; // inside \uXXXX
const NUMBER = 11;
const LITERAL = 12; // true, false, null

// Number grammar: -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?
const N_MINUS = 0;
const N_ZERO = 1;
const N_INT = 2;
const N_DOT = 3;
const N_FRAC = 4;
const N_EXP = 5;
const N_EXP_SIGN = 6;
const N_EXP_DIGITS = 7;

const ARRAY = 1;
const OBJECT = 2;

const LITERALS: Record<number, Uint8Array> = {
  0x74: new Uint8Array([0x74, 0x72, 0x75, 0x65]), // true
  0x66: new Uint8Array([0x66, 0x61, 0x6c, 0x73, 0x65]), // false
  0x6e: new Uint8Array([0x6e, 0x75, 0x6c, 0x6c]), // null
};

function isSpace(b: number): boolean {
  return b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;
}

function isHex(b: number): boolean {
  return (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x46) || (b >= 0x61 && b <= 0x66);
}

/** A byte as a message shows it: `']'`, `byte 0xC3`. */
export function showByte(b: number): string {
  return b >= 0x21 && b <= 0x7e ? `'${String.fromCharCode(b)}'` : `byte 0x${b.toString(16).toUpperCase().padStart(2, '0')}`;
}

export class JsonArrayScanner {
  private readonly containers: Uint8Array;
  private depth = 0;
  private state = BEFORE;
  /** Absolute offset of the byte being looked at. */
  private offset = 0;
  private keyString = false;
  private numberState = N_MINUS;
  private literal: Uint8Array = LITERALS[0x74];
  private literalIndex = 0;
  private unicodeLeft = 0;
  private bomLeft = -1;
  /** The current top-level element: absolute start, and its bytes from earlier chunks. */
  private elementStart = -1;
  private elementParts: Uint8Array[] = [];
  private elements = 0;

  constructor(
    private readonly onElement: ElementHandler,
    readonly maxDepth = MAX_JSON_DEPTH,
  ) {
    this.containers = new Uint8Array(maxDepth + 2);
  }

  /** Elements handed on so far. */
  get count(): number {
    return this.elements;
  }

  /** Bytes scanned so far. */
  get bytes(): number {
    return this.offset;
  }

  push(chunk: Uint8Array): void {
    const base = this.offset;
    const n = chunk.length;
    let i = 0;
    // The element that continues from the previous chunk starts at 0 in this one.
    let startInChunk = this.elementStart >= 0 ? 0 : -1;
    const fail = (kind: JsonStreamErrorKind, reason: string): never => {
      this.offset = base + i;
      throw new JsonStreamError(kind, base + i, reason);
    };
    const beginValue = (b: number): void => {
      // i is at the value's first byte; the caller has checked the state wants a value.
      if (this.depth === 1) {
        this.elementStart = base + i;
        startInChunk = i;
      }
      if (b === 0x5b /* [ */ || b === 0x7b /* { */) {
        if (this.depth === 0 && b !== 0x5b) fail('not-array', 'the document is not an array');
        if (++this.depth > this.maxDepth) fail('depth', `nested deeper than ${this.maxDepth} levels of arrays and objects`);
        this.containers[this.depth] = b === 0x5b ? ARRAY : OBJECT;
        this.state = b === 0x5b ? VALUE_OR_CLOSE : KEY_OR_CLOSE;
        i++;
        return;
      }
      if (this.depth === 0) fail(b === 0 ? 'nul' : 'not-array', b === 0 ? 'a NUL byte' : 'the document is not an array');
      if (b === 0x22 /* " */) {
        this.keyString = false;
        this.state = STRING;
        i++;
        return;
      }
      if (b === 0x2d /* - */ || (b >= 0x30 && b <= 0x39)) {
        this.numberState = b === 0x2d ? N_MINUS : b === 0x30 ? N_ZERO : N_INT;
        this.state = NUMBER;
        i++;
        return;
      }
      const literal = LITERALS[b];
      if (literal) {
        this.literal = literal;
        this.literalIndex = 1;
        this.state = LITERAL;
        i++;
        return;
      }
      if (b === 0) fail('nul', 'a NUL byte');
      fail('syntax', `${showByte(b)} where a value should be`);
    };
    /** A value (scalar or container) just ended, its last byte before `end` (exclusive). */
    const endValue = (end: number): void => {
      if (this.depth === 0) {
        this.state = DONE;
        return;
      }
      this.state = AFTER_VALUE;
      if (this.depth === 1 && this.elementStart >= 0) this.emit(chunk, startInChunk, end);
    };

    while (i < n) {
      const b = chunk[i];
      switch (this.state) {
        case STRING: {
          // The hot loop: plain string bytes until a quote, a backslash or a control byte.
          let j = i;
          while (j < n) {
            const c = chunk[j];
            if (c === 0x22 || c === 0x5c || c < 0x20) break;
            j++;
          }
          i = j;
          if (i === n) break;
          const c = chunk[i];
          if (c === 0x22) {
            i++;
            if (this.keyString) this.state = COLON;
            else endValue(i);
          } else if (c === 0x5c) {
            this.state = ESCAPE;
            i++;
          } else if (c === 0) fail('nul', 'a NUL byte');
          else fail('syntax', `a control character (${showByte(c)}) inside a string; write it as an escape`);
          break;
        }
        case ESCAPE:
          if (b === 0x75 /* u */) {
            this.unicodeLeft = 4;
            this.state = UNICODE;
          } else if (b === 0x22 || b === 0x5c || b === 0x2f || b === 0x62 || b === 0x66 || b === 0x6e || b === 0x72 || b === 0x74) {
            this.state = STRING;
          } else fail(b === 0 ? 'nul' : 'syntax', b === 0 ? 'a NUL byte' : `\\${String.fromCharCode(b)} is not an escape JSON knows`);
          i++;
          break;
        case UNICODE:
          if (!isHex(b)) fail(b === 0 ? 'nul' : 'syntax', b === 0 ? 'a NUL byte' : `${showByte(b)} inside a \\u escape (four hex digits)`);
          if (--this.unicodeLeft === 0) this.state = STRING;
          i++;
          break;
        case NUMBER: {
          const digit = b >= 0x30 && b <= 0x39;
          switch (this.numberState) {
            case N_MINUS:
              if (!digit) fail('syntax', `${showByte(b)} after '-' in a number`);
              this.numberState = b === 0x30 ? N_ZERO : N_INT;
              i++;
              continue;
            case N_ZERO:
            case N_INT:
              if (digit && this.numberState === N_INT) {
                i++;
                continue;
              }
              if (digit) fail('syntax', 'a number with a leading zero');
              if (b === 0x2e /* . */) {
                this.numberState = N_DOT;
                i++;
                continue;
              }
              if (b === 0x65 || b === 0x45) {
                this.numberState = N_EXP;
                i++;
                continue;
              }
              break;
            case N_DOT:
              if (!digit) fail('syntax', `${showByte(b)} after the decimal point of a number`);
              this.numberState = N_FRAC;
              i++;
              continue;
            case N_FRAC:
              if (digit) {
                i++;
                continue;
              }
              if (b === 0x65 || b === 0x45) {
                this.numberState = N_EXP;
                i++;
                continue;
              }
              break;
            case N_EXP:
              if (b === 0x2b || b === 0x2d) {
                this.numberState = N_EXP_SIGN;
                i++;
                continue;
              }
              if (!digit) fail('syntax', `${showByte(b)} in the exponent of a number`);
              this.numberState = N_EXP_DIGITS;
              i++;
              continue;
            case N_EXP_SIGN:
              if (!digit) fail('syntax', `${showByte(b)} in the exponent of a number`);
              this.numberState = N_EXP_DIGITS;
              i++;
              continue;
            case N_EXP_DIGITS:
              if (digit) {
                i++;
                continue;
              }
              break;
          }
          // The number ended before this byte, which is looked at again as what follows it.
          endValue(i);
          break;
        }
        case LITERAL:
          if (b !== this.literal[this.literalIndex])
            fail(b === 0 ? 'nul' : 'syntax', b === 0 ? 'a NUL byte' : `${showByte(b)} inside ${new TextDecoder().decode(this.literal)}`);
          i++;
          if (++this.literalIndex === this.literal.length) endValue(i);
          break;
        default: {
          if (isSpace(b)) {
            i++;
            break;
          }
          switch (this.state) {
            case BEFORE:
              if (this.bomLeft === -1 && base + i === 0 && b === 0xef) {
                this.bomLeft = 2;
                i++;
                continue;
              }
              if (this.bomLeft > 0) {
                if (b !== (this.bomLeft === 2 ? 0xbb : 0xbf)) fail('not-array', 'the document is not an array');
                this.bomLeft--;
                i++;
                continue;
              }
              beginValue(b);
              break;
            case VALUE:
              beginValue(b);
              break;
            case VALUE_OR_CLOSE:
              if (b === 0x5d /* ] */) {
                this.depth--;
                endValue(++i);
              } else beginValue(b);
              break;
            case KEY_OR_CLOSE:
            case KEY:
              if (b === 0x22) {
                this.keyString = true;
                this.state = STRING;
                i++;
              } else if (b === 0x7d /* } */ && this.state === KEY_OR_CLOSE) {
                this.depth--;
                endValue(++i);
              } else fail(b === 0 ? 'nul' : 'syntax', b === 0 ? 'a NUL byte' : `${showByte(b)} where a key (a string in double quotes) should be`);
              break;
            case COLON:
              if (b !== 0x3a /* : */) fail(b === 0 ? 'nul' : 'syntax', b === 0 ? 'a NUL byte' : `${showByte(b)} where ':' should follow a key`);
              this.state = VALUE;
              i++;
              break;
            case AFTER_VALUE: {
              const container = this.containers[this.depth];
              if (b === 0x2c /* , */) {
                this.state = container === ARRAY ? VALUE : KEY;
                i++;
              } else if ((b === 0x5d && container === ARRAY) || (b === 0x7d && container === OBJECT)) {
                this.depth--;
                endValue(++i);
              } else {
                const expected = container === ARRAY ? "',' or ']'" : "',' or '}'";
                fail(b === 0 ? 'nul' : 'syntax', b === 0 ? 'a NUL byte' : `${showByte(b)} where ${expected} should be`);
              }
              break;
            }
            case DONE:
              fail(b === 0 ? 'nul' : 'syntax', b === 0 ? 'a NUL byte' : `${showByte(b)} after the end of the array`);
          }
        }
      }
    }
    // Keep the part of an element that continues in the next chunk.
    if (this.elementStart >= 0 && startInChunk >= 0) this.elementParts.push(chunk.slice(startInChunk));
    this.offset = base + n;
  }

  /** The document ended: throws unless it was one complete array. */
  end(): void {
    if (this.state === DONE) return;
    if (this.state === BEFORE) throw new JsonStreamError('empty', this.offset, this.offset === 0 ? 'the file is empty' : 'the file holds only whitespace');
    const inside =
      this.state === STRING || this.state === ESCAPE || this.state === UNICODE
        ? 'inside a string'
        : this.depth > 1
          ? `with ${this.depth} arrays or objects still open`
          : 'before the array was closed';
    throw new JsonStreamError('syntax', this.offset, `the file ends ${inside} (is it cut short?)`);
  }

  private emit(chunk: Uint8Array, startInChunk: number, end: number): void {
    const start = this.elementStart;
    let bytes: Uint8Array;
    if (this.elementParts.length === 0) bytes = chunk.subarray(startInChunk, end);
    else {
      bytes = concatBytes([...this.elementParts, chunk.subarray(0, end)]);
      this.elementParts = [];
    }
    this.elementStart = -1;
    this.elements++;
    this.onElement(bytes, start, this.elements);
  }
}
