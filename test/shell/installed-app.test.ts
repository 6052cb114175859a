// The app as an installer lays it out, run for real except for Electron itself (its binary cannot
// be had on the build machine): the bundles of `npm run build`, the production dependencies only
// (no tsx, no vite, no React), the demo sources and the `smw` launcher where electron-builder puts
// them. The bundled CLI runs on plain Node; the launcher starts the "app" — the bundled Electron
// main process, on Node with a stand-in for the `electron` module that offers `app` and nothing
// else — in its command-line mode; browser mode from the bundle serves the bundled UI to headless
// Chromium.
//
//   <install>/sender-model-workbench       the app's executable (here: Node + electron-stub/)
//   <install>/resources/app/               package.json, out/, node_modules/ (app.asar, unpacked)
//   <install>/resources/snapshots/         the demo sources
//   <install>/resources/bin/smw            main/electron/launcher/smw
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsSdkWouldWarn } from '../../main/cli/aws-sdk-notice';
import { buildMain } from '../../main/electron/build';
import { buildRenderer } from '../../main/server/renderer-build';
import { smw } from '../support/cli';
import { type S3Server, startS3 } from '../support/servers/s3';
import { launchBrowser } from '../ui/support/browser';
import { DEMO, PROJECT_ROOT, projectFile, tempDir } from './harness';

const NODE_VERSION_NOTICE = /NodeVersionSupportWarning/u;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A child process to its end (asynchronous: the S3 server of these tests lives in this process). */
function run(command: string, args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: tempDir(), env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The packages `npm ci --omit=dev` would install, as package-lock.json lists them (top-most folders). */
function productionPackages(): string[] {
  const lock = JSON.parse(fs.readFileSync(projectFile('package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean }> };
  const present = Object.entries(lock.packages)
    .filter(([key, entry]) => key.startsWith('node_modules/') && !entry.dev && fs.existsSync(projectFile(key)))
    .map(([key]) => key);
  return present.filter((key) => !present.some((parent) => key.startsWith(`${parent}/`)));
}

function sizeOf(dir: string): number {
  let bytes = 0;
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) bytes += fs.statSync(path.join(entry.parentPath, entry.name)).size;
  }
  return bytes;
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

let install: string;
let app: string;
let launcher: string;

beforeAll(async () => {
  install = tempDir('smw-installed-');
  app = path.join(install, 'resources', 'app');
  await buildMain(path.join(app, 'out'));
  await buildRenderer(path.join(app, 'out', 'renderer'));
  fs.copyFileSync(projectFile('package.json'), path.join(app, 'package.json'));
  for (const key of productionPackages()) fs.cpSync(projectFile(key), path.join(app, key), { recursive: true, verbatimSymlinks: true });
  fs.cpSync(projectFile('snapshots'), path.join(install, 'resources', 'snapshots'), {
    recursive: true,
    filter: (source) => !source.includes(`${path.sep}generator`),
  });
  fs.mkdirSync(path.join(install, 'resources', 'bin'));
  fs.copyFileSync(projectFile('main/electron/launcher/smw'), path.join(install, 'resources', 'bin', 'smw'));
  fs.chmodSync(path.join(install, 'resources', 'bin', 'smw'), 0o755);
  const executable = path.join(install, 'sender-model-workbench');
  const stub = path.join(PROJECT_ROOT, 'test/shell/electron-stub/register.mjs');
  fs.writeFileSync(executable, `#!/bin/sh\nexec '${process.execPath}' --import '${stub}' '${path.join(app, 'out/main/electron-main.js')}' "$@"\n`, {
    mode: 0o755,
  });
  // On the PATH as a user links it: a symlink elsewhere.
  launcher = path.join(tempDir('smw-path-'), 'smw');
  fs.symlinkSync(path.join(install, 'resources', 'bin', 'smw'), launcher);
}, 180_000);

afterAll(() => {
  if (install) fs.rmSync(install, { recursive: true, force: true });
});

describe('the installed app', () => {
  it('carries the bundles and the production dependencies only', () => {
    const modules = fs.readdirSync(path.join(app, 'node_modules'));
    for (const devOnly of ['tsx', 'esbuild', 'vite', 'react', 'react-dom', '@nivo', '@tanstack', 'electron', 'typescript'])
      expect(modules).not.toContain(devOnly);
    expect(modules).toEqual(expect.arrayContaining(['better-sqlite3', 'zod', '@aws-sdk', 'pg', 'snappy']));
    const bundles = ['main', 'preload', 'renderer'].map((dir) => sizeOf(path.join(app, 'out', dir)));
    console.log(`installed app: out/ ${mb(bundles.reduce((a, b) => a + b))} (with source maps), node_modules ${mb(sizeOf(path.join(app, 'node_modules')))}`);
  });

  it('runs the bundled CLI on plain Node: --version and --help', async () => {
    const cli = path.join(app, 'out/main/smw.js');
    const pkg = JSON.parse(fs.readFileSync(projectFile('package.json'), 'utf8')) as { version: string };
    expect(await run(process.execPath, [cli, '--version'])).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
    const help = await run(process.execPath, [cli, '--help']);
    expect(help).toMatchObject({ code: 0, stderr: '' });
    expect(help.stdout).toMatch(/^Usage:\n {2}smw import /u);
  });

  it('imports (snappy and deflate Avro, feedback) and reports exactly as the sources do', async () => {
    const cli = path.join(app, 'out/main/smw.js');
    const bundled = tempDir();
    const sources = tempDir();
    const steps = [
      ['import', 'sender-model', projectFile('test/fixtures/avro/py-build-snappy.avro'), '--id', 'snappy'],
      ['import', 'sender-model', projectFile('test/fixtures/golden/sendermodels-1.avro'), '--id', 'sm-1'],
      ['import', 'feedback', projectFile('test/fixtures/golden/feedback.jsonl'), '--id', 'fb'],
      ['findings', '--build', 'sm-1', '--feedback', 'fb', '--json'],
      ['findings', '--build', 'sm-1', '--feedback', 'fb', '--csv'],
    ];
    for (const step of steps) {
      const fromBundle = await run(process.execPath, [cli, ...step, '--data-dir', bundled]);
      const fromSources = await smw(...step, '--data-dir', sources);
      const timeless = (text: string) => text.replace(/ in \d+\.\d+ s/gu, ' in T s');
      expect({ ...fromBundle, stdout: timeless(fromBundle.stdout) }, step.join(' ')).toEqual({ ...fromSources, stdout: timeless(fromSources.stdout) });
      expect(fromBundle.code, `${step.join(' ')}: ${fromBundle.stderr}`).toBe(0);
    }
  });

  it('bin/smw.mjs runs the bundle where the sources are not, and says what to do where neither is', async () => {
    const packed = path.join(app, 'bin');
    fs.cpSync(projectFile('bin'), packed, { recursive: true });
    try {
      const list = await run(process.execPath, [path.join(packed, 'smw.mjs'), 'list', '--data-dir', tempDir()]);
      expect(list).toEqual({ code: 0, stdout: expect.stringMatching(/^No snapshots in this workspace\./u), stderr: '' });
    } finally {
      fs.rmSync(packed, { recursive: true });
    }
    const bare = tempDir();
    fs.cpSync(projectFile('bin'), path.join(bare, 'bin'), { recursive: true });
    const lost = await run(process.execPath, [path.join(bare, 'bin', 'smw.mjs'), 'list']);
    expect(lost).toEqual({
      code: 1,
      stdout: '',
      stderr: 'smw: neither the sources with tsx (run npm install) nor the bundle out/main/smw.js (run npm run build) is here\n',
    });
  });

  it('smw through the launcher: the app in its command-line mode, the demo from its resources, exit codes passed on', async () => {
    const workspace = path.join(tempDir(), 'a workspace with spaces');
    const demo = await run(launcher, ['demo', '--data-dir', workspace]);
    expect(demo.stderr).toBe('');
    expect(demo.code).toBe(0);
    for (const id of Object.values(DEMO)) expect(demo.stdout).toMatch(new RegExp(`^imported [a-z-]+ ${id.replace(/[.]/gu, '\\.')}: `, 'mu'));
    const listed = await run(launcher, ['list', '--json', '--data-dir', workspace]);
    expect(listed).toEqual(await run(process.execPath, [path.join(app, 'out/main/smw.js'), 'list', '--json', '--data-dir', workspace]));
    expect(listed.code).toBe(0);
    const missing = await run(launcher, ['findings', '--build', 'no-such-build', '--data-dir', workspace]);
    expect(missing.code).toBe(1);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toMatch(/^smw: [^\n]*no-such-build[^\n]*\n$/u);
  });

  it('browser mode from the bundle serves the bundled UI to headless Chromium', async () => {
    const workspace = path.join(tempDir(), 'ws');
    expect((await run(launcher, ['demo', '--data-dir', workspace])).code).toBe(0);
    const child = spawn(process.execPath, [path.join(app, 'out/main/web.js'), '--no-open', '--data-dir', workspace], { cwd: tempDir() });
    let browser: Browser | undefined;
    try {
      let stdout = '';
      const link = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          stdout += chunk.toString();
          const m = /^Open (\S+)$/mu.exec(stdout);
          if (m) resolve(m[1]);
        });
        child.on('exit', (code) => reject(new Error(`browser mode exited ${code} before its Open line`)));
      });
      browser = await launchBrowser();
      const page = await browser.newPage();
      const problems: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(message.text());
      });
      page.on('pageerror', (error) => problems.push(error.message));
      await page.goto(link);
      await page.getByText('Snapshots', { exact: true }).first().click();
      for (const id of Object.values(DEMO)) await expect.poll(() => page.getByText(id, { exact: false }).count(), { timeout: 15_000 }).toBeGreaterThan(0);
      expect(problems).toEqual([]);
    } finally {
      await browser?.close();
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  });
});

describe("the AWS SDK's Node version notice", () => {
  let s3: S3Server;
  const key = 'sendermodels-2016-08-22_02:25:57.avro';

  beforeAll(async () => {
    s3 = await startS3();
    await s3.put('builds', key, fs.readFileSync(projectFile('test/fixtures/golden/sendermodels-1.avro')));
  });

  afterAll(async () => {
    await s3?.stop();
  });

  it('is printed by the SDK itself where Node is older than 22 (what the CLI has to answer)', async () => {
    const script = "import { S3Client } from '@aws-sdk/client-s3'; new S3Client({ region: 'us-east-1' });";
    const bare = await new Promise<Run>((resolve) => {
      const child = spawn(process.execPath, ['--input-type=module', '-e', script], { cwd: PROJECT_ROOT, env: { ...process.env, ...s3.env } });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('close', (code) => resolve({ code, stdout: '', stderr }));
    });
    expect(bare.code).toBe(0);
    expect(NODE_VERSION_NOTICE.test(bare.stderr)).toBe(awsSdkWouldWarn(process.version));
  });

  it.each([
    ['the checkout (bin/smw.mjs, sources)', () => [process.execPath, projectFile('bin/smw.mjs')]],
    ['the bundle (out/main/smw.js)', () => [process.execPath, path.join(app, 'out/main/smw.js')]],
    ["the installed app's launcher", () => [launcher]],
  ])('is kept off the command line: a pull through %s writes nothing on stderr', async (_name, command) => {
    const [program, ...first] = command();
    const pulled = await run(program, [...first, 'pull', 'sender-model', `s3://builds/${key}`, '--endpoint', s3.endpoint, '--data-dir', tempDir()], s3.env);
    expect(pulled.stderr).toBe('');
    expect(pulled).toMatchObject({ code: 0, stdout: expect.stringMatching(/^pulled sender-model /u) });
  });
});
