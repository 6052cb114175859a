// On start the core loads the builds of the context the analyst left open, so the first view
// does not wait for them.
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { AppCore } from '../../main/core/app-core';
import { goldenWorkspace } from '../support/cli';

let core: AppCore | undefined;
afterEach(async () => {
  await core?.close();
  core = undefined;
});

describe('warming the remembered context', () => {
  it('loads build A and B of the remembered context before any view asks', async () => {
    const dataDir = await goldenWorkspace();
    core = AppCore.open({ dataDir, mode: 'browser', keychain: false, version: 'test' });
    core.workspace.setSettings({ context: { feedback: 'feedback', buildA: 'sendermodels-1', buildB: 'reputation-1' } });
    core.warmUp();
    // With the files gone, only what warmUp loaded can still answer.
    for (const id of ['sendermodels-1', 'reputation-1', 'feedback']) fs.rmSync(core.workspace.snapshotPath(id));
    expect(core.cache.authenticity('sendermodels-1', 'feedback').items).toHaveLength(12);
    expect(core.cache.reputation('reputation-1', 'feedback').items).toHaveLength(4);
  });

  it('says nothing when the remembered snapshots are gone', async () => {
    const dataDir = await goldenWorkspace();
    core = AppCore.open({ dataDir, mode: 'browser', keychain: false, version: 'test' });
    core.workspace.setSettings({ context: { buildA: 'deleted-build' } });
    expect(() => core!.warmUp()).not.toThrow();
  });
});
