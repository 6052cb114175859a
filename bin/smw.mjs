#!/usr/bin/env node
// The `smw` command. In a checkout it runs the TypeScript sources through tsx (a devDependency):
// an edit takes effect at once, and `npm ci` needs no build step. Where the sources or tsx are
// not there (a packed or production install) it runs the bundle, out/main/smw.js (`npm run build`).
// The installed desktop app has its own launcher (main/electron/launcher/smw).
import fs from 'node:fs';

const sources = new URL('../main/cli/bin.ts', import.meta.url);
const bundle = new URL('../out/main/smw.js', import.meta.url);

async function tsxRegister() {
  try {
    return (await import('tsx/esm/api')).register;
  } catch {
    return null;
  }
}

const register = fs.existsSync(sources) ? await tsxRegister() : null;
if (register) {
  register();
  await import(sources.href);
} else if (fs.existsSync(bundle)) {
  await import(bundle.href);
} else {
  process.stderr.write('smw: neither the sources with tsx (run npm install) nor the bundle out/main/smw.js (run npm run build) is here\n');
  process.exitCode = 1;
}
