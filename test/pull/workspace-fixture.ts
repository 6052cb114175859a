// A workspace that already holds a snapshot and a note, and a fingerprint of everything a pull
// must not touch: after any failed or cancelled pull the fingerprint is exactly as before.

import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { importSenderModel } from '../../main/ingest';
import { Workspace } from '../../main/workspace/workspace';

export const GOLDEN = fileURLToPath(new URL('../fixtures/golden/', import.meta.url));

export interface WorkspaceFixture {
  dataDir: string;
  ws: Workspace;
  /** Closes the workspace and removes its folder. */
  dispose(): void;
}

export async function workspaceWithHistory(): Promise<WorkspaceFixture> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'smw-pull-ws-'));
  const ws = Workspace.open(dataDir);
  try {
    await importSenderModel(ws, path.join(GOLDEN, 'sendermodels-2.avro'), { id: 'earlier-build', name: 'sendermodels-2.avro', source: 'earlier' });
    ws.upsertNote({ org: 1, domain: 'list.example' }, { text: 'mailing list; expected', status: 'explained', tags: ['list'] });
  } catch (err) {
    ws.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
  return {
    dataDir,
    ws,
    dispose() {
      ws.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface WorkspaceFingerprint {
  snapshots: unknown[];
  notes: unknown[];
  /** Every file under snapshots/ (temporary ones included) with its SHA-256. */
  files: Record<string, string>;
}

export function fingerprint(ws: Workspace): WorkspaceFingerprint {
  const files: Record<string, string> = {};
  for (const name of fs.readdirSync(ws.snapshotsDir).sort()) {
    files[name] = crypto
      .createHash('sha256')
      .update(fs.readFileSync(path.join(ws.snapshotsDir, name)))
      .digest('hex');
  }
  return { snapshots: ws.list(), notes: ws.listNotes(), files };
}
