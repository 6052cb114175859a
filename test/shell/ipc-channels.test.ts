// The sandboxed preload repeats the IPC channel names (it can require nothing but electron):
// they must be the main process's names, or every call from the window goes unanswered.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CALL_CHANNEL, EVENT_CHANNEL, SAVE_EXPORT_CHANNEL } from '../../main/electron/ipc-channels';
import { projectFile } from './harness';

describe('IPC channel names', () => {
  it('are the same in the preload and in the main process', () => {
    const preload = fs.readFileSync(projectFile('main/electron/preload.cts'), 'utf8');
    expect(preload).toContain(`const CALL_CHANNEL = '${CALL_CHANNEL}';`);
    expect(preload).toContain(`const EVENT_CHANNEL = '${EVENT_CHANNEL}';`);
    expect(preload).toContain(`const SAVE_EXPORT_CHANNEL = '${SAVE_EXPORT_CHANNEL}';`);
  });
});
