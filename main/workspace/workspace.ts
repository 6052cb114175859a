// The local workspace (DESIGN §2, §5): a folder with workspace.db (the snapshot registry,
// notes and settings) and snapshots/ holding one SQLite file per snapshot. Synchronous by
// design: it runs in a worker thread or the CLI, never on the Electron main thread.

import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Note, NoteKey, SnapshotInfo, SnapshotKind } from '../../shared/types';
import { removeStaleAnalyses } from './analysis-store';
import { SnapshotNotFoundError } from './errors';
import { migrate, type MigrateResult } from './migrate';
import { deleteNote, getNote, listNotes, upsertNote, type NoteInput } from './notes';
import { exportNotesJson, importNotesJson, type NotesImportResult } from './notes-exchange';
import { exportNotesMarkdown, type NotesMarkdownOptions } from './notes-markdown';
import {
  allRows,
  assertSnapshotKind,
  deleteRow,
  findRow,
  latestRow,
  neverHadSnapshot,
  parseMeta,
  referencedFiles,
  toSnapshotInfo,
  type SnapshotMeta,
} from './registry';
import { getSettings, setSettings, type Settings, type SettingsPatch } from './settings';
import { removeSnapshotFileQuietly, removeStaleSnapshotFiles } from './snapshot-files';
import { beginSnapshot, type CommitInput, type CreateSnapshotOptions, type SnapshotWriter } from './snapshot-writer';

export const WORKSPACE_DB = 'workspace.db';
export const SNAPSHOTS_DIR = 'snapshots';

export interface OpenWorkspaceOptions {
  /** The clock for createdAt/updatedAt; tests pass a fixed one. */
  now?: () => Date;
}

export class Workspace {
  /** What open() did to workspace.db: versions, and the backup it made before migrating. */
  readonly migration: MigrateResult;
  /** Stale files open() removed from snapshots/ (temporary files of killed pulls, orphans). */
  readonly removedStaleFiles: readonly string[];
  private readonly writers = new Set<SnapshotWriter>();
  private readonly now: () => Date;

  private constructor(
    readonly dataDir: string,
    readonly db: Database.Database,
    options: OpenWorkspaceOptions,
  ) {
    this.now = options.now ?? (() => new Date());
    this.migration = migrate(db, this.dbPath, undefined, this.now);
    this.removedStaleFiles = this.removeStaleFiles();
  }

  /** Opens (creating if needed) the workspace in `dataDir`, migrated and tidied. */
  static open(dataDir: string, options: OpenWorkspaceOptions = {}): Workspace {
    const dir = path.resolve(dataDir);
    // Owner-only: notes and feedback hold customers' data.
    fs.mkdirSync(path.join(dir, SNAPSHOTS_DIR), { recursive: true, mode: 0o700 });
    const db = new Database(path.join(dir, WORKSPACE_DB));
    try {
      // WAL lets the app read while the CLI (another process) registers a snapshot.
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.pragma('busy_timeout = 5000');
      return new Workspace(dir, db, options);
    } catch (err) {
      db.close();
      throw err;
    }
  }

  get dbPath(): string {
    return path.join(this.dataDir, WORKSPACE_DB);
  }

  get snapshotsDir(): string {
    return path.join(this.dataDir, SNAPSHOTS_DIR);
  }

  /** Aborts snapshot writers still open, then closes workspace.db. */
  close(): void {
    for (const writer of [...this.writers]) writer.abort();
    if (this.db.open) this.db.close();
  }

  // ---- snapshots -------------------------------------------------------------------------

  /** Every snapshot, oldest first (created_at, then id). */
  list(): SnapshotInfo[] {
    return allRows(this.db).map(toSnapshotInfo);
  }

  /** The snapshot with this id (ids ignore case), if any. */
  get(id: string): SnapshotInfo | undefined {
    const row = findRow(this.db, id);
    return row && toSnapshotInfo(row);
  }

  has(id: string): boolean {
    return findRow(this.db, id) !== undefined;
  }

  /** Where it came from: bucket, key, etag, problem counts… as the importer recorded them. */
  getMeta(id: string): SnapshotMeta {
    return parseMeta(this.requireRow(id));
  }

  /** No snapshot was ever registered in this workspace: the app seeds it with the demo. */
  neverHadSnapshot(): boolean {
    return neverHadSnapshot(this.db);
  }

  /** The snapshot of `kind` created last (the default `--feedback`, DESIGN §6). */
  latest(kind: SnapshotKind): SnapshotInfo | undefined {
    const row = latestRow(this.db, assertSnapshotKind(kind));
    return row && toSnapshotInfo(row);
  }

  /** The snapshot's SQLite file. */
  snapshotPath(id: string): string {
    return path.join(this.snapshotsDir, this.requireRow(id).file);
  }

  /** The snapshot's database, read-only; the caller closes it. */
  openSnapshot(id: string): Database.Database {
    const file = this.snapshotPath(id);
    if (!fs.existsSync(file)) {
      throw new Error(`the file of snapshot '${id}' is missing (${file}); delete the snapshot and import or pull it again`);
    }
    return new Database(file, { readonly: true, fileMustExist: true });
  }

  /** Unregisters, then deletes the file: a crash in between leaves an orphan the next open removes. */
  delete(id: string): void {
    // IMMEDIATE, as every read-then-write here: the file deleted is the one of the row deleted,
    // even when another process replaces the snapshot at the same moment.
    const row = this.db
      .transaction(() => {
        const found = this.requireRow(id);
        deleteRow(this.db, found.id);
        return found;
      })
      .immediate();
    removeSnapshotFileQuietly(path.join(this.snapshotsDir, row.file));
    removeStaleAnalyses(this.dataDir, referencedFiles(this.db));
  }

  /**
   * Starts writing a snapshot; fails at once when the id is taken and `replace` is not set.
   * Fill `writer.db`, then `commit()`; on any failure `abort()`.
   */
  createSnapshot(kind: SnapshotKind, id: string, options: CreateSnapshotOptions): SnapshotWriter {
    const writer = beginSnapshot(
      {
        db: this.db,
        snapshotsDir: this.snapshotsDir,
        now: this.now,
        settled: (w) => this.writers.delete(w),
      },
      kind,
      id,
      options,
    );
    this.writers.add(writer);
    return writer;
  }

  /** createSnapshot + fill + commit, aborting when `fill` throws: the usual way to import. */
  async writeSnapshot(
    kind: SnapshotKind,
    id: string,
    options: CreateSnapshotOptions,
    fill: (db: Database.Database, writer: SnapshotWriter) => CommitInput | Promise<CommitInput>,
  ): Promise<SnapshotInfo> {
    const writer = this.createSnapshot(kind, id, options);
    try {
      return writer.commit(await fill(writer.db, writer));
    } catch (err) {
      writer.abort();
      throw err;
    }
  }

  // ---- notes -----------------------------------------------------------------------------

  upsertNote(key: NoteKey, input: NoteInput): Note {
    return upsertNote(this.db, key, input, this.now());
  }

  getNote(key: NoteKey): Note | undefined {
    return getNote(this.db, key);
  }

  listNotes(): Note[] {
    return listNotes(this.db);
  }

  deleteNote(key: NoteKey): boolean {
    return deleteNote(this.db, key);
  }

  exportNotesJson(): string {
    return exportNotesJson(this.db, this.now());
  }

  importNotesJson(json: string): NotesImportResult {
    return importNotesJson(this.db, json, this.now());
  }

  exportNotesMarkdown(options?: NotesMarkdownOptions): string {
    return exportNotesMarkdown(this.db, options);
  }

  // ---- settings --------------------------------------------------------------------------

  getSettings(): Settings {
    return getSettings(this.db);
  }

  setSettings(patch: SettingsPatch): Settings {
    return setSettings(this.db, patch);
  }

  // ---- internals -------------------------------------------------------------------------

  private requireRow(id: string) {
    const row = findRow(this.db, id);
    if (!row) throw new SnapshotNotFoundError(id);
    return row;
  }

  /** Under the write lock, so a file another process has renamed but not yet registered is safe. */
  private removeStaleFiles(): string[] {
    return this.db
      .transaction(() => {
        const referenced = referencedFiles(this.db);
        removeStaleAnalyses(this.dataDir, referenced);
        return removeStaleSnapshotFiles(this.snapshotsDir, referenced);
      })
      .immediate();
  }
}
