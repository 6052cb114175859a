// The shape of one workspace.db migration. Each version lives in its own file so that the
// history of the schema reads as a list, and each gets its own test.

import type Database from 'better-sqlite3';

export interface Migration {
  /** The `PRAGMA user_version` the database has after this migration. */
  version: number;
  /** A few words for logs and errors. */
  name: string;
  /** Runs inside the migration transaction: no PRAGMAs that cannot run in one (journal_mode…). */
  up(db: Database.Database): void;
}
