// v3: context snapshots (DESIGN §8) — SPF, reverse DNS and AS pulled for a feedback pull. The
// registry's CHECK on `kind` is part of the table, so the table is rebuilt with the new kind
// (SQLite cannot change a CHECK in place), every row and the index kept.

import type { Migration } from './migration';

export const migration003: Migration = {
  version: 3,
  name: 'context snapshots',
  up(db) {
    db.exec(`
      CREATE TABLE snapshots_v3 (
        id         TEXT NOT NULL PRIMARY KEY,
        id_folded  TEXT NOT NULL UNIQUE,
        kind       TEXT NOT NULL CHECK (kind IN ('sender-model', 'reputation', 'feedback', 'context')),
        source     TEXT NOT NULL,
        created_at TEXT NOT NULL,
        "rows"     INTEGER NOT NULL CHECK ("rows" >= 0),
        bytes      INTEGER NOT NULL CHECK (bytes >= 0),
        version    TEXT,
        threshold  REAL,
        file       TEXT NOT NULL UNIQUE,
        demo       INTEGER NOT NULL DEFAULT 0 CHECK (demo IN (0, 1)),
        meta       TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(meta))
      ) STRICT;
      -- rowid order is kept: it breaks ties between snapshots created in the same millisecond.
      INSERT INTO snapshots_v3 (rowid, id, id_folded, kind, source, created_at, "rows", bytes, version, threshold, file, demo, meta)
        SELECT rowid, id, id_folded, kind, source, created_at, "rows", bytes, version, threshold, file, demo, meta FROM snapshots;
      DROP TABLE snapshots;
      ALTER TABLE snapshots_v3 RENAME TO snapshots;
      CREATE INDEX snapshots_by_kind ON snapshots (kind, created_at, id);
    `);
  },
};
