// A stand-in for the `electron` module, enough for the command-line mode of the bundled main
// process and nothing more: `app` as a packaged app has it (installed under
// <install>/resources/app/, so resourcesPath is <install>/resources), and every other export
// throws when touched, so a test fails if that mode reaches for the desktop.
import path from 'node:path';

const appDir = path.resolve(path.dirname(process.argv[1]), '..', '..');
process.resourcesPath = path.dirname(appDir);

const forbidden = (name) =>
  new Proxy(
    {},
    {
      get(_target, key) {
        throw new Error(`the command-line mode used electron.${name}.${String(key)}`);
      },
    },
  );

const allowed = {
  isPackaged: true,
  dock: undefined,
  getAppPath: () => appDir,
  exit: (code) => process.exit(code),
};

export const app = new Proxy(allowed, {
  get(target, key) {
    if (key in target) return target[key];
    throw new Error(`the command-line mode used electron.app.${String(key)}`);
  },
});

export const BrowserWindow = forbidden('BrowserWindow');
export const dialog = forbidden('dialog');
export const ipcMain = forbidden('ipcMain');
export const Menu = forbidden('Menu');
export const protocol = forbidden('protocol');
export const safeStorage = forbidden('safeStorage');
export const screen = forbidden('screen');
export const session = forbidden('session');
export const shell = forbidden('shell');
