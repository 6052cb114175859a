// Feedback rows (DESIGN §3.3) → normalised authenticity and reputation feedback. The same
// parser serves the JSON Lines file form and rows read from PostgreSQL. A bad entry never
// stops an import: it is dropped, the rest of its row kept, and each one reported.

import { formatCidr, parseCidr } from './cidr';
import { normaliseDomain } from './domain';
import { normaliseOrg } from './org';
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
  problems: Problem[];
  kept: number;
  skipped: number;
  rejected: number;
}

export class FeedbackParser {
  readonly result: FeedbackParse = { authenticity: [], reputation: [], problems: [], kept: 0, skipped: 0, rejected: 0 };

  add(row: RawFeedbackRow, place: RowPlace): void {
    const rowId = row.id === undefined || row.id === null ? null : typeof row.id === 'number' || typeof row.id === 'string' ? row.id : String(row.id);
    const where: Pick<Problem, 'line' | 'row'> = rowId !== null ? { row: rowId } : { line: place.line ?? place.seq };
    const problem = (field: string, value: unknown, reason: string) => {
      this.result.rejected++;
      this.result.problems.push({ ...where, field, value: valueText(value), reason });
    };
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

function valueText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return '';
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** Parses the JSON Lines file form; a line that is not a JSON object is reported, not fatal. */
export function parseFeedbackJsonl(text: string, parser = new FeedbackParser()): FeedbackParse {
  const lines = text.split(/\r?\n/);
  let seq = 0;
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    seq++;
    let row: unknown;
    try {
      row = JSON.parse(line);
    } catch (error) {
      parser.result.rejected++;
      parser.result.problems.push({ line: i + 1, field: '(line)', value: line.slice(0, 200), reason: `not valid JSON (${(error as Error).message}); line dropped` });
      return;
    }
    if (typeof row !== 'object' || row === null || Array.isArray(row)) {
      parser.result.rejected++;
      parser.result.problems.push({ line: i + 1, field: '(line)', value: line.slice(0, 200), reason: 'not a JSON object; line dropped' });
      return;
    }
    parser.add(row as RawFeedbackRow, { line: i + 1, seq });
  });
  return parser.result;
}
