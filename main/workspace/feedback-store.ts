// A feedback pull in its snapshot: the rows as read (other columns kept), and the normalised
// authenticity and reputation feedback the analysis reads.

import type Database from 'better-sqlite3';
import type { AuthenticityFeedback, RawFeedbackRow, ReputationFeedback } from '../../shared/feedback';
import { normaliseOrg } from '../../shared/org';

export function createFeedbackTables(db: Database.Database): void {
  db.exec(`
    CREATE TABLE feedback_rows (seq INTEGER PRIMARY KEY, line INTEGER, row_id TEXT, suggestion_type TEXT, suggestion TEXT, context TEXT, organization_id TEXT, comments TEXT, other_columns TEXT NOT NULL) STRICT;
    CREATE TABLE authenticity_feedback (seq INTEGER NOT NULL, row_id TEXT, org TEXT NOT NULL, domain TEXT NOT NULL, cidrs TEXT NOT NULL, comments TEXT NOT NULL) STRICT;
    CREATE TABLE reputation_feedback (seq INTEGER NOT NULL, row_id TEXT, org TEXT NOT NULL, domain TEXT NOT NULL, label TEXT NOT NULL, comments TEXT NOT NULL) STRICT;
  `);
}

const text = (v: unknown): string | null => (v === undefined || v === null ? null : typeof v === 'string' ? v : JSON.stringify(v));

export class FeedbackRowWriter {
  private readonly insert: Database.Statement;
  constructor(db: Database.Database) {
    this.insert = db.prepare('INSERT INTO feedback_rows VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
  }
  write(row: RawFeedbackRow, seq: number, line: number | undefined): void {
    const { id, suggestion_type, suggestion, context, organization_id, comments, ...other } = row;
    this.insert.run(seq, line ?? null, text(id === undefined ? undefined : JSON.stringify(id)), text(suggestion_type), text(suggestion), text(context), text(organization_id), text(comments), JSON.stringify(other));
  }
}

export function writeFeedback(db: Database.Database, authenticity: AuthenticityFeedback[], reputation: ReputationFeedback[]): void {
  const auth = db.prepare('INSERT INTO authenticity_feedback VALUES (?, ?, ?, ?, ?, ?)');
  const rep = db.prepare('INSERT INTO reputation_feedback VALUES (?, ?, ?, ?, ?, ?)');
  db.transaction(() => {
    for (const f of authenticity) auth.run(f.seq, f.rowId === null ? null : JSON.stringify(f.rowId), JSON.stringify(f.org), f.domain, JSON.stringify(f.cidrs), f.comments);
    for (const f of reputation) rep.run(f.seq, f.rowId === null ? null : JSON.stringify(f.rowId), JSON.stringify(f.org), f.domain, f.label, f.comments);
  })();
}

type StoredRow = { seq: number; row_id: string | null; org: string; domain: string; comments: string };

export function readFeedback(db: Database.Database): { authenticity: AuthenticityFeedback[]; reputation: ReputationFeedback[] } {
  const base = (r: StoredRow) => ({ seq: r.seq, rowId: r.row_id === null ? null : (JSON.parse(r.row_id) as number | string), org: normaliseOrg(JSON.parse(r.org)) ?? r.org, domain: r.domain, comments: r.comments });
  const authenticity = (db.prepare('SELECT * FROM authenticity_feedback ORDER BY seq').all() as Array<StoredRow & { cidrs: string }>).map((r) => ({ ...base(r), cidrs: JSON.parse(r.cidrs) as string[] }));
  const reputation = (db.prepare('SELECT * FROM reputation_feedback ORDER BY seq').all() as Array<StoredRow & { label: string }>).map((r) => ({ ...base(r), label: r.label }));
  return { authenticity, reputation };
}
