// better-sqlite3 for Electron without breaking it for Node. The package in node_modules is
// built for Node (the CLI, tests and browser mode use it); Electron has another ABI. For
// `npm start` a copy goes to out/node_modules/ and is rebuilt there for Electron: the bundled
// out/main/*.js resolve `better-sqlite3` from out/node_modules first. (Installers get theirs
// from electron-builder, which rebuilds the packaged copy.)

import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../server/renderer-build';

const OUT = path.join(PROJECT_ROOT, 'out');
const NATIVE = ['better-sqlite3'];

export async function prepareNativeModulesForElectron(electronVersion: string, log: (line: string) => void): Promise<void> {
  const marker = path.join(OUT, 'node_modules', '.electron-version');
  if (fs.existsSync(marker) && fs.readFileSync(marker, 'utf8').trim() === electronVersion) return;
  log(`Building better-sqlite3 for Electron ${electronVersion} (once; it needs Electron's headers from the internet)…`);
  const dependencies: Record<string, string> = {};
  for (const name of NATIVE) {
    const from = path.join(PROJECT_ROOT, 'node_modules', name);
    const to = path.join(OUT, 'node_modules', name);
    fs.rmSync(to, { recursive: true, force: true });
    fs.cpSync(from, to, { recursive: true });
    dependencies[name] = (JSON.parse(fs.readFileSync(path.join(from, 'package.json'), 'utf8')) as { version: string }).version;
  }
  // out/ becomes a tiny package: the rebuild reads its dependencies, and "type": "module"
  // keeps out/main/*.js ES modules.
  fs.writeFileSync(
    path.join(OUT, 'package.json'),
    `${JSON.stringify({ name: 'smw-electron-runtime', private: true, type: 'module', dependencies }, null, 2)}\n`,
  );
  const { rebuild } = await import('@electron/rebuild');
  await rebuild({ buildPath: OUT, electronVersion, onlyModules: NATIVE, force: true });
  fs.writeFileSync(marker, `${electronVersion}\n`);
}
