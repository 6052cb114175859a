// The analyst's settings in workspace.db: one JSON value per key, every value checked on write
// with the one schema (shared/settings.ts); a stored value this version cannot read falls back
// to its default rather than stopping the app.

import type Database from 'better-sqlite3';
import type { z } from 'zod';
import { defaultSettings, SETTINGS_KEYS, SETTINGS_SCHEMAS, type Settings, type SettingsPatch } from '../../shared/settings';

export { defaultSettings, linkTemplateProblem, LINK_PLACEHOLDERS, PG_SSL_MODES } from '../../shared/settings';
export type { AnalysisContext, LinkTemplate, PgProfile, PgSslMode, S3Profile, Settings, SettingsPatch } from '../../shared/settings';

export function getSettings(db: Database.Database): Settings {
  const settings = defaultSettings();
  const rows = db.prepare('SELECT key, value FROM settings').all() as { key: string; value: string }[];
  for (const { key, value } of rows) {
    if (!SETTINGS_KEYS.includes(key as keyof Settings)) continue; // written by a newer version: keep, ignore
    const parsed = SETTINGS_SCHEMAS[key as keyof Settings].safeParse(JSON.parse(value));
    if (parsed.success) (settings as unknown as Record<string, unknown>)[key] = parsed.data;
  }
  return settings;
}

/** Checks every given value, then writes them all or none; returns the settings now in force. */
export function setSettings(db: Database.Database, patch: SettingsPatch): Settings {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) throw new Error('settings must be an object');
  const checked: [string, unknown][] = [];
  const problems: string[] = [];
  for (const [key, value] of Object.entries(patch)) {
    if (!SETTINGS_KEYS.includes(key as keyof Settings)) {
      problems.push(`unknown setting '${key}' (settings are ${SETTINGS_KEYS.join(', ')})`);
      continue;
    }
    if (value === undefined) continue;
    const parsed = SETTINGS_SCHEMAS[key as keyof Settings].safeParse(value);
    if (parsed.success) checked.push([key, parsed.data]);
    else problems.push(...parsed.error.issues.map((issue) => describeIssue(key, issue)));
  }
  if (problems.length > 0) throw new Error(`settings not saved: ${problems.join('; ')}`);
  const put = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  // IMMEDIATE, as every write transaction of workspace.db: another process's commit waits
  // behind busy_timeout instead of refusing this one.
  db.transaction(() => {
    for (const [key, value] of checked) put.run(key, JSON.stringify(value));
  }).immediate();
  return getSettings(db);
}

function describeIssue(key: string, issue: z.core.$ZodIssue): string {
  const where = [key, ...issue.path].reduce<string>(
    (acc, part) => (typeof part === 'number' ? `${acc}[${part}]` : acc === '' ? String(part) : `${acc}.${String(part)}`),
    '',
  );
  if (issue.code === 'unrecognized_keys') {
    if (issue.keys.some((k) => /pass(word)?|secret|token/iu.test(k))) {
      return `${where}: passwords and secrets are never stored in settings (the app asks for them, or uses the OS keychain, the PG environment or .pgpass)`;
    }
    return `${where}: unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `'${k}'`).join(', ')}`;
  }
  return `${where}: ${issue.message}`;
}
