// Writes one snapshot so that a crash at any point leaves either the old snapshot or the new
// one, never a partial one: the importer fills a temporary SQLite file, commit() checks and
// renames it to a fresh generation-numbered name and registers it in one workspace.db
// transaction, and only then is the replaced file deleted. Notes and other snapshots are
// never touched.

import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { SnapshotInfo, SnapshotKind } from '../../shared/types';
import { SnapshotExistsError } from './errors';
import { assertSnapshotKind, findRow, markHadSnapshot, putRow, toSnapshotInfo, type RegistryRow, type SnapshotMeta } from './registry';
import { foldSnapshotId, generationOfFileName, snapshotFileName, validateSnapshotId } from './snapshot-id';
import { fsyncDirQuietly, fsyncFile, removeSnapshotFileQuietly, tempFileName } from './snapshot-files';

export interface CreateSnapshotOptions {
  /** Replace a snapshot with the same id (ignoring case); without it an existing id is an error. */
  replace?: boolean;
  /** Where the data came from, shown in the list: a file path, `s3://bucket/key`, `postgres://…`. */
  source: string;
  /** Part of the demo workspace shipped with the app (DESIGN §5): shown as such, deletable. */
  demo?: boolean;
}

export interface CommitInput {
  /** Rows (entries, items, feedback rows) the snapshot holds, for the list. */
  rows: number;
  version?: string | null;
  threshold?: number | null;
  meta?: SnapshotMeta;
}

/** What the writer needs of its workspace. */
export interface WriterHost {
  readonly db: Database.Database;
  readonly snapshotsDir: string;
  now(): Date;
  /** Told when the writer is done either way, so the workspace can abort writers still open on close. */
  settled(writer: SnapshotWriter): void;
}

type State = 'writing' | 'committed' | 'aborted';

export class SnapshotWriter {
  /** The snapshot's own database: the importer creates its tables and inserts here. */
  readonly db: Database.Database;
  readonly tempPath: string;
  private state: State = 'writing';

  /** Use `workspace.createSnapshot`: it checks the id against the registry first. */
  constructor(
    private readonly host: WriterHost,
    readonly kind: SnapshotKind,
    readonly id: string,
    private readonly options: CreateSnapshotOptions,
  ) {
    this.tempPath = path.join(host.snapshotsDir, tempFileName(id));
    this.db = new Database(this.tempPath);
    try {
      // The file is thrown away on any failure, so it needs no crash safety while written:
      // no fsync per transaction. MEMORY rather than OFF keeps ROLLBACK working for importers
      // that use transactions, and costs little on a new file (new pages are not journalled).
      this.db.pragma('journal_mode = MEMORY');
      this.db.pragma('synchronous = OFF');
      this.db.pragma('locking_mode = EXCLUSIVE');
    } catch (err) {
      this.abort();
      throw err;
    }
  }

  get done(): boolean {
    return this.state !== 'writing';
  }

  /**
   * Checks the file, puts it in place and registers it; returns the new snapshot's entry.
   * On failure nothing is left behind and the old snapshot (if replacing) is untouched.
   */
  commit(input: CommitInput): SnapshotInfo {
    this.assertWriting('commit');
    let row: RegistryRow;
    try {
      checkCommitInput(input);
      const check = this.db.pragma('quick_check', { simple: true });
      if (check !== 'ok') {
        throw new Error(`snapshot '${this.id}' failed SQLite's integrity check (${String(check)}); nothing was saved`);
      }
      this.db.close();
      fsyncFile(this.tempPath);
      row = {
        id: this.id,
        id_folded: foldSnapshotId(this.id),
        kind: this.kind,
        source: this.options.source,
        created_at: this.host.now().toISOString(),
        rows: input.rows,
        bytes: fs.statSync(this.tempPath).size,
        version: input.version ?? null,
        threshold: input.threshold ?? null,
        file: '', // chosen under the registry lock below
        demo: this.options.demo ? 1 : 0,
        meta: JSON.stringify(input.meta ?? {}),
      };
    } catch (err) {
      this.abort();
      throw err;
    }

    const dir = this.host.snapshotsDir;
    // Filled inside the transaction callback (an object, so TypeScript sees the writes).
    const placed: { finalPath?: string; replacedFile?: string } = {};
    try {
      // IMMEDIATE: the id check, the rename and the row are one step for other processes too,
      // and the stale-file sweep of another process's open() cannot run in between.
      this.host.db
        .transaction(() => {
          const existing = findRow(this.host.db, this.id);
          if (existing && !this.options.replace) throw new SnapshotExistsError(this.id, toSnapshotInfo(existing));
          // A new name per generation: a reader may still have the old file open, and on
          // Windows an open file can be neither replaced nor deleted.
          let generation = existing ? (generationOfFileName(existing.file) ?? 0) + 1 : 1;
          while (fs.existsSync(path.join(dir, snapshotFileName(this.id, generation)))) generation++;
          row.file = snapshotFileName(this.id, generation);
          placed.finalPath = path.join(dir, row.file);
          fs.renameSync(this.tempPath, placed.finalPath);
          putRow(this.host.db, row);
          markHadSnapshot(this.host.db, row.created_at);
          placed.replacedFile = existing?.file;
        })
        .immediate();
    } catch (err) {
      this.state = 'aborted';
      removeSnapshotFileQuietly(this.tempPath);
      if (placed.finalPath) removeSnapshotFileQuietly(placed.finalPath);
      this.host.settled(this);
      throw err;
    }
    this.state = 'committed';
    this.host.settled(this);
    fsyncDirQuietly(dir);
    if (placed.replacedFile) removeSnapshotFileQuietly(path.join(dir, placed.replacedFile));
    return toSnapshotInfo(row);
  }

  /** Closes and deletes the temporary file. Safe to call more than once, and after commit. */
  abort(): void {
    if (this.state !== 'writing') return;
    this.state = 'aborted';
    try {
      if (this.db.open) this.db.close();
    } catch {
      // Closing can fail mid-statement; the file is deleted regardless.
    }
    removeSnapshotFileQuietly(this.tempPath);
    this.host.settled(this);
  }

  private assertWriting(what: string): void {
    if (this.state !== 'writing') throw new Error(`cannot ${what} snapshot '${this.id}': it was already ${this.state}`);
  }
}

/** Checks the id and the registry before any work is done, so a pull fails in its first second. */
export function beginSnapshot(host: WriterHost, kind: SnapshotKind, id: string, options: CreateSnapshotOptions): SnapshotWriter {
  assertSnapshotKind(kind);
  validateSnapshotId(id);
  if (typeof options?.source !== 'string' || options.source.trim() === '') {
    throw new Error(`snapshot '${id}' needs a source (the file, s3:// or postgres:// it came from)`);
  }
  const existing = findRow(host.db, id);
  if (existing && !options.replace) throw new SnapshotExistsError(id, toSnapshotInfo(existing));
  return new SnapshotWriter(host, kind, id, options);
}

function checkCommitInput(input: CommitInput): void {
  if (!Number.isSafeInteger(input.rows) || input.rows < 0) {
    throw new Error(`snapshot rows must be a whole number ≥ 0, got ${String(input.rows)}`);
  }
  if (input.threshold != null && !Number.isFinite(input.threshold)) {
    throw new Error(`snapshot threshold must be a finite number, got ${String(input.threshold)}`);
  }
  if (input.version != null && typeof input.version !== 'string') {
    throw new Error(`snapshot version must be text, got ${typeof input.version}`);
  }
}
