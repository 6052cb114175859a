// PostgreSQL passwords in the desktop app (DESIGN §5): kept encrypted by the OS keychain
// (Electron's safeStorage) where there is a real one, else in memory for this run — Linux's
// `basic_text` backend is a hard-coded key, not a keychain. The stores are main/pull's; this
// file only fills a pull's password in on its way from the window to the core.

import path from 'node:path';
import type { ApiArgs } from '../../shared/api';
import { choosePasswordStore, keychainAvailable, type PasswordStore, type SafeStorageLike } from '../pull/pg-password';

export { keychainAvailable, type PasswordStore, type SafeStorageLike };

export const PASSWORD_FILE = 'pg-passwords.json';

export function passwordStoreFor(safeStorage: SafeStorageLike, userDataDir: string): PasswordStore {
  return choosePasswordStore(safeStorage, path.join(userDataDir, PASSWORD_FILE));
}

type PgArgs = ApiArgs<'startPgPull'>;

/** A password given with a pull is remembered; a pull without one gets the remembered one. */
export function withStoredPassword(store: PasswordStore, args: PgArgs): PgArgs {
  if (args.password !== undefined && args.password !== '') {
    store.set(args, args.password);
    return args;
  }
  const stored = store.get(args);
  return stored === undefined ? args : { ...args, password: stored };
}

/** Whether IPC arguments are shaped like a PostgreSQL pull's (the dispatcher checks them fully). */
export function looksLikePgArgs(args: unknown): args is PgArgs {
  if (args === null || typeof args !== 'object') return false;
  const a = args as Record<string, unknown>;
  return typeof a.user === 'string' && typeof a.host === 'string' && typeof a.database === 'string' && (a.port === undefined || typeof a.port === 'number');
}
