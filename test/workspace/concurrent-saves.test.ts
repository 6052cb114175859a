// Note saves while other processes write the same workspace (real processes): browser mode
// with two `smw import --replace` loops beside it, and two browser-mode servers on one
// workspace. Every save is acknowledged, and every acknowledged note is there afterwards.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Workspace } from '../../main/workspace/workspace';
import { importFile } from '../../main/ingest';
import { startWebServer, type WebServer } from '../ui/support/web-server';
import { startTsx, stopChild, type Child } from '../support/processes/children';
import { apiCall, saveStorm, serverOf, type ApiServer, type StormResult } from '../support/processes/save-storm';

const GOLDEN_FEEDBACK = path.resolve('test/fixtures/golden/feedback.jsonl');
const started: Array<{ stop(): Promise<void> }> = [];
const dirs: string[] = [];

afterEach(async () => {
  for (const s of started.splice(0).reverse()) await s.stop();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** A workspace that already has a snapshot (so no demo import runs) and a UI stand-in. */
async function workspace(): Promise<{ dataDir: string; rendererDir: string }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'smw-concurrent-'));
  const rendererDir = fs.mkdtempSync(path.join(os.tmpdir(), 'smw-renderer-'));
  dirs.push(dataDir, rendererDir);
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>stand-in</title>');
  const ws = Workspace.open(dataDir);
  try {
    await importFile(ws, 'feedback', GOLDEN_FEEDBACK, { id: 'first', name: 'feedback.jsonl', source: 'test' });
  } finally {
    ws.close();
  }
  return { dataDir, rendererDir };
}

async function browserMode(dataDir: string, rendererDir: string): Promise<ApiServer> {
  const server: WebServer = await startWebServer(dataDir, { SMW_RENDERER_DIR: rendererDir });
  started.push(server);
  return serverOf(server.url);
}

async function importLoop(dataDir: string, id: string): Promise<Child> {
  const child = startTsx('test/support/processes/import-loop.ts', [dataDir, 'feedback', GOLDEN_FEEDBACK, id]);
  started.push({ stop: () => stopChild(child) });
  await child.waitFor(/^ready$/mu);
  return child;
}

async function endLoop(child: Child): Promise<{ imports: number; failed: number; errors: string[] }> {
  child.process.stdin!.end();
  await child.exited;
  return JSON.parse(child.stdout()) as { imports: number; failed: number; errors: string[] };
}

/** Every lane's note holds the text of its last acknowledged save: nothing acknowledged was lost. */
async function expectNothingLost(server: ApiServer, storm: StormResult): Promise<void> {
  const { body } = await apiCall<{ notes: Array<{ org: number; domain?: string; text: string }> }>(server, 'listNotes', {});
  if (!body.ok) throw new Error(body.error);
  for (const lane of storm.lanes) {
    const note = body.value.notes.find((n) => n.org === lane.key.org && n.domain === lane.key.domain);
    expect(note?.text).toBe(lane.lastAcked);
  }
}

function summary(label: string, storm: StormResult): string {
  const kinds = [...new Set(storm.refused)].join(' | ');
  return `${label}: ${storm.refused.length} of ${storm.saves} saves refused${kinds ? ` (${kinds})` : ''}`;
}

describe('note saves beside other writers of the workspace', () => {
  it('refuses none of 1,500 saves in browser mode while two smw import loops write the workspace', async () => {
    const { dataDir, rendererDir } = await workspace();
    const server = await browserMode(dataDir, rendererDir);
    const loops = await Promise.all([importLoop(dataDir, 'loop-a'), importLoop(dataDir, 'loop-b')]);
    const storm = await saveStorm([server], 1500, 6);
    const [a, b] = await Promise.all(loops.map(endLoop));
    console.log(`${summary('two importers', storm)}; imports meanwhile: ${a.imports} + ${b.imports}`);
    // The importers really were writing the workspace during the saves.
    expect(a.imports + b.imports).toBeGreaterThan(10);
    expect([a.failed, b.failed, a.errors, b.errors]).toEqual([0, 0, [], []]);
    expect(storm.refused).toEqual([]);
    await expectNothingLost(server, storm);
  }, 180_000);

  it('refuses none of 800 saves sent to two browser-mode servers on one workspace', async () => {
    const { dataDir, rendererDir } = await workspace();
    const servers = await Promise.all([browserMode(dataDir, rendererDir), browserMode(dataDir, rendererDir)]);
    const storm = await saveStorm(servers, 800, 8);
    console.log(summary('two servers', storm));
    expect(storm.refused).toEqual([]);
    await expectNothingLost(servers[0], storm);
  }, 180_000);
});
