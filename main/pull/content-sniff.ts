// A 200 answer is not proof of a build: proxies, captive portals and misconfigured endpoints
// answer with HTML error pages. The first bytes decide, before anything reaches the importer;
// what a file that is not a build looks like is said the way the importers say it
// (shared/content-look.ts).

import { describeLook, lookOfStart } from '../../shared/content-look';
import { PullError } from './errors';

export type BuildKind = 'sender-model' | 'reputation';

/** Avro object container files start with these four bytes. */
const AVRO_MAGIC = Buffer.from([0x4f, 0x62, 0x6a, 0x01]); // "Obj\x01"
const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);
/** Enough to see past any sane run of leading whitespace in a JSON build. */
const JSON_LOOKAHEAD = 4096;

export type SniffResult = { ok: true } | { ok: false; needMore: true } | { ok: false; needMore: false; reason: string };

/**
 * Checks the start of a build. `ended` says whether `head` is the whole object. Returns
 * needMore while the bytes seen cannot decide yet.
 */
export function sniffBuild(kind: BuildKind, head: Uint8Array, ended: boolean): SniffResult {
  const bytes = Buffer.from(head.buffer, head.byteOffset, head.byteLength);
  if (kind === 'sender-model') {
    if (bytes.length < AVRO_MAGIC.length) {
      if (!ended && AVRO_MAGIC.subarray(0, bytes.length).equals(bytes)) return { ok: false, needMore: true };
      return { ok: false, needMore: false, reason: bytes.length === 0 ? 'it is empty' : `it starts with ${preview(bytes)}` };
    }
    if (bytes.subarray(0, 4).equals(AVRO_MAGIC)) return { ok: true };
    const look = lookOfStart(bytes);
    if (look) return { ok: false, needMore: false, reason: `it is ${describeLook(look)}` };
    const json = firstNonBlank(bytes) === 0x5b ? ' (it looks like JSON: a reputation build?)' : '';
    return { ok: false, needMore: false, reason: `it starts with ${preview(bytes)}${json}` };
  }
  let i = bytes.subarray(0, 3).equals(UTF8_BOM) ? 3 : 0;
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0a || bytes[i] === 0x0d)) i++;
  if (i < bytes.length) {
    if (bytes[i] === 0x5b /* [ */) return { ok: true };
    // Another format's signature, UTF-16 or NUL bytes say what it is; other text is shown.
    const look = lookOfStart(bytes);
    if (look) return { ok: false, needMore: false, reason: `it is ${describeLook(look)}${look.what === 'an Avro file' ? ' (a sender-model build?)' : ''}` };
    return { ok: false, needMore: false, reason: `it starts with ${preview(bytes.subarray(i))}` };
  }
  if (!ended && bytes.length < JSON_LOOKAHEAD) return { ok: false, needMore: true };
  return { ok: false, needMore: false, reason: bytes.length === 0 ? 'it is empty' : 'it holds only whitespace' };
}

function firstNonBlank(bytes: Buffer): number | undefined {
  let i = bytes.subarray(0, 3).equals(UTF8_BOM) ? 3 : 0;
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0a || bytes[i] === 0x0d)) i++;
  return bytes[i];
}

/** What the object looks like, for the message: printable text as it is, else hex. */
function preview(bytes: Buffer): string {
  const head = bytes.subarray(0, 40);
  const text = head.toString('utf8');
  const printable = /^[\x20-\x7e\t\r\n\u00a0-\uffff]*$/u.test(text) && !text.includes('\ufffd');
  const shown = printable
    ? `'${text.replace(/\s+/g, ' ').trim()}${bytes.length > head.length ? '…' : ''}'`
    : `bytes ${head.subarray(0, 16).toString('hex').replace(/(..)/g, '$1 ').trim()}${bytes.length > 16 ? ' …' : ''}`;
  return shown;
}

function describeKind(kind: BuildKind): string {
  return kind === 'sender-model' ? 'an Avro build' : 'a reputation build (a JSON array)';
}

export function wrongContentError(kind: BuildKind, where: string, reason: string, contentType?: string): PullError {
  const html = /html/i.test(contentType ?? '') || /'\s*<(!doctype|html|\?xml)/i.test(reason);
  const advice = html
    ? 'the server answered with a web page, not the object: check the endpoint, a proxy or a sign-in page in between'
    : `check the key, and that it is ${kind === 'sender-model' ? 'a sender-model build (sendermodels-….avro)' : 'a reputation build (reputation-….json)'}`;
  return new PullError('wrong-content', `${where} is not ${describeKind(kind)}: ${reason}; ${advice}`);
}

/**
 * Passes `chunks` through once their first bytes look like a `kind` build; else throws a
 * wrong-content PullError before yielding anything.
 */
export async function* sniffedChunks(chunks: AsyncIterable<Uint8Array>, kind: BuildKind, where: string, contentType?: string): AsyncGenerator<Uint8Array> {
  const held: Uint8Array[] = [];
  let heldBytes = 0;
  let decided = false;
  const decide = (ended: boolean): boolean => {
    const head = held.length === 1 ? held[0] : Buffer.concat(held, heldBytes);
    const result = sniffBuild(kind, head, ended);
    if (result.ok) return true;
    if (result.needMore) return false;
    throw wrongContentError(kind, where, result.reason, contentType);
  };
  for await (const chunk of chunks) {
    if (decided) {
      yield chunk;
      continue;
    }
    held.push(chunk);
    heldBytes += chunk.byteLength;
    if (decide(false)) {
      decided = true;
      for (const c of held.splice(0)) yield c;
    }
  }
  if (!decided) {
    decide(true);
    for (const c of held.splice(0)) yield c;
  }
}
