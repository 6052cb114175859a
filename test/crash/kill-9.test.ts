// kill -9 an import at seeded random moments, as a power cut or the OOM killer would: the CLI
// (`smw import`) and browser mode (an import job, with note saves going on). After each kill
// the workspace is opened again, as the next start does, and must hold exactly what it held,
// plus the import only if it completed: every registered snapshot passes SQLite's quick_check
// and has all its rows, nothing partial is registered, no temporary file stays, and every
// acknowledged note is there.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Note, SnapshotInfo } from '../../shared/types';
import { importFile } from '../../main/ingest';
import { Workspace } from '../../main/workspace/workspace';
import { Rng } from '../bench/prng';
import { writeBigReputation } from '../import/big-reputation';
import { bigBuild } from '../pull/big-build';
import { startBrowserMode, standInRenderer, startSmw, stopChild } from '../support/processes/children';
import { apiCall, type ApiServer } from '../support/processes/save-storm';

type Kind = 'sender-model' | 'reputation' | 'feedback';

let root: string;
let dataDir: string;
let rendererDir: string;
const inputs: Record<Kind, string> = { 'sender-model': '', reputation: '', feedback: '' };
/** A smaller build for browser mode, whose rounds also pay for starting the server. */
let browserBuild: string;
const BROWSER_ENTRIES = 150_000;
/** Rows each input gives when its import completes. */
const fullRows: Partial<Record<Kind, number>> = {};
const rng = new Rng(20_260_301);

beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'smw-kill-'));
  dataDir = path.join(root, 'workspace');
  rendererDir = standInRenderer(path.join(root, 'ui'));
  inputs['sender-model'] = path.join(root, 'sendermodels-2020-01-01_00-00-00.avro');
  fs.writeFileSync(inputs['sender-model'], bigBuild(400_000));
  inputs.reputation = path.join(root, 'reputation-1472029516.15.json');
  writeBigReputation(inputs.reputation, 8);
  inputs.feedback = path.resolve('snapshots/feedback.jsonl');
  browserBuild = path.join(root, 'sendermodels-2020-02-02_00-00-00.avro');
  fs.writeFileSync(browserBuild, bigBuild(BROWSER_ENTRIES));
  const ws = Workspace.open(dataDir);
  try {
    ws.upsertNote({ org: 54, domain: 'list.example' }, { text: 'mailing list; expected', status: 'explained', tags: ['list'] });
    ws.upsertNote({ org: 7 }, { text: 'org-wide note' });
  } finally {
    ws.close();
  }
});

afterAll(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

/** What the next start sees: the workspace opened (which tidies), then checked through and through. */
function inspect(): { snapshots: SnapshotInfo[]; notes: Note[]; removed: readonly string[] } {
  const ws = Workspace.open(dataDir);
  try {
    expect(ws.db.pragma('quick_check', { simple: true })).toBe('ok');
    const snapshots = ws.list();
    for (const s of snapshots) {
      const db = new Database(ws.snapshotPath(s.id), { readonly: true, fileMustExist: true });
      try {
        expect(db.pragma('quick_check', { simple: true }), s.id).toBe('ok');
      } finally {
        db.close();
      }
    }
    // Every file left is a registered snapshot's: no temporary file, no orphan.
    const registered = new Set(snapshots.map((s) => path.basename(ws.snapshotPath(s.id))));
    expect(fs.readdirSync(ws.snapshotsDir).filter((f) => !registered.has(f))).toEqual([]);
    return { snapshots, notes: ws.listNotes(), removed: ws.removedStaleFiles };
  } finally {
    ws.close();
  }
}

/** The snapshot is absent or complete; returns whether it is there. */
function completeOrAbsent(snapshots: SnapshotInfo[], id: string, kind: Kind, rows = fullRows[kind]): boolean {
  const found = snapshots.find((s) => s.id === id);
  if (found) expect({ kind: found.kind, rows: found.rows }).toEqual({ kind, rows });
  return found !== undefined;
}

describe('kill -9 during an import', () => {
  it('smw import, killed at 10 random moments: nothing partial, nothing lost', async () => {
    const kinds: Kind[] = ['sender-model', 'reputation', 'feedback'];
    // A complete import of each first: what a completed import holds, and how long it takes.
    const duration: Partial<Record<Kind, number>> = {};
    for (const kind of kinds) {
      const started = Date.now();
      const run = startSmw(['import', kind, inputs[kind], '--id', `${kind}-base`, '--data-dir', dataDir]);
      expect(await run.exited, run.stderr()).toBe(0);
      duration[kind] = Date.now() - started;
      fullRows[kind] = inspect().snapshots.find((s) => s.id === `${kind}-base`)!.rows;
    }
    const notes = inspect().notes;
    let completed = 0;
    let killed = 0;
    for (let round = 0; round < 10; round++) {
      const kind = kinds[round % kinds.length];
      // Half the rounds replace the complete snapshot, half import under a new id.
      const replace = round % 2 === 0;
      const id = replace ? `${kind}-base` : `${kind}-new-${round}`;
      const moment = Math.floor(rng.next() * duration[kind]! * 1.1);
      const child = startSmw(['import', kind, inputs[kind], '--id', id, ...(replace ? ['--replace'] : []), '--data-dir', dataDir]);
      const timer = setTimeout(() => child.process.kill('SIGKILL'), moment);
      const code = await child.exited;
      clearTimeout(timer);
      if (code === 0) completed++;
      else killed++;
      const after = inspect();
      expect(after.notes).toEqual(notes);
      // A replaced snapshot is the old one or the new one, never neither; a new one is all or nothing.
      expect(completeOrAbsent(after.snapshots, id, kind) || !replace).toBe(true);
      if (code === 0) expect(after.snapshots.some((s) => s.id === id)).toBe(true);
      for (const k of kinds) completeOrAbsent(after.snapshots, `${k}-base`, k);
    }
    console.log(`smw import: ${killed} killed mid-way, ${completed} completed before the kill`);
    expect(killed).toBeGreaterThanOrEqual(5);
  }, 240_000);

  it('browser mode, killed at 6 random moments during an import job and note saves: nothing partial, no acknowledged note lost', async () => {
    const kind: Kind = 'sender-model';
    const acked = new Map<string, string>();
    const noteKey = { org: 900, domain: 'kill.example' };
    const checkNotes = (notes: Note[]) => {
      for (const [domain, text] of acked) {
        const note = notes.find((n) => n.domain === domain);
        // The save in flight at the kill may have landed too: the acknowledged text or a later one.
        expect(note, domain).toBeDefined();
        expect(Number(/save (\d+)/u.exec(note!.text)?.[1])).toBeGreaterThanOrEqual(Number(/save (\d+)/u.exec(text)?.[1]));
      }
    };
    // A complete import first, in this process: what a completed import holds, and about how
    // long one takes (the job adds a worker's start, and the saves beside it).
    const ws = Workspace.open(dataDir);
    const started = Date.now();
    try {
      await importFile(ws, kind, browserBuild, { id: 'browser-base', replace: true, name: path.basename(browserBuild), source: browserBuild });
    } finally {
      ws.close();
    }
    const duration = (Date.now() - started) * 1.5 + 300;
    let landed = 0;
    const refused: string[] = [];
    for (let round = 1; round <= 6; round++) {
      const server = await startBrowserMode(dataDir, rendererDir);
      const api: ApiServer = server;
      const id = round % 2 === 0 ? 'browser-base' : `browser-new-${round}`;
      const job = await apiCall<{ jobId: string }>(api, 'startImport', { kind, path: browserBuild, id, replace: true });
      if (!job.body.ok) throw new Error(job.body.error);
      // A note saved again and again while the import runs, numbered so the last one is known.
      let saving = true;
      const lane = (async () => {
        for (let i = 0; saving; i++) {
          const text = `round ${round}, save ${round * 100_000 + i}`;
          const res = await apiCall(api, 'saveNote', { key: noteKey, text, status: 'open', tags: [] }).catch(() => null);
          if (!res) return; // the server is gone
          if (res.body.ok) acked.set(noteKey.domain, text);
          else refused.push(res.body.error);
        }
      })();
      await new Promise((r) => setTimeout(r, Math.floor(rng.next() * duration)));
      await stopChild(server.child, 'SIGKILL');
      saving = false;
      await lane;
      const after = inspect();
      // The snapshot of the first round is there in every round after: the old one or its replacement.
      expect(completeOrAbsent(after.snapshots, 'browser-base', kind, BROWSER_ENTRIES)).toBe(true);
      if (completeOrAbsent(after.snapshots, id, kind, BROWSER_ENTRIES) && id !== 'browser-base') landed++;
      checkNotes(after.notes);
    }
    console.log(`browser mode: ${6 - landed - 3} of 3 new imports killed mid-way; ${acked.size} note acknowledged and kept`);
    expect(acked.size).toBe(1);
    expect(refused).toEqual([]);
  }, 300_000);
});
