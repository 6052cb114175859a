// The joined analysis kept beside the snapshots (main/workspace/analysis-store.ts): read back
// instead of re-reading the build, never used once either snapshot changed, removed with them,
// and a damaged file is only a reason to compute again.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importFeedbackFile, importSenderModel } from '../../main/ingest';
import { ANALYSES_DIR } from '../../main/workspace/analysis-store';
import { SnapshotCache } from '../../main/workspace/snapshot-cache';
import type { Workspace } from '../../main/workspace/workspace';
import { golden, goldenWorkspace } from '../views/golden-workspace';

let ws: Workspace;
let dispose: () => void;
beforeEach(async () => {
  ({ ws, dispose } = await goldenWorkspace());
});
afterEach(() => dispose());

const analysisFiles = () => (fs.existsSync(path.join(ws.dataDir, ANALYSES_DIR)) ? fs.readdirSync(path.join(ws.dataDir, ANALYSES_DIR)).sort() : []);

/** A cache that fails the test if it reads the build's entries. */
function cacheWithoutBuilds(): SnapshotCache {
  const cache = new SnapshotCache(ws);
  cache.senderModel = (id: string) => {
    throw new Error(`the build ${id} was read`);
  };
  return cache;
}

function figures(cache: SnapshotCache, build: string) {
  const a = cache.authenticity(build, 'feedback');
  return {
    count: Array.from(a.count),
    mean: Array.from(a.mean),
    status: Array.from(a.status),
    itemDomain: Array.from(a.itemDomain),
    itemBins: Array.from(a.itemBins),
    histograms: a.histograms,
  };
}

describe('the stored analysis of a build against a feedback pull', () => {
  it('is read back by a later run without reading the build, with the same figures', () => {
    const first = figures(new SnapshotCache(ws), 'sendermodels-1');
    expect(analysisFiles()).toHaveLength(1);
    expect(figures(cacheWithoutBuilds(), 'sendermodels-1')).toEqual(first);
  });

  it('is not used once the build is replaced, and goes with a deleted snapshot', async () => {
    const before = figures(new SnapshotCache(ws), 'sendermodels-1');
    await importSenderModel(ws, golden('sendermodels-2.avro'), { id: 'sendermodels-1', replace: true, name: 'sendermodels-2.avro', source: 'x' });
    // A new snapshot file, so no stored analysis fits: the replaced build is read and joined.
    expect(() => figures(cacheWithoutBuilds(), 'sendermodels-1')).toThrow(/was read/u);
    const after = figures(new SnapshotCache(ws), 'sendermodels-1');
    expect(after).toEqual(figures(new SnapshotCache(ws), 'sendermodels-2'));
    expect(after).not.toEqual(before);
    ws.delete('sendermodels-1');
    expect(analysisFiles().some((f) => f.startsWith('sendermodels-1.'))).toBe(false);
  });

  it('is computed again when its file is damaged, and the feedback pull replaced means a new one', async () => {
    const before = figures(new SnapshotCache(ws), 'sendermodels-2');
    const [file] = analysisFiles();
    const full = path.join(ws.dataDir, ANALYSES_DIR, file);
    fs.truncateSync(full, 100);
    expect(() => figures(cacheWithoutBuilds(), 'sendermodels-2')).toThrow(/was read/u);
    expect(figures(new SnapshotCache(ws), 'sendermodels-2')).toEqual(before);
    await importFeedbackFile(ws, golden('feedback.jsonl'), { id: 'feedback', replace: true, name: 'feedback.jsonl', source: 'x' });
    expect(() => figures(cacheWithoutBuilds(), 'sendermodels-2')).toThrow(/was read/u);
  });
});
