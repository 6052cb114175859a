// Feedback rows (DESIGN §3.3) → normalised authenticity and reputation feedback. The same
// parser serves the JSON Lines file form and rows read from PostgreSQL. A bad entry never
// stops an import: it is dropped, the rest of its row kept, and each one reported.

import { concatBytes } from './bytes';
import { formatCidr, parseCidr } from './cidr';
import { describeLook, firstInvalidUtf8, LOOK_HEAD_BYTES, lookOfStart, utf8BomLength } from './content-look';
import { normaliseDomain } from './domain';
import { MAX_JSON_DEPTH, textNestingExceeds, valueNestingExceeds } from './json-depth';
import { normaliseOrg } from './org';
import { cutText, MAX_PROBLEM_VALUE, ProblemList, problemValue } from './problems';
import type { Org, Problem } from './types';

/** One row of `user_response` (or one line of the file form). */
export interface RawFeedbackRow {
  id?: unknown;
  suggestion?: unknown;
  context?: unknown;
  organization_id?: unknown;
  comments?: unknown;
  suggestion_type?: unknown;
  [column: string]: unknown;
}

/** Where a row came from: its line in a file, its position in a table read. */
export interface RowPlace {
  line?: number;
  seq: number;
}

export interface AuthenticityFeedback {
  seq: number;
  rowId: number | string | null;
  org: Org;
  domain: string;
  /** Normal-form CIDRs of the row (invalid ones dropped). */
  cidrs: string[];
  comments: string;
}

export interface ReputationFeedback {
  seq: number;
  rowId: number | string | null;
  org: Org;
  domain: string;
  label: string;
  comments: string;
}

export interface FeedbackParse {
  authenticity: AuthenticityFeedback[];
  reputation: ReputationFeedback[];
  /** The first MAX_KEPT_PROBLEMS problems; `problemsDropped` counts the rest. */
  problems: Problem[];
  problemsDropped: number;
  kept: number;
  skipped: number;
  rejected: number;
}

/** A row nested deeper than this is rejected like any bad row (DESIGN §3.3). */
export const MAX_ROW_DEPTH = MAX_JSON_DEPTH;

export class FeedbackParser {
  private readonly problemList = new ProblemList();
  readonly result: FeedbackParse = { authenticity: [], reputation: [], problems: this.problemList.kept, problemsDropped: 0, kept: 0, skipped: 0, rejected: 0 };

  /** A problem that dropped a row or an entry: counted as rejected. */
  reject(problem: Problem): void {
    this.result.rejected++;
    this.note(problem);
  }

  /** A problem that dropped nothing (text read with U+FFFD): reported only. */
  note(problem: Problem): void {
    this.problemList.add(problem);
    this.result.problemsDropped = this.problemList.dropped;
  }

  /** Where a row's problems are reported: its id (cut as values are) when it has one, else its line. */
  static where(row: RawFeedbackRow, place: RowPlace): Pick<Problem, 'line' | 'row'> {
    return whereOf(rowIdOf(row), place);
  }

  /** False (and the row rejected) when it nests deeper than MAX_ROW_DEPTH: then it must not be stored. */
  checkDepth(row: RawFeedbackRow, place: RowPlace): boolean {
    for (const [column, value] of Object.entries(row)) {
      const deep =
        typeof value === 'string'
          ? (column === 'suggestion' || column === 'context') && textNestingExceeds(value, MAX_ROW_DEPTH)
          : valueNestingExceeds(value, MAX_ROW_DEPTH - 1);
      if (deep) {
        this.reject({
          ...FeedbackParser.where(row, place),
          field: column,
          value: problemValue(value),
          reason: `nested deeper than ${MAX_ROW_DEPTH} levels; row dropped`,
        });
        return false;
      }
    }
    return true;
  }

  add(row: RawFeedbackRow, place: RowPlace): void {
    const rowId = rowIdOf(row);
    const problem = (field: string, value: unknown, reason: string) => this.reject({ ...whereOf(rowId, place), field, value: problemValue(value), reason });
    const type = row.suggestion_type;
    if (type !== 'authenticity' && type !== 'reputation') {
      this.result.skipped++;
      return;
    }
    let suggestion: unknown = row.suggestion;
    if (typeof suggestion === 'string') {
      try {
        suggestion = JSON.parse(suggestion);
      } catch (error) {
        problem('suggestion', row.suggestion, `not valid JSON (${(error as Error).message}); row dropped`);
        return;
      }
    }
    if (typeof suggestion !== 'object' || suggestion === null || Array.isArray(suggestion)) {
      problem('suggestion', row.suggestion, 'not a JSON object; row dropped');
      return;
    }
    const s = suggestion as { input_type?: unknown; label?: unknown; matches?: unknown };
    if (type === 'authenticity' && s.input_type !== 'ip_list') {
      this.result.skipped++;
      return;
    }
    const org = normaliseOrg(row.organization_id);
    if (org === null) {
      problem('organization_id', row.organization_id, 'missing or not an id; row dropped');
      return;
    }
    const matches = Array.isArray(s.matches) ? (s.matches as Array<{ field?: unknown; value?: unknown }>) : [];
    const domainMatch = matches.find((m) => m && m.field === 'domain');
    const rawDomain = Array.isArray(domainMatch?.value) ? domainMatch.value[0] : domainMatch?.value;
    if (typeof rawDomain !== 'string' || rawDomain.trim() === '') {
      problem('suggestion.matches.domain', rawDomain ?? '', 'no domain; row dropped');
      return;
    }
    const domain = normaliseDomain(rawDomain);
    if (domain === null) {
      problem('suggestion.matches.domain', rawDomain, 'not a valid domain; row dropped');
      return;
    }
    const comments = typeof row.comments === 'string' ? row.comments : row.comments == null ? '' : String(row.comments);
    if (type === 'reputation') {
      const label = typeof s.label === 'string' ? s.label : null;
      if (label === null) {
        problem('suggestion.label', s.label ?? '', 'no label; row dropped');
        return;
      }
      this.result.reputation.push({ seq: place.seq, rowId, org, domain, label, comments });
      this.result.kept++;
      return;
    }
    const ipMatch = matches.find((m) => m && m.field === 'ip');
    const rawIps = Array.isArray(ipMatch?.value) ? ipMatch.value : ipMatch?.value === undefined ? [] : [ipMatch.value];
    if (rawIps.length === 0) {
      problem('suggestion.matches.ip', '', 'no IP addresses; row dropped');
      return;
    }
    const cidrs: string[] = [];
    for (const ip of rawIps) {
      const parsed = typeof ip === 'string' ? parseCidr(ip) : ({ ok: false, reason: 'not a string' } as const);
      if (!parsed.ok) {
        problem('suggestion.matches.ip', ip, `${parsed.reason}; entry dropped`);
        continue;
      }
      const text = formatCidr(parsed.cidr);
      if (!cidrs.includes(text)) cidrs.push(text);
    }
    if (cidrs.length === 0) return;
    this.result.authenticity.push({ seq: place.seq, rowId, org, domain, cidrs, comments });
    this.result.kept++;
  }
}

function whereOf(rowId: number | string | null, place: RowPlace): Pick<Problem, 'line' | 'row'> {
  return rowId !== null ? { row: typeof rowId === 'string' ? cutText(rowId, MAX_PROBLEM_VALUE) : rowId } : { line: place.line ?? place.seq };
}

function rowIdOf(row: RawFeedbackRow): number | string | null {
  return row.id === undefined || row.id === null ? null : typeof row.id === 'number' || typeof row.id === 'string' ? row.id : String(row.id);
}

// ---- the JSON Lines file form ----------------------------------------------------------------

/** One line of a feedback file as the reader hands it on. */
export type FeedbackLine =
  /** A row (its line in a file; none for a table's rows), with problems that dropped nothing. */
  | { row: RawFeedbackRow; line?: number; notes: Problem[] }
  /** A line that is not a row: not JSON, not an object, nested too deep. */
  | { problem: Problem };

/** A file that is not a feedback file at all; the message names the file and what it is. */
export class FeedbackFormatError extends Error {
  override name = 'FeedbackFormatError';
  constructor(
    message: string,
    readonly offset?: number,
  ) {
    super(message);
  }
}

/**
 * Reads a JSON Lines feedback file from its bytes, chunk by chunk: `push` each chunk and take
 * the lines it completes, then `end` for the last one. A file that is not in the format at all
 * (DESIGN §3.3) throws a FeedbackFormatError: empty or blank, another format's signature,
 * UTF-16, NUL bytes, or no line that is JSON. Invalid UTF-8 is read with U+FFFD and reported.
 */
export class FeedbackLinesReader {
  private readonly fatal = new TextDecoder('utf-8', { fatal: true });
  private readonly lenient = new TextDecoder('utf-8');
  private head: Uint8Array[] | null = [];
  private headBytes = 0;
  /** Bytes of the line not yet ended, from earlier chunks. */
  private partial: Uint8Array[] = [];
  private partialBytes = 0;
  /** Offset of the next chunk's first byte in the file. */
  private offset = 0;
  private lineNumber = 0;
  private lineStart = 0;
  private sawText = false;
  private sawJson = false;
  private firstText = '';

  constructor(private readonly name: string) {}

  push(chunk: Uint8Array): FeedbackLine[] {
    if (this.head) {
      this.head.push(chunk);
      this.headBytes += chunk.length;
      if (this.headBytes < LOOK_HEAD_BYTES) return [];
      return this.releaseHead();
    }
    return this.split(chunk);
  }

  end(): FeedbackLine[] {
    const out = this.head ? this.releaseHead() : [];
    if (this.partialBytes > 0 || this.partial.length > 0) {
      const line = this.takePartial(new Uint8Array(0));
      const item = this.readLine(line, this.lineStart);
      if (item) out.push(item);
    }
    if (!this.sawText) throw this.notFeedback(`it is empty${this.offset > 0 ? ' (only blank lines)' : ''}`);
    if (!this.sawJson) throw this.notFeedback(`it is text, but no line of it is JSON (it starts with ${JSON.stringify(cutText(this.firstText, 40))})`);
    return out;
  }

  private releaseHead(): FeedbackLine[] {
    const parts = this.head!;
    this.head = null;
    const head = concatBytes(parts, this.headBytes);
    const look = lookOfStart(head);
    if (look && look.what !== 'empty') throw this.notFeedback(`it is ${describeLook(look)}`, look.at);
    const bom = utf8BomLength(head);
    this.offset = bom;
    this.lineStart = bom;
    return this.split(head.subarray(bom));
  }

  private split(chunk: Uint8Array): FeedbackLine[] {
    const out: FeedbackLine[] = [];
    let from = 0;
    for (;;) {
      const nl = chunk.indexOf(0x0a, from);
      if (nl < 0) break;
      const line = this.takePartial(chunk.subarray(from, nl));
      const item = this.readLine(line, this.lineStart);
      if (item) out.push(item);
      from = nl + 1;
      this.lineStart = this.offset + from;
    }
    if (from < chunk.length) {
      this.partial.push(chunk.slice(from));
      this.partialBytes += chunk.length - from;
    }
    this.offset += chunk.length;
    return out;
  }

  private takePartial(rest: Uint8Array): Uint8Array {
    if (this.partial.length === 0) return rest;
    const line = concatBytes([...this.partial, rest], this.partialBytes + rest.length);
    this.partial = [];
    this.partialBytes = 0;
    return line;
  }

  /** One line's bytes (without its newline), starting at `start` in the file. */
  private readLine(raw: Uint8Array, start: number): FeedbackLine | null {
    const n = ++this.lineNumber;
    const bytes = raw.length > 0 && raw[raw.length - 1] === 0x0d ? raw.subarray(0, raw.length - 1) : raw;
    const nul = bytes.indexOf(0);
    if (nul >= 0) throw this.notFeedback(`it is binary (a NUL byte at byte ${start + nul})`, start + nul);
    let text: string;
    let invalidAt = -1;
    try {
      text = this.fatal.decode(bytes);
    } catch {
      text = this.lenient.decode(bytes);
      invalidAt = start + Math.max(0, firstInvalidUtf8(bytes));
    }
    if (text.trim() === '') return null;
    if (!this.sawText) {
      this.sawText = true;
      this.firstText = text.trim();
      if (this.firstText.startsWith('<')) {
        throw new FeedbackFormatError(
          `${this.name}: not a feedback file: expected JSON Lines, but it starts with ${JSON.stringify(this.firstText.slice(0, 40))}`,
        );
      }
    }
    if (textNestingExceeds(text, MAX_ROW_DEPTH)) {
      // Too deep to read, so it cannot be told whether it is JSON: it looks like JSON.
      if (/^\s*[[{]/u.test(text)) this.sawJson = true;
      return lineProblem(n, text, `nested deeper than ${MAX_ROW_DEPTH} levels; line dropped`);
    }
    let row: unknown;
    try {
      row = JSON.parse(text);
    } catch (error) {
      return lineProblem(n, text, `not valid JSON (${cutText((error as Error).message, 200)}); line dropped`);
    }
    this.sawJson = true;
    if (typeof row !== 'object' || row === null || Array.isArray(row)) return lineProblem(n, text, 'not a JSON object; line dropped');
    const notes: Problem[] = [];
    if (invalidAt >= 0) {
      const record = row as RawFeedbackRow;
      const column = Object.keys(record).find((k) => JSON.stringify(record[k])?.includes('\ufffd')) ?? '(line)';
      notes.push({
        ...FeedbackParser.where(record, { line: n, seq: n }),
        field: column,
        value: problemValue(column === '(line)' ? text : record[column]),
        reason: `not valid UTF-8 at byte ${invalidAt}; stored with U+FFFD in place of the bad bytes`,
      });
    }
    return { row: row as RawFeedbackRow, line: n, notes };
  }

  private notFeedback(what: string, offset?: number): FeedbackFormatError {
    return new FeedbackFormatError(`${this.name}: not a feedback file (JSON Lines): ${what}`, offset);
  }
}

function lineProblem(line: number, text: string, reason: string): FeedbackLine {
  return { problem: { line, field: '(line)', value: problemValue(text), reason } };
}

/** Parses the JSON Lines file form held as text (tests); the same reader as the importer. */
export function parseFeedbackJsonl(text: string, parser = new FeedbackParser(), name = 'feedback.jsonl'): FeedbackParse {
  const reader = new FeedbackLinesReader(name);
  let seq = 0;
  for (const item of [...reader.push(new TextEncoder().encode(text)), ...reader.end()]) {
    if ('problem' in item) {
      parser.reject(item.problem);
      continue;
    }
    seq++;
    for (const note of item.notes) parser.note(note);
    if (parser.checkDepth(item.row, { line: item.line, seq })) parser.add(item.row, { line: item.line, seq });
  }
  return parser.result;
}
