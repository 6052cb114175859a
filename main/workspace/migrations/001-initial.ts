// v1: the registry of snapshots, the notes and the settings (DESIGN §5, §6).

import type { Migration } from './migration';

export const migration001: Migration = {
  version: 1,
  name: 'snapshots, notes and settings',
  up(db) {
    db.exec(`
      -- One row per snapshot file under snapshots/. id_folded makes ids unique regardless of
      -- case, because the files live on case-insensitive file systems on macOS and Windows.
      -- file is relative to snapshots/ so that the workspace folder can be moved.
      CREATE TABLE snapshots (
        id         TEXT NOT NULL PRIMARY KEY,
        id_folded  TEXT NOT NULL UNIQUE,
        kind       TEXT NOT NULL CHECK (kind IN ('sender-model', 'reputation', 'feedback')),
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

      -- Notes are keyed by identity, never by a snapshot row (DESIGN §4), so that they follow
      -- a finding into later builds and survive deleting snapshots. org is the JSON text of
      -- the org id (54 or "acme"), so numbers and strings never collide; '' means "absent" in
      -- domain and cidr because a NULL cannot be part of a usable primary key.
      CREATE TABLE notes (
        org        TEXT NOT NULL,
        domain     TEXT NOT NULL DEFAULT '',
        cidr       TEXT NOT NULL DEFAULT '',
        scope      TEXT NOT NULL CHECK (scope IN ('org', 'domain', 'finding')),
        text       TEXT NOT NULL,
        status     TEXT NOT NULL CHECK (status IN ('open', 'explained', 'fixed', 'wont-fix')),
        tags       TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(tags)),
        noted      TEXT CHECK (noted IS NULL OR json_valid(noted)),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (org, domain, cidr),
        CHECK (cidr = '' OR domain <> '')
      ) STRICT;

      CREATE TABLE settings (
        key   TEXT NOT NULL PRIMARY KEY,
        value TEXT NOT NULL CHECK (json_valid(value))
      ) STRICT;
    `);
  },
};
