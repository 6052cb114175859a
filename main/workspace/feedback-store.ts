// A feedback pull in its snapshot: the rows as read (other columns kept), the normalised
// authenticity and reputation feedback, and — from format 2 on — the items of DESIGN §4
// already made (keyed, merged, sorted), so that opening a pull of 50k CIDRs reads them back in
// one scan instead of re-deriving them. Format 1 snapshots (no items tables) still read: their
// items are derived from the feedback as before.

import type Database from 'better-sqlite3';
import { parseCidr } from '../../shared/cidr';
import type { AuthenticityFeedback, RawFeedbackRow, ReputationFeedback } from '../../shared/feedback';
import { authenticityItems, reputationItems, type AuthenticityItem, type ReputationItem } from '../../shared/items';
import { normaliseOrg } from '../../shared/org';
import type { Org } from '../../shared/types';

/** Bumped when the layout of these tables changes. */
export const FEEDBACK_FORMAT = 'smw-feedback/2';

export function createFeedbackTables(db: Database.Database): void {
  db.exec(`
    CREATE TABLE feedback_rows (seq INTEGER PRIMARY KEY, line INTEGER, row_id TEXT, suggestion_type TEXT, suggestion TEXT, context TEXT, organization_id TEXT, comments TEXT, other_columns TEXT NOT NULL) STRICT;
    CREATE TABLE authenticity_feedback (seq INTEGER NOT NULL, row_id TEXT, org TEXT NOT NULL, domain TEXT NOT NULL, cidrs TEXT NOT NULL, comments TEXT NOT NULL) STRICT;
    CREATE TABLE reputation_feedback (seq INTEGER NOT NULL, row_id TEXT, org TEXT NOT NULL, domain TEXT NOT NULL, label TEXT NOT NULL, comments TEXT NOT NULL) STRICT;
    CREATE TABLE feedback_meta (key TEXT NOT NULL PRIMARY KEY, value TEXT) STRICT;
    CREATE TABLE authenticity_items (pos INTEGER PRIMARY KEY, org TEXT NOT NULL, domain TEXT NOT NULL, cidr TEXT NOT NULL, comments TEXT NOT NULL, rows TEXT NOT NULL) STRICT;
    CREATE TABLE reputation_items (pos INTEGER PRIMARY KEY, org TEXT NOT NULL, domain TEXT NOT NULL, comments TEXT NOT NULL, rows TEXT NOT NULL) STRICT;
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
    this.insert.run(
      seq,
      line ?? null,
      text(id === undefined ? undefined : JSON.stringify(id)),
      text(suggestion_type),
      text(suggestion),
      text(context),
      text(organization_id),
      text(comments),
      JSON.stringify(other),
    );
  }
}

/** The normalised feedback and the items made of it. */
export function writeFeedback(db: Database.Database, authenticity: AuthenticityFeedback[], reputation: ReputationFeedback[]): void {
  const auth = db.prepare('INSERT INTO authenticity_feedback VALUES (?, ?, ?, ?, ?, ?)');
  const rep = db.prepare('INSERT INTO reputation_feedback VALUES (?, ?, ?, ?, ?, ?)');
  const authItem = db.prepare('INSERT INTO authenticity_items VALUES (?, ?, ?, ?, ?, ?)');
  const repItem = db.prepare('INSERT INTO reputation_items VALUES (?, ?, ?, ?, ?)');
  db.transaction(() => {
    for (const f of authenticity)
      auth.run(f.seq, f.rowId === null ? null : JSON.stringify(f.rowId), JSON.stringify(f.org), f.domain, JSON.stringify(f.cidrs), f.comments);
    for (const f of reputation) rep.run(f.seq, f.rowId === null ? null : JSON.stringify(f.rowId), JSON.stringify(f.org), f.domain, f.label, f.comments);
    authenticityItems(authenticity).forEach((item, pos) =>
      authItem.run(pos, JSON.stringify(item.org), item.domain, item.cidrText, JSON.stringify(item.comments), JSON.stringify(item.rows)),
    );
    reputationItems(reputation).forEach((item, pos) =>
      repItem.run(pos, JSON.stringify(item.org), item.domain, JSON.stringify(item.comments), JSON.stringify(item.rows)),
    );
    db.prepare('INSERT INTO feedback_meta (key, value) VALUES (?, ?)').run('format', FEEDBACK_FORMAT);
  })();
}

type StoredRow = { seq: number; row_id: string | null; org: string; domain: string; comments: string };

function orgOf(stored: string): Org {
  return normaliseOrg(JSON.parse(stored)) ?? stored;
}

/** The normalised feedback rows (the detail pane shows those behind an item). */
export function readFeedback(db: Database.Database): { authenticity: AuthenticityFeedback[]; reputation: ReputationFeedback[] } {
  const base = (r: StoredRow) => ({
    seq: r.seq,
    rowId: r.row_id === null ? null : (JSON.parse(r.row_id) as number | string),
    org: orgOf(r.org),
    domain: r.domain,
    comments: r.comments,
  });
  const authenticity = (db.prepare('SELECT * FROM authenticity_feedback ORDER BY seq').all() as Array<StoredRow & { cidrs: string }>).map((r) => ({
    ...base(r),
    cidrs: JSON.parse(r.cidrs) as string[],
  }));
  const reputation = (db.prepare('SELECT * FROM reputation_feedback ORDER BY seq').all() as Array<StoredRow & { label: string }>).map((r) => ({
    ...base(r),
    label: r.label,
  }));
  return { authenticity, reputation };
}

function formatOf(db: Database.Database): string | null {
  try {
    const row = db.prepare("SELECT value FROM feedback_meta WHERE key = 'format'").get() as { value: string } | undefined;
    return row?.value ?? null;
  } catch {
    return null; // format 1: no meta table
  }
}

/** The items of DESIGN §4, in their order (org, domain, CIDR). */
export function readFeedbackItems(db: Database.Database): { authenticityItems: AuthenticityItem[]; reputationItems: ReputationItem[] } {
  const format = formatOf(db);
  if (format === null) {
    const rows = readFeedback(db);
    return { authenticityItems: authenticityItems(rows.authenticity), reputationItems: reputationItems(rows.reputation) };
  }
  if (format !== FEEDBACK_FORMAT)
    throw new Error(`cannot read the feedback snapshot: its format is ${JSON.stringify(format)}, this app reads ${FEEDBACK_FORMAT}; re-import the feedback`);
  const auth: AuthenticityItem[] = [];
  for (const [org, domain, cidrText, comments, rows] of db
    .prepare('SELECT org, domain, cidr, comments, rows FROM authenticity_items ORDER BY pos')
    .raw()
    .iterate() as Iterable<[string, string, string, string, string]>) {
    const parsed = parseCidr(cidrText);
    if (!parsed.ok) throw new Error(`cannot read the feedback snapshot: item CIDR ${JSON.stringify(cidrText)} ${parsed.reason}`);
    auth.push({
      org: orgOf(org),
      domain,
      cidr: parsed.cidr,
      cidrText,
      comments: JSON.parse(comments) as string[],
      rows: JSON.parse(rows) as Array<number | string>,
    });
  }
  const rep: ReputationItem[] = [];
  for (const [org, domain, comments, rows] of db.prepare('SELECT org, domain, comments, rows FROM reputation_items ORDER BY pos').raw().iterate() as Iterable<
    [string, string, string, string]
  >) {
    rep.push({ org: orgOf(org), domain, comments: JSON.parse(comments) as string[], rows: JSON.parse(rows) as Array<number | string> });
  }
  return { authenticityItems: auth, reputationItems: rep };
}
