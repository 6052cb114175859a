// A real workspace in a temp folder with the golden examples imported under the ids of
// test/fixtures/golden/README.md, and the views over it.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { importFeedbackFile, importReputation, importSenderModel } from '../../main/ingest';
import { SnapshotCache } from '../../main/workspace/snapshot-cache';
import { createViews } from '../../main/views';
import { Workspace } from '../../main/workspace/workspace';
import { steppingClock } from '../workspace/temp-dir';

export const golden = (name: string) => fileURLToPath(new URL(`../fixtures/golden/${name}`, import.meta.url));

/** Built once per test file (beforeAll); `dispose` closes it and removes the folder. */
export async function goldenWorkspace() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'smw-views-'));
  const ws = Workspace.open(dir, { now: steppingClock() });
  const source = (file: string) => ({ name: file, source: golden(file) });
  await importSenderModel(ws, golden('sendermodels-1.avro'), { id: 'sendermodels-1', ...source('sendermodels-1.avro') });
  await importSenderModel(ws, golden('sendermodels-2.avro'), { id: 'sendermodels-2', ...source('sendermodels-2.avro') });
  await importReputation(ws, golden('reputation-1.json'), { id: 'reputation-1', ...source('reputation-1.json') });
  await importReputation(ws, golden('reputation-2.json'), { id: 'reputation-2', ...source('reputation-2.json') });
  await importFeedbackFile(ws, golden('feedback.jsonl'), { id: 'feedback', ...source('feedback.jsonl') });
  const cache = new SnapshotCache(ws);
  const views = createViews({ cache, workspace: ws });
  const dispose = () => {
    ws.close();
    fs.rmSync(dir, { recursive: true, force: true });
  };
  return { ws, cache, views, dispose };
}
