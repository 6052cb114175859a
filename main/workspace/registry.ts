// The snapshot registry: the `snapshots` table of workspace.db, as plain rows in and
// SnapshotInfo out. Kept apart from the Workspace class so the writer shares the same SQL.

import type Database from 'better-sqlite3';
import type { SnapshotInfo, SnapshotKind } from '../../shared/types';
import { foldSnapshotId } from './snapshot-id';

export const SNAPSHOT_KINDS: readonly SnapshotKind[] = ['sender-model', 'reputation', 'feedback', 'context'];

/** Free-form facts about where a snapshot came from (bucket, key, etag, problem counts…). */
export interface SnapshotMeta {
  bucket?: string;
  key?: string;
  etag?: string;
  size?: number;
  pulledAt?: string;
  problems?: number;
  [key: string]: unknown;
}

export interface RegistryRow {
  id: string;
  id_folded: string;
  kind: SnapshotKind;
  source: string;
  created_at: string;
  rows: number;
  bytes: number;
  version: string | null;
  threshold: number | null;
  file: string;
  demo: 0 | 1;
  meta: string;
}

const COLUMNS = 'id, id_folded, kind, source, created_at, "rows", bytes, version, threshold, file, demo, meta';

export function assertSnapshotKind(kind: unknown): SnapshotKind {
  if (!SNAPSHOT_KINDS.includes(kind as SnapshotKind)) {
    throw new Error(`unknown snapshot kind '${String(kind)}'; use one of ${SNAPSHOT_KINDS.join(', ')}`);
  }
  return kind as SnapshotKind;
}

/** The row whose id equals `id` ignoring case (ids are unique that way). */
export function findRow(db: Database.Database, id: string): RegistryRow | undefined {
  return db.prepare(`SELECT ${COLUMNS} FROM snapshots WHERE id_folded = ?`).get(foldSnapshotId(id)) as RegistryRow | undefined;
}

export function allRows(db: Database.Database): RegistryRow[] {
  return db.prepare(`SELECT ${COLUMNS} FROM snapshots ORDER BY created_at, id`).all() as RegistryRow[];
}

/**
 * Set in the settings table when the first snapshot is registered, and never removed: a
 * workspace that has never had a snapshot gets the demo when the app starts (DESIGN §5), even
 * if an earlier first start failed after creating workspace.db; one whose snapshots were all
 * deleted does not. Not an analyst's setting: getSettings ignores keys it does not know, and
 * setSettings refuses them.
 */
export const HAD_SNAPSHOT_KEY = 'workspace.firstSnapshotAt';

export function markHadSnapshot(db: Database.Database, at: string): void {
  db.prepare('INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)').run(HAD_SNAPSHOT_KEY, JSON.stringify(at));
}

/** No snapshot was ever registered here (nor were notes written: a workspace in use). */
export function neverHadSnapshot(db: Database.Database): boolean {
  const row = db
    .prepare(`SELECT EXISTS (SELECT 1 FROM settings WHERE key = ?) OR EXISTS (SELECT 1 FROM snapshots) OR EXISTS (SELECT 1 FROM notes) AS used`)
    .get(HAD_SNAPSHOT_KEY) as { used: number };
  return row.used === 0;
}

/** The snapshot of `kind` created last; rowid breaks ties between equal timestamps. */
export function latestRow(db: Database.Database, kind: SnapshotKind): RegistryRow | undefined {
  return db.prepare(`SELECT ${COLUMNS} FROM snapshots WHERE kind = ? ORDER BY created_at DESC, rowid DESC LIMIT 1`).get(kind) as RegistryRow | undefined;
}

export function referencedFiles(db: Database.Database): Set<string> {
  return new Set(db.prepare('SELECT file FROM snapshots').pluck().all() as string[]);
}

/** Inserts `row`, first removing the row it replaces (same id ignoring case), if any. */
export function putRow(db: Database.Database, row: RegistryRow): void {
  db.prepare('DELETE FROM snapshots WHERE id_folded = ?').run(row.id_folded);
  db.prepare(
    `INSERT INTO snapshots (${COLUMNS}) VALUES (@id, @id_folded, @kind, @source, @created_at, @rows, @bytes, @version, @threshold, @file, @demo, @meta)`,
  ).run(row);
}

export function deleteRow(db: Database.Database, id: string): void {
  db.prepare('DELETE FROM snapshots WHERE id_folded = ?').run(foldSnapshotId(id));
}

/** The public form (DESIGN §6 `list --json`): optional fields only when they have a value. */
export function toSnapshotInfo(row: RegistryRow): SnapshotInfo {
  const info: SnapshotInfo = {
    id: row.id,
    kind: row.kind,
    source: row.source,
    createdAt: row.created_at,
    rows: row.rows,
    bytes: row.bytes,
  };
  if (row.version !== null) info.version = row.version;
  if (row.threshold !== null) info.threshold = row.threshold;
  if (row.demo === 1) info.demo = true;
  if (row.kind === 'context') {
    const meta = parseMeta(row);
    if (typeof meta.feedback === 'string') info.context = { feedback: meta.feedback, ...(typeof meta.build === 'string' ? { build: meta.build } : {}) };
  }
  return info;
}

export function parseMeta(row: RegistryRow): SnapshotMeta {
  const meta = JSON.parse(row.meta) as unknown;
  return meta !== null && typeof meta === 'object' && !Array.isArray(meta) ? (meta as SnapshotMeta) : {};
}
