// The analyst's settings (DESIGN §7): default cutoff, link templates, S3 and PostgreSQL
// connections, and the context bar remembered between runs. One schema for every side: the
// API validates updateSettings with it, the workspace checks what it stores and reads with it,
// the forms take their lists (SSL modes, placeholders) from it. No password field, ever
// (DESIGN §5). Nothing here imports Node: `URL` is the global of browsers and Node alike.

import { z } from 'zod';
import { ID_RULE, isValidSnapshotId } from './snapshot-id';

export interface LinkTemplate {
  name: string;
  /** A URL with `{domain}`, `{cidr}`, `{ip}` and `{org}` placeholders. */
  url: string;
}

export interface S3Profile {
  name: string;
  bucket: string;
  prefix: string;
  region?: string;
  endpoint?: string;
  /** An AWS profile of the SDK's default chain (~/.aws/config); never keys themselves. */
  profile?: string;
}

// The modes node-postgres understands (it has no 'allow').
export const PG_SSL_MODES = ['disable', 'prefer', 'require', 'verify-ca', 'verify-full'] as const;
export type PgSslMode = (typeof PG_SSL_MODES)[number];

/** A PostgreSQL connection. No password field, ever: keychain, PG environment or .pgpass. */
export interface PgProfile {
  name: string;
  host: string;
  port: number;
  database: string;
  user: string;
  sslMode: PgSslMode;
  caFile?: string;
  table: string;
}

/** The context bar: what the analyst was looking at. */
export interface AnalysisContext {
  feedback?: string;
  buildA?: string;
  buildB?: string;
  cutoff?: number;
  /** The context snapshot (DESIGN §8) of the authenticity view; null: none chosen, on purpose. */
  context?: string | null;
}

export interface Settings {
  /** null: use the build's threshold (DESIGN §4). */
  defaultCutoff: number | null;
  linkTemplates: LinkTemplate[];
  s3Profiles: S3Profile[];
  pgProfiles: PgProfile[];
  context: AnalysisContext;
}

/** Each key given replaces that setting as a whole (send the whole list, the whole context). */
export type SettingsPatch = Partial<Settings>;

export const LINK_PLACEHOLDERS = ['domain', 'cidr', 'ip', 'org'] as const;

export function defaultSettings(): Settings {
  return {
    defaultCutoff: null,
    linkTemplates: [{ name: 'Message search', url: 'https://portal.example/messages?domain={domain}&ip={ip}' }],
    s3Profiles: [],
    pgProfiles: [],
    context: {},
  };
}

const text = (what: string) =>
  z
    .string({ error: `${what} must be text` })
    .trim()
    .min(1, `${what} is empty`);
const cutoff = z.number({ error: 'must be a number between 0 and 1' }).min(0, 'must be between 0 and 1').max(1, 'must be between 0 and 1');
const snapshotId = z.string().refine(isValidSnapshotId, { error: `is not a snapshot id (${ID_RULE})` });

const linkTemplate = z.strictObject({
  name: text('the name'),
  url: text('the URL').superRefine((url, ctx) => {
    const problem = linkTemplateProblem(url);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  }),
});

const s3Profile = z.strictObject({
  name: text('the name'),
  bucket: text('the bucket').refine((b) => b.length >= 3 && b.length <= 63 && !/[\s/]/u.test(b), 'a bucket name is 3–63 characters with no spaces or slashes'),
  prefix: z.string({ error: 'the prefix must be text (it may be empty)' }),
  region: text('the region').optional(),
  endpoint: text('the endpoint').refine(isHttpUrl, 'the endpoint must be an http:// or https:// URL').optional(),
  profile: text('the AWS profile').optional(),
});

const pgProfile = z.strictObject({
  name: text('the name'),
  host: text('the host'),
  port: z.number().int('the port must be a whole number').min(1, 'the port is 1–65535').max(65535, 'the port is 1–65535'),
  database: text('the database'),
  user: text('the user'),
  sslMode: z.enum(PG_SSL_MODES, { error: `sslMode must be one of ${PG_SSL_MODES.join(', ')}` }),
  caFile: text('caFile').optional(),
  // Interpolated into SQL by the feedback puller, so only plain (schema.)identifiers.
  table: text('the table').refine(
    (t) => /^[A-Za-z_][A-Za-z0-9_$]*(\.[A-Za-z_][A-Za-z0-9_$]*)?$/u.test(t),
    'the table must be a name like user_response or public.user_response',
  ),
});

const uniqueNames = <T extends { name: string }>(item: z.ZodType<T>) =>
  z.array(item, { error: 'must be a list' }).superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((entry, i) => {
      const folded = entry.name.toLowerCase();
      if (seen.has(folded)) ctx.addIssue({ code: 'custom', path: [i, 'name'], message: `the name '${entry.name}' is used twice` });
      seen.add(folded);
    });
  });

export const SETTINGS_SCHEMAS: { [K in keyof Settings]: z.ZodType<Settings[K]> } = {
  defaultCutoff: cutoff.nullable(),
  linkTemplates: uniqueNames(linkTemplate),
  s3Profiles: uniqueNames(s3Profile),
  pgProfiles: uniqueNames(pgProfile),
  context: z.strictObject({
    feedback: snapshotId.optional(),
    buildA: snapshotId.optional(),
    buildB: snapshotId.optional(),
    cutoff: cutoff.optional(),
    context: snapshotId.nullable().optional(),
  }),
};

export const SETTINGS_KEYS = Object.keys(SETTINGS_SCHEMAS) as (keyof Settings)[];

/** A URL starting http:// or https://. */
export function isHttpUrl(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

/** Why a link template is not usable, or null: unknown placeholders, or not an http(s) URL. */
export function linkTemplateProblem(url: string): string | null {
  const unknown = [...url.matchAll(/\{([^{}]*)\}/gu)].map((m) => m[1]).filter((name) => !(LINK_PLACEHOLDERS as readonly string[]).includes(name));
  if (unknown.length > 0) {
    return `unknown placeholder {${unknown[0]}}; use ${LINK_PLACEHOLDERS.map((p) => `{${p}}`).join(', ')}`;
  }
  const sample = url.replace(/\{(domain|cidr|ip|org)\}/gu, 'x');
  return isHttpUrl(sample) ? null : 'must be an http:// or https:// URL';
}
