// Where the desktop app keeps PostgreSQL passwords: encrypted by the OS keychain (Electron's
// safeStorage) in a file of the workspace's settings folder, or — where there is no real
// keychain (browser mode, or safeStorage on Linux falling back to 'basic_text') — in memory for
// this run only, so the app asks at each pull. Never in plain text on disk, never in settings.
// safeStorage is passed in (this file does not import Electron), so it runs under test anywhere.

import fs from 'node:fs';
import path from 'node:path';

/** The part of Electron's `safeStorage` used here. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only in Electron; 'basic_text' means a hard-coded key, i.e. no protection. */
  getSelectedStorageBackend?(): string;
}

export interface PgPasswordKeyParts {
  host: string;
  port?: number;
  database: string;
  user: string;
}

export interface PasswordStore {
  /** Whether a saved password outlives this run (keychain) or not (memory). */
  readonly persistent: boolean;
  get(key: PgPasswordKeyParts): string | undefined;
  set(key: PgPasswordKeyParts, password: string): void;
  delete(key: PgPasswordKeyParts): void;
}

export function pgPasswordKey({ host, port = 5432, database, user }: PgPasswordKeyParts): string {
  return `${user}@${host}:${port}/${database}`;
}

/** Whether safeStorage really protects secrets here (what `AppInfo.keychain` reports). */
export function keychainAvailable(safeStorage: SafeStorageLike | undefined): boolean {
  if (!safeStorage) return false;
  try {
    if (!safeStorage.isEncryptionAvailable()) return false;
    return safeStorage.getSelectedStorageBackend?.() !== 'basic_text';
  } catch {
    return false;
  }
}

/** The keychain store when there is a real keychain, else the in-memory one. */
export function choosePasswordStore(safeStorage: SafeStorageLike | undefined, file: string): PasswordStore {
  return safeStorage && keychainAvailable(safeStorage) ? new KeychainPasswordStore(safeStorage, file) : new MemoryPasswordStore();
}

export class MemoryPasswordStore implements PasswordStore {
  readonly persistent = false;
  private readonly passwords = new Map<string, string>();

  get(key: PgPasswordKeyParts): string | undefined {
    return this.passwords.get(pgPasswordKey(key));
  }

  set(key: PgPasswordKeyParts, password: string): void {
    this.passwords.set(pgPasswordKey(key), password);
  }

  delete(key: PgPasswordKeyParts): void {
    this.passwords.delete(pgPasswordKey(key));
  }
}

/** `{ "user@host:port/db": "<base64 of the keychain-encrypted password>" }`, owner-only. */
export class KeychainPasswordStore implements PasswordStore {
  readonly persistent = true;

  constructor(
    private readonly safeStorage: SafeStorageLike,
    private readonly file: string,
  ) {}

  get(key: PgPasswordKeyParts): string | undefined {
    const sealed = this.read()[pgPasswordKey(key)];
    if (sealed === undefined) return undefined;
    try {
      return this.safeStorage.decryptString(Buffer.from(sealed, 'base64'));
    } catch {
      // Sealed by another user account or keychain: as good as absent; the app asks again.
      return undefined;
    }
  }

  set(key: PgPasswordKeyParts, password: string): void {
    const all = this.read();
    all[pgPasswordKey(key)] = this.safeStorage.encryptString(password).toString('base64');
    this.write(all);
  }

  delete(key: PgPasswordKeyParts): void {
    const all = this.read();
    if (!(pgPasswordKey(key) in all)) return;
    delete all[pgPasswordKey(key)];
    this.write(all);
  }

  private read(): Record<string, string> {
    try {
      const data = JSON.parse(fs.readFileSync(this.file, 'utf8')) as unknown;
      if (data === null || typeof data !== 'object' || Array.isArray(data)) return {};
      return Object.fromEntries(Object.entries(data).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
    } catch {
      return {};
    }
  }

  private write(all: Record<string, string>): void {
    fs.mkdirSync(path.dirname(this.file), { recursive: true, mode: 0o700 });
    const temp = `${this.file}.tmp-${process.pid}`;
    fs.writeFileSync(temp, `${JSON.stringify(all, null, 2)}\n`, { mode: 0o600 });
    fs.renameSync(temp, this.file);
  }
}
