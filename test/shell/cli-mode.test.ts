// The installed app's `smw`: which arguments put the main process in command-line mode, and the
// launcher's answer when it finds no app beside it. (installed-app.test.ts runs both for real.)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliArguments } from '../../main/electron/cli-mode';
import { projectFile, tempDir } from './harness';

describe('cliArguments', () => {
  it('is null for the desktop app, packaged or started from a checkout', () => {
    expect(cliArguments(['/opt/app/sender-model-workbench'])).toBeNull();
    expect(cliArguments(['/usr/bin/electron', '/src/smw', '--data-dir', '/tmp/ws'])).toBeNull();
  });

  it("is what follows '--cli --', whatever it looks like", () => {
    expect(cliArguments(['/opt/app/sender-model-workbench', '--cli', '--', 'findings', '--build', 'b 1', '--cli'])).toEqual([
      'findings',
      '--build',
      'b 1',
      '--cli',
    ]);
    expect(cliArguments(['/usr/bin/electron', '/src/smw', '--cli', '--', '--help'])).toEqual(['--help']);
    expect(cliArguments(['/opt/app/sender-model-workbench', '--cli', 'list'])).toEqual(['list']);
    expect(cliArguments(['/opt/app/sender-model-workbench', '--cli'])).toEqual([]);
  });

  it("never takes the executable's own path for the flag", () => {
    expect(cliArguments(['--cli'])).toBeNull();
  });
});

describe('the launcher', () => {
  it('says where it looked when no app executable is beside it', () => {
    const resources = path.join(tempDir(), 'resources');
    fs.mkdirSync(path.join(resources, 'bin'), { recursive: true });
    fs.copyFileSync(projectFile('main/electron/launcher/smw'), path.join(resources, 'bin', 'smw'));
    const run = spawnSync('sh', [path.join(resources, 'bin', 'smw'), 'list'], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      `smw: the app's executable is not beside ${fs.realpathSync(resources)} (looked for sender-model-workbench, MacOS/Sender Model Workbench)\n`,
    );
  });
});
