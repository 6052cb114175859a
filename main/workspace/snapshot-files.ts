// Snapshot files on disk: naming of temporary files, durability, and removal. A snapshot is
// written under `.tmp-…`, renamed to `<safe-id>.<n>.sqlite` when complete, and only then
// registered, so a crash leaves either a stray file (removed on the next open) or nothing.

import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { safeIdStem } from './snapshot-id';

export const TEMP_PREFIX = '.tmp-';

// SQLite writes these beside a database; they belong to it and go with it.
const SIDE_FILES = ['-journal', '-wal', '-shm'];

/**
 * `.tmp-<safe-id>-<pid>-<random>.sqlite`. The writer's pid lets the next open tell a file
 * left by a killed pull from one another process is still writing.
 */
export function tempFileName(id: string, pid: number = process.pid): string {
  return `${TEMP_PREFIX}${safeIdStem(id)}-${pid}-${crypto.randomBytes(6).toString('hex')}.sqlite`;
}

/** The pid that owns a temporary file, or null when the name carries none (then nobody does). */
export function tempFileOwner(fileName: string): number | null {
  const m = /-([1-9][0-9]*)-[0-9a-f]{12}\.sqlite(?:-journal|-wal|-shm)?$/u.exec(fileName);
  return m ? Number(m[1]) : null;
}

export function isTempFileName(fileName: string): boolean {
  return fileName.startsWith(TEMP_PREFIX);
}

/** A registered-looking snapshot file or one of its SQLite side files; returns the main name. */
export function snapshotFileOf(fileName: string): string | null {
  const main = SIDE_FILES.reduce((name, side) => (name.endsWith(side) ? name.slice(0, -side.length) : name), fileName);
  return /\.[1-9][0-9]*\.sqlite$/u.test(main) ? main : null;
}

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Flushes a file to disk, so that a registered snapshot survives a power cut, not only a crash. */
export function fsyncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Makes a rename durable on POSIX; Windows cannot open folders, and does not need it. */
export function fsyncDirQuietly(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // Best effort: durability of the rename, not correctness, depends on it.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/**
 * Removes a snapshot file and its SQLite side files. Quiet on failure: on Windows a file
 * another process has open cannot be deleted; it is then an unreferenced file, removed by a
 * later open. Returns whether the main file is gone.
 */
export function removeSnapshotFileQuietly(file: string): boolean {
  let gone = true;
  for (const name of [file, ...SIDE_FILES.map((side) => file + side)]) {
    try {
      fs.rmSync(name, { force: true });
    } catch {
      if (name === file) gone = false;
    }
  }
  return gone;
}

/**
 * Removes what a crash or a killed pull left in `snapshotsDir`: temporary files whose writer
 * is gone, and snapshot files that no registry row references. Files of other shapes are not
 * ours and are left alone. The caller holds the workspace.db write lock, so no other process
 * is between renaming a snapshot file and registering it.
 */
export function removeStaleSnapshotFiles(snapshotsDir: string, referenced: ReadonlySet<string>): string[] {
  const removed: string[] = [];
  for (const name of fs.readdirSync(snapshotsDir)) {
    if (referenced.has(name)) continue;
    let stale: boolean;
    if (isTempFileName(name)) {
      const owner = tempFileOwner(name);
      stale = owner === null || !isProcessAlive(owner);
    } else {
      const main = snapshotFileOf(name);
      stale = main !== null && !referenced.has(main);
    }
    if (!stale) continue;
    try {
      fs.rmSync(path.join(snapshotsDir, name), { force: true });
      removed.push(name);
    } catch {
      // In use (Windows) or not ours to delete: try again on the next open.
    }
  }
  return removed;
}
