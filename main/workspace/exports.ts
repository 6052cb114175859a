// Exports the app writes for the analyst (table rows, whole reports with every match): streamed
// to a file in the workspace's exports/ folder as they are computed, then handed over — moved
// to where the analyst saves it (desktop), or sent once as a download (browser mode) — and
// removed. Whatever a crash leaves is removed at the next start.

import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ExportedFile } from '../../shared/api';

export const EXPORTS_DIR = 'exports';
const EXPORT_ID = /^[A-Za-z0-9_-]{22}$/u;

export function exportsDir(dataDir: string): string {
  return path.join(dataDir, EXPORTS_DIR);
}

/** A file name for any OS: no separators, control or reserved characters. */
export function safeFileName(name: string): string {
  const safe = Array.from(name, (ch) => (/^[A-Za-z0-9._ ()+,=@-]$/u.test(ch) ? ch : '-'))
    .join('')
    .replace(/^[.\s]+/u, '')
    .slice(0, 180);
  return safe === '' ? 'export' : safe;
}

/**
 * Writes `chunks` (each consumed before the next is asked for, as the report writers require)
 * to a new export; nothing is left behind when a chunk throws or `signal` fires.
 */
export function writeExport(dataDir: string, fileName: string, mimeType: string, chunks: Iterable<Uint8Array>, signal?: AbortSignal): ExportedFile {
  const exportId = crypto.randomBytes(16).toString('base64url');
  const dir = path.join(exportsDir(dataDir), exportId);
  const name = safeFileName(fileName);
  const file = path.join(dir, name);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const partial = `${file}.part`;
  let bytes = 0;
  const fd = fs.openSync(partial, 'w', 0o600);
  try {
    for (const chunk of chunks) {
      if (signal?.aborted) throw new Error('the export was cancelled; nothing was kept');
      let at = 0;
      while (at < chunk.length) at += fs.writeSync(fd, chunk, at, chunk.length - at);
      bytes += chunk.length;
    }
    fs.closeSync(fd);
    fs.renameSync(partial, file);
  } catch (err) {
    try {
      fs.closeSync(fd);
    } catch {
      // closed already
    }
    fs.rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  return { exportId, fileName: name, mimeType, bytes };
}

/** The file of an export, or a readable error when there is none. */
export function exportedFilePath(dataDir: string, exportId: string): { path: string; fileName: string; bytes: number } {
  if (!EXPORT_ID.test(exportId)) throw new Error(`'${exportId}' is not an export id`);
  const dir = path.join(exportsDir(dataDir), exportId);
  let names: string[];
  try {
    names = fs.readdirSync(dir).filter((n) => !n.endsWith('.part'));
  } catch {
    names = [];
  }
  if (names.length !== 1) throw new Error('this export is gone (an export is handed over once); export it again');
  const file = path.join(dir, names[0]);
  return { path: file, fileName: names[0], bytes: fs.statSync(file).size };
}

/**
 * Takes an export out of exports/ for handing over (sent once): the returned file is no longer
 * found by its id. Call `done` when it has been sent; it is then removed.
 */
export function takeExport(dataDir: string, exportId: string): { path: string; fileName: string; bytes: number; done: () => void } {
  const file = exportedFilePath(dataDir, exportId);
  const dir = path.join(exportsDir(dataDir), exportId);
  const taken = `${dir}.sending-${crypto.randomBytes(4).toString('hex')}`;
  fs.renameSync(dir, taken);
  const done = () => {
    try {
      fs.rmSync(taken, { recursive: true, force: true });
    } catch {
      // still open somewhere (Windows): removeOldExports takes it later
    }
  };
  return { path: path.join(taken, file.fileName), fileName: file.fileName, bytes: file.bytes, done };
}

export function removeExport(dataDir: string, exportId: string): void {
  if (EXPORT_ID.test(exportId)) fs.rmSync(path.join(exportsDir(dataDir), exportId), { recursive: true, force: true });
}

/** Removes exports older than `maxAgeMs`: never handed over (the tab was closed, a crash). */
export function removeOldExports(dataDir: string, maxAgeMs = 3600_000, now = Date.now()): void {
  let names: string[];
  try {
    names = fs.readdirSync(exportsDir(dataDir));
  } catch {
    return;
  }
  for (const name of names) {
    const dir = path.join(exportsDir(dataDir), name);
    try {
      if (now - fs.statSync(dir).mtimeMs > maxAgeMs) fs.rmSync(dir, { recursive: true, force: true });
    } catch {
      // taken by another process meanwhile
    }
  }
}
