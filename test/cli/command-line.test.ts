// A command line that behaves like one (DESIGN §6): --version, --help anywhere before any other
// check, usage errors in one line naming the command's help, and a closed pipe ending quietly.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import packageJson from '../../package.json';
import { COMMAND_NAMES, COMMAND_USAGE } from '../../main/cli/usage';
import { goldenWorkspace, projectRoot, smw, tempDir } from '../support/cli';

let dir: string;
/** The demo: its reports (~1 MB) are bigger than a pipe's buffer, so a closed pipe is felt. */
let demo: string;
beforeAll(async () => {
  dir = await goldenWorkspace();
  demo = tempDir();
  const seeded = await smw('demo', '--data-dir', demo);
  if (seeded.code !== 0) throw new Error(seeded.stderr);
});

const DEMO_A = 'sendermodels-2016-08-22_02:25:57';
const DEMO_B = 'sendermodels-2016-08-29_02:31:12';

describe('smw --version and --help', () => {
  it('prints the package version', async () => {
    expect(await smw('--version')).toEqual({ code: 0, stdout: `${packageJson.version}\n`, stderr: '' });
  });

  it.each(COMMAND_NAMES)('prints the usage of %s, wherever --help or -h stands, and exits 0', async (command) => {
    for (const argv of [
      [command, '--help'],
      [command, '--bogus', '-h'],
      [command, '--build', 'x', '--cutoff', 'abc', '--help'],
    ]) {
      const run = await smw(...argv);
      expect(run).toEqual({ code: 0, stdout: `${COMMAND_USAGE[command]}\n`, stderr: '' });
      expect(run.stdout).toMatch(new RegExp(`^Usage: smw ${command}`));
    }
  });

  it('prints the context pull usage for smw pull context --help, and the whole usage for smw --help', async () => {
    expect((await smw('pull', 'context', '--help')).stdout).toBe(`${COMMAND_USAGE['pull context']}\n`);
    const all = await smw('--help');
    expect(all.code).toBe(0);
    for (const command of COMMAND_NAMES) expect(all.stdout).toContain(`smw ${command}`);
  });

  it('answers --help without opening the workspace', async () => {
    const nowhere = path.join(tempDir(), 'not-created');
    expect((await smw('findings', '--help', '--data-dir', nowhere)).code).toBe(0);
    expect(fs.existsSync(nowhere)).toBe(false);
  });
});

describe('usage errors', () => {
  it.each([
    [['findings', '--bogus'], /^smw: Unknown option '--bogus'.* \(see smw findings --help\)\n$/u],
    [['findings'], /^smw: --build ID is required \(see smw findings --help\)\n$/u],
    [['compare', '--base', 'sendermodels-1'], /^smw: --candidate ID is required \(see smw compare --help\)\n$/u],
    [['findings', '--build', 'sendermodels-1', '--json', '--csv'], /^smw: choose one of --json and --csv \(see smw findings --help\)\n$/u],
    [['import', 'notes', 'x.json'], /^smw: unknown kind 'notes'.* \(see smw import --help\)\n$/u],
    [['list', 'extra'], /^smw: unexpected argument: extra \(see smw list --help\)\n$/u],
    [['frobnicate'], /^smw: unknown command 'frobnicate' \(see smw --help\)\n$/u],
    [[], /^smw: a command is needed: .* \(see smw --help\)\n$/u],
  ])('%j is one line on stderr, exit 1', async (argv, message) => {
    const run = await smw(...argv, '--data-dir', dir);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
  });
});

describe('a reader that closes the pipe early', () => {
  it('ends the command quietly with exit 0, and the regression gate still exits 2', async () => {
    const head = (args: string[]) =>
      new Promise<{ code: number | null; stderr: string; got: number }>((resolve) => {
        const child = spawn(process.execPath, [path.join(projectRoot, 'bin/smw.mjs'), ...args, '--data-dir', demo], {
          cwd: projectRoot,
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let stderr = '';
        let got = 0;
        child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
        // Like `| head -c 10`: read a little, then close our end of the pipe.
        child.stdout.once('data', (c: Buffer) => {
          got = c.length;
          child.stdout.destroy();
        });
        child.on('close', (code) => resolve({ code, stderr, got }));
      });
    for (const format of ['--json', '--csv', '']) {
      const run = await head(['findings', '--build', DEMO_A, '--cutoff', '1', ...(format ? [format] : [])]);
      expect(run.got).toBeGreaterThan(0);
      expect(run).toMatchObject({ code: 0, stderr: '' });
    }
    const gate = await head(['compare', '--base', DEMO_A, '--candidate', DEMO_B, '--json', '--fail-on-regression']);
    expect(gate.code).toBe(2);
    expect(gate.stderr).toMatch(/^smw: \d+ items? regressed from \S+ to \S+\n$/u);
  });

  it('exits 0, with nothing on stderr, in a shell pipeline into head', () => {
    const smwLine = `"${process.execPath}" bin/smw.mjs findings --build ${DEMO_A} --json --data-dir "${demo}"`;
    const run = spawnSync('bash', ['-c', `set -o pipefail; ${smwLine} | head -c 20`], { cwd: projectRoot, encoding: 'utf8' });
    expect(run).toMatchObject({ status: 0, stdout: '{"build":"sendermode', stderr: '' });
  });
});

describe('smw import on a terminal', () => {
  it('draws a progress line on stderr, clears it, and prints the closing line on stdout', async () => {
    const { main } = await import('../../main/cli/smw');
    let stdout = '';
    let stderr = '';
    const target = tempDir();
    const build = path.join(projectRoot, 'snapshots', 'sendermodels-2016-08-22_02-25-57.avro');
    const code = await main(['import', 'sender-model', build, '--id', 'tty-build', '--data-dir', target], {
      stdout: (t) => void (stdout += String(t)),
      stderr: (t) => void (stderr += t),
      isTTY: true,
    });
    expect(code).toBe(0);
    expect(stdout).toMatch(/^imported sender-model tty-build: \d+ kept/u);
    expect(stderr).toMatch(/^\r\x1b\[K\S+\.avro {2}\[[#-]{24}\] +\d+%/u);
    // The bar is cleared before anything else is written: no line ends while it is shown.
    const lastBar = stderr.lastIndexOf('.avro  [');
    const cleared = stderr.indexOf('\r\x1b[K', lastBar);
    expect(cleared).toBeGreaterThan(lastBar);
    expect(stderr.slice(lastBar, cleared)).not.toContain('\n');
  });
});
