// Where the workspace lives (DESIGN §6: `--data-dir`, then `SMW_DATA_DIR`, then the OS's
// per-user app-data folder). Platform, environment and home are parameters so that every
// OS's rule can be tested on any OS.

import os from 'node:os';
import path from 'node:path';

export const APP_DIR_NAME = 'Sender Model Workbench';
const LINUX_DIR_NAME = 'sender-model-workbench';

export interface DataDirEnv {
  platform?: NodeJS.Platform;
  env?: NodeJS.ProcessEnv;
  home?: string;
}

/** The per-user app-data folder of this OS, where the workspace goes unless told otherwise. */
export function defaultDataDir({ platform = process.platform, env = process.env, home = os.homedir() }: DataDirEnv = {}): string {
  if (platform === 'win32') {
    // APPDATA is the roaming profile; it is set in every normal Windows session, the
    // fallback only covers stripped-down environments (services, some CI runners).
    const appData = nonEmpty(env.APPDATA) ?? path.win32.join(home, 'AppData', 'Roaming');
    return path.win32.join(appData, APP_DIR_NAME);
  }
  if (platform === 'darwin') {
    return path.posix.join(home, 'Library', 'Application Support', APP_DIR_NAME);
  }
  // XDG Base Directory spec: a relative XDG_DATA_HOME is invalid and must be ignored.
  const xdg = nonEmpty(env.XDG_DATA_HOME);
  const dataHome = xdg && path.posix.isAbsolute(xdg) ? xdg : path.posix.join(home, '.local', 'share');
  return path.posix.join(dataHome, LINUX_DIR_NAME);
}

/**
 * The workspace folder to use: the `--data-dir` flag, else `SMW_DATA_DIR`, else the default.
 * Relative paths are resolved against the current directory, as a shell user expects.
 */
export function resolveDataDir(flag?: string, options: DataDirEnv & { cwd?: string } = {}): string {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  if (flag !== undefined) {
    if (flag.trim() === '') throw new Error('--data-dir needs a folder, for example --data-dir ./my-workspace');
    return path.resolve(cwd, flag);
  }
  // An empty variable is treated as unset, the usual shell convention (`SMW_DATA_DIR= smw …`).
  const fromEnv = nonEmpty(env.SMW_DATA_DIR);
  if (fromEnv) return path.resolve(cwd, fromEnv);
  return defaultDataDir({ ...options, env });
}

function nonEmpty(value: string | undefined): string | undefined {
  return value !== undefined && value.trim() !== '' ? value : undefined;
}
