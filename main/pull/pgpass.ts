// The password of a PostgreSQL connection from where libpq looks for it: PGPASSWORD, then the
// password file (PGPASSFILE, else ~/.pgpass; %APPDATA%\postgresql\pgpass.conf on Windows).
// Our own reader, so that `pg`'s deprecated built-in lookup (which prints a warning) is never used.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface PgPassKey {
  host: string;
  port: number;
  database: string;
  user: string;
}

export interface PgPassEnv {
  env?: NodeJS.ProcessEnv;
  home?: string;
  platform?: NodeJS.Platform;
}

export function passwordFilePath({ env = process.env, home = os.homedir(), platform = process.platform }: PgPassEnv = {}): string {
  if (env.PGPASSFILE) return env.PGPASSFILE;
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'postgresql', 'pgpass.conf');
  return path.join(home, '.pgpass');
}

/** PGPASSWORD, else the matching line of the password file, else undefined. */
export function lookupPgPassword(key: PgPassKey, options: PgPassEnv = {}): string | undefined {
  const env = options.env ?? process.env;
  if (env.PGPASSWORD !== undefined && env.PGPASSWORD !== '') return env.PGPASSWORD;
  const file = passwordFilePath(options);
  let text: string;
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile()) return undefined;
    // libpq ignores a password file others can read; so do we.
    if ((options.platform ?? process.platform) !== 'win32' && (stat.mode & 0o077) !== 0) return undefined;
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  return matchPgPass(text, key);
}

/** The password of the first line matching `key` (`*` matches anything), as libpq reads it. */
export function matchPgPass(text: string, key: PgPassKey): string | undefined {
  const wanted = [key.host, String(key.port), key.database, key.user];
  for (const raw of text.split(/\r?\n/)) {
    if (raw.trim() === '' || raw.startsWith('#')) continue;
    const fields = splitFields(raw);
    if (fields.length < 5) continue;
    const matches = wanted.every((value, i) => fields[i] === '*' || fields[i] === value);
    if (matches) return fields.slice(4).join(':');
  }
  return undefined;
}

/** Splits on unescaped ':'; `\:` and `\\` are a literal ':' and '\'. */
function splitFields(line: string): string[] {
  const fields: string[] = [];
  let current = '';
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === '\\' && i + 1 < line.length) {
      current += line[++i];
    } else if (ch === ':' && fields.length < 4) {
      fields.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  fields.push(current);
  return fields;
}
