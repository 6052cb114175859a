// Files the browser transport received for an import (drag and drop in browser mode): stored
// under the workspace's uploads/ as `<random>.<file name>` until their import job ends.

import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

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

/** Removes uploads older than `maxAgeMs` (left by a browser-mode session that ended mid-import). */
export function removeOldUploads(dataDir: string, maxAgeMs = 24 * 3600_000, now = Date.now()): void {
  const dir = uploadsDir(dataDir);
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const file = path.join(dir, name);
    try {
      if (now - fs.statSync(file).mtimeMs > maxAgeMs) fs.rmSync(file, { force: true });
    } catch {
      // Another process took it; nothing to do.
    }
  }
}
