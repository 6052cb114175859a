// `npm start`: builds what is missing or stale, then opens the desktop app on the default
// workspace (the demo on first start). Where the Electron runtime is not installed — its npm
// package downloads the binary at install time — it says so and starts browser mode instead.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { runBrowserMode } from '../server/browser-mode';
import { ensureRendererBuilt, PROJECT_ROOT } from '../server/renderer-build';
import { buildMain } from './build';
import { prepareNativeModulesForElectron } from './native-modules';

const log = (line: string) => process.stderr.write(`${line}\n`);

/** The Electron binary, or null when the package is there but its download never happened. */
export function electronBinary(): string | null {
  try {
    const binary = createRequire(import.meta.url)('electron') as unknown;
    return typeof binary === 'string' && fs.existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

export const NO_ELECTRON_PARAGRAPH = [
  'The Electron runtime is not installed on this machine (its installer downloads it from the',
  'internet, and node_modules/electron has no binary), so the desktop window cannot open here.',
  'Starting browser mode instead: the same app and the same workspace, served to your web browser',
  'on 127.0.0.1 with a one-time token. To get the desktop app, run `node node_modules/electron/install.js`',
  'on a machine with internet access (or set ELECTRON_MIRROR), then `npm start` again.',
].join('\n');

async function main(argv: string[]): Promise<number> {
  const binary = electronBinary();
  if (!binary) {
    process.stderr.write(`\n${NO_ELECTRON_PARAGRAPH}\n\n`);
    const dataDirFlag = argv.indexOf('--data-dir');
    const mode = await runBrowserMode({
      dataDir: dataDirFlag >= 0 ? argv[dataDirFlag + 1] : undefined,
      open: !argv.includes('--no-open'),
    });
    await new Promise<void>((resolve) => {
      const stop = () => void mode.stop().then(resolve);
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    return 0;
  }
  await ensureRendererBuilt(undefined, log);
  await buildMain();
  const electronVersion = (JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version: string })
    .version;
  await prepareNativeModulesForElectron(electronVersion, log);
  const child = spawn(binary, [PROJECT_ROOT, ...argv], { stdio: 'inherit' });
  return new Promise((resolve) => {
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    child.on('error', (err) => {
      log(`could not start Electron (${binary}): ${err.message}`);
      resolve(1);
    });
  });
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    log(`npm start: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  },
);
