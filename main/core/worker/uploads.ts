// Files the browser transport received for an import (drag and drop in browser mode): stored
// under the workspace's uploads/ as `<random>.<file name>` until their import job ends. While
// it arrives, an upload is `.part-<pid>-<id>` (an id never starts with a dot): the pid of the
// server receiving it, so that a start can tell a part left by a killed server from one that
// another server is still receiving.

import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { isProcessAlive } from '../../workspace/snapshot-files';

export const UPLOADS_DIR = 'uploads';

const UPLOAD_ID = /^[A-Za-z0-9_-]{22}\.[A-Za-z0-9._ ()+-]{1,120}$/u;

export function uploadsDir(dataDir: string): string {
  return path.join(dataDir, UPLOADS_DIR);
}

/** A fresh id for a file named `name`: 128 random bits, then a safe form of the name. */
export function newUploadId(name: string): string {
  const base = name.split(/[/\\]/u).pop() ?? '';
  const safe = Array.from(base, (ch) => (/^[A-Za-z0-9._ ()+-]$/u.test(ch) ? ch : '-'))
    .join('')
    .replace(/^\.+/u, '')
    .slice(-120);
  return `${crypto.randomBytes(16).toString('base64url')}.${safe === '' ? 'upload' : safe}`;
}

/** The uploaded file of `uploadId` and its original name; a readable error when there is none. */
export function uploadedFile(dataDir: string, uploadId: string): { path: string; name: string } {
  if (!UPLOAD_ID.test(uploadId)) throw new Error(`'${uploadId}' is not an upload id (they come from POST /api/upload)`);
  const file = path.join(uploadsDir(dataDir), uploadId);
  if (!fs.existsSync(file)) throw new Error(`upload '${uploadId}' is gone (uploads are kept until their import ends); upload the file again`);
  return { path: file, name: uploadId.slice(uploadId.indexOf('.') + 1) };
}

export function removeUpload(file: string): void {
  fs.rmSync(file, { force: true });
}

const PART_PREFIX = '.part-';

/** Where the upload that becomes `file` is written while it arrives. */
export function uploadPartPath(file: string, pid: number = process.pid): string {
  return path.join(path.dirname(file), `${PART_PREFIX}${pid}-${path.basename(file)}`);
}

/** The pid receiving a part, or null for a part whose name carries none (then nobody is). */
export function partOwner(name: string): number | null {
  const m = /^\.part-([1-9][0-9]*)-/u.exec(name);
  return m ? Number(m[1]) : null;
}

/**
 * At start: removes parts whose server is gone (a kill mid-upload), whatever their age, and
 * uploads older than `maxAgeMs` (left by a session that ended before their import ran).
 */
export function removeStaleUploads(dataDir: string, maxAgeMs = 24 * 3600_000, now = Date.now()): string[] {
  const dir = uploadsDir(dataDir);
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const file = path.join(dir, name);
    try {
      const owner = name.startsWith(PART_PREFIX) ? partOwner(name) : undefined;
      const stale = owner !== undefined ? owner === null || !isProcessAlive(owner) : now - fs.statSync(file).mtimeMs > maxAgeMs;
      if (!stale) continue;
      fs.rmSync(file, { force: true });
      removed.push(name);
    } catch {
      // Another process took it; nothing to do.
    }
  }
  return removed;
}
