// POST /api/upload?name=FILE: the raw body streamed to the workspace's uploads/ folder, for
// imports the page gets by drag and drop (a browser cannot hand over a path). The id it returns
// goes to startImport as `uploadId`.

import fs from 'node:fs';
import path from 'node:path';
import type { IncomingMessage } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { newUploadId, uploadPartPath, uploadsDir } from '../core/worker/uploads';

export async function receiveUpload(req: IncomingMessage, dataDir: string, name: string): Promise<{ uploadId: string }> {
  if (name.trim() === '') throw new UploadError(400, 'upload needs the file name: POST /api/upload?name=FILE');
  const dir = uploadsDir(dataDir);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const uploadId = newUploadId(name);
  const file = path.join(dir, uploadId);
  const partial = uploadPartPath(file);
  try {
    await pipeline(req, fs.createWriteStream(partial, { mode: 0o600 }));
    fs.renameSync(partial, file);
  } catch (err) {
    fs.rmSync(partial, { force: true });
    throw new UploadError(400, `the upload of ${name} did not complete (${(err as Error).message}); try again`);
  }
  return { uploadId };
}

export class UploadError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}
