// Notes keyed by identity (DESIGN §4): an org; an (org, domain); an (org, domain, CIDR). They
// reference no snapshot, so they survive deleting and replacing builds and follow a finding
// into every later build.

import type Database from 'better-sqlite3';
import type { Note, NoteKey, NoteScope, NoteStatus, NotedFigures, Org } from '../../shared/types';
import { compareCidrTexts } from '../../shared/cidr';
import { compareOrgs, compareText } from '../../shared/org';
import { formatCidr, parseCidr } from '../../shared/cidr';
import { normaliseDomain } from '../../shared/domain';
import { normaliseOrg as normaliseSharedOrg } from '../../shared/org';

export const NOTE_STATUSES: readonly NoteStatus[] = ['open', 'explained', 'fixed', 'wont-fix'];
export const NOTE_SCOPES: readonly NoteScope[] = ['org', 'domain', 'finding'];

export interface NoteInput {
  text?: string;
  status?: NoteStatus;
  tags?: string[];
  /** The finding's numbers as the analyst saw them; null clears them. */
  noted?: NotedFigures | null;
  /**
   * 'finding' for an (org, domain) key marks a reputation finding's note rather than a note on
   * the domain; otherwise the scope follows from the key.
   */
  scope?: NoteScope;
}

/** A key in its stored form: org as JSON text, '' for an absent domain or CIDR. */
export interface StoredKey {
  org: string;
  domain: string;
  cidr: string;
}

interface NoteRow extends StoredKey {
  scope: NoteScope;
  text: string;
  status: NoteStatus;
  tags: string;
  noted: string | null;
  created_at: string;
  updated_at: string;
}

/**
 * The key in the form findings use: an integer org (also given as digit text) is a number,
 * domains are trimmed, lower-cased and lose a trailing dot, CIDRs are trimmed and lower-cased.
 */
/**
 * The same normal forms as the analysis (DESIGN §4), so a note follows its finding: org ids as
 * numbers when integers, domains lower-cased and IDNA-encoded, CIDRs with host bits zeroed.
 */
export function normaliseNoteKey(key: NoteKey): NoteKey {
  if (key === null || typeof key !== 'object') throw new Error('a note key needs an org');
  const org = normaliseOrg(key.org);
  const rawDomain = (key.domain ?? '').trim();
  const rawCidr = (key.cidr ?? '').trim();
  const domain = rawDomain === '' ? '' : normaliseDomain(rawDomain);
  if (domain === null) throw new Error(`note domain '${rawDomain}' is not a domain`);
  let cidr = '';
  if (rawCidr !== '') {
    const parsed = parseCidr(rawCidr);
    if (!parsed.ok) throw new Error(`note CIDR '${rawCidr}': ${parsed.reason}`);
    cidr = formatCidr(parsed.cidr);
  }
  if (cidr !== '' && domain === '') throw new Error(`a note on CIDR ${cidr} needs its domain too`);
  const out: NoteKey = { org };
  if (domain !== '') out.domain = domain;
  if (cidr !== '') out.cidr = cidr;
  return out;
}

export function normaliseOrg(org: unknown): Org {
  if (typeof org !== 'number' && typeof org !== 'string') throw new Error(`org id must be a number or text, got ${org === null ? 'null' : typeof org}`);
  const normal = normaliseSharedOrg(org);
  if (normal === null) throw new Error(`org id '${String(org)}' is empty or not a number`);
  return normal;
}

export function storedKey(key: NoteKey): StoredKey {
  const k = normaliseNoteKey(key);
  return { org: JSON.stringify(k.org), domain: k.domain ?? '', cidr: k.cidr ?? '' };
}

export function defaultScope(key: NoteKey): NoteScope {
  return key.cidr ? 'finding' : key.domain ? 'domain' : 'org';
}

export function checkScope(key: NoteKey, scope: NoteScope): NoteScope {
  if (!NOTE_SCOPES.includes(scope)) throw new Error(`note scope must be one of ${NOTE_SCOPES.join(', ')}, got '${String(scope)}'`);
  if (scope === 'org' && key.domain) throw new Error(`an org note has no domain (got ${key.domain})`);
  if (scope === 'domain' && (!key.domain || key.cidr)) throw new Error('a domain note needs a domain and no CIDR');
  if (scope === 'finding' && !key.domain) throw new Error('a finding note needs a domain');
  return scope;
}

export function checkStatus(status: unknown): NoteStatus {
  if (!NOTE_STATUSES.includes(status as NoteStatus)) {
    throw new Error(`note status must be one of ${NOTE_STATUSES.join(', ')}, got '${String(status)}'`);
  }
  return status as NoteStatus;
}

/** Trimmed, non-empty, each once, in the order given. */
export function cleanTags(tags: unknown): string[] {
  if (!Array.isArray(tags)) throw new Error('note tags must be a list of words');
  const out: string[] = [];
  for (const tag of tags) {
    if (typeof tag !== 'string') throw new Error(`note tags must be text, got ${JSON.stringify(tag)}`);
    const t = tag.trim();
    if (t !== '' && !out.includes(t)) out.push(t);
  }
  return out;
}

export function checkNoted(noted: unknown): NotedFigures | null {
  if (noted === null || noted === undefined) return null;
  const n = noted as NotedFigures;
  if (typeof n !== 'object' || Array.isArray(n) || typeof n.build !== 'string' || typeof n.status !== 'string') {
    throw new Error("a note's noted figures need at least the build id and the item status");
  }
  return n;
}

/**
 * Creates or updates the note of `key`; fields not given keep their value. createdAt is kept.
 * IMMEDIATE: the read and the write are one step. A deferred transaction would read first and
 * ask for the write lock later, and if another process (an import, a second app) committed in
 * between, SQLite must refuse it at once (SQLITE_BUSY_SNAPSHOT): busy_timeout cannot wait that
 * out. Taking the lock up front makes a concurrent writer a wait, never a refusal.
 */
export function upsertNote(db: Database.Database, key: NoteKey, input: NoteInput, now: Date = new Date()): Note {
  const k = normaliseNoteKey(key);
  const sk = storedKey(k);
  return db
    .transaction(() => {
      const existing = readRow(db, sk);
      const text = input.text ?? existing?.text ?? '';
      if (typeof text !== 'string') throw new Error('note text must be text');
      const row: NoteRow = {
        ...sk,
        scope: checkScope(k, input.scope ?? existing?.scope ?? defaultScope(k)),
        text,
        status: checkStatus(input.status ?? existing?.status ?? 'open'),
        tags: JSON.stringify(input.tags !== undefined ? cleanTags(input.tags) : existing ? JSON.parse(existing.tags) : []),
        noted: input.noted !== undefined ? jsonOrNull(checkNoted(input.noted)) : (existing?.noted ?? null),
        created_at: existing?.created_at ?? now.toISOString(),
        updated_at: now.toISOString(),
      };
      writeRow(db, row);
      return toNote(row);
    })
    .immediate();
}

export function getNote(db: Database.Database, key: NoteKey): Note | undefined {
  const row = readRow(db, storedKey(key));
  return row ? toNote(row) : undefined;
}

/** Every note, grouped-friendly: by org, then domain, then CIDR (org notes first in their org). */
export function listNotes(db: Database.Database): Note[] {
  const rows = db.prepare('SELECT * FROM notes').all() as NoteRow[];
  return rows.map(toNote).sort(compareNotes);
}

export function deleteNote(db: Database.Database, key: NoteKey): boolean {
  const sk = storedKey(key);
  return db.prepare('DELETE FROM notes WHERE org = @org AND domain = @domain AND cidr = @cidr').run(sk).changes > 0;
}

export function compareNotes(a: NoteKey, b: NoteKey): number {
  return compareOrgs(a.org, b.org) || compareText(a.domain ?? '', b.domain ?? '') || compareCidrOrAbsent(a.cidr, b.cidr);
}

function compareCidrOrAbsent(a: string | undefined, b: string | undefined): number {
  if (!a || !b) return a ? 1 : b ? -1 : 0;
  return compareCidrTexts(a, b);
}

/** Raw row access for the import merge, which works on stored keys. */
export function readRow(db: Database.Database, key: StoredKey): NoteRow | undefined {
  return db.prepare('SELECT * FROM notes WHERE org = @org AND domain = @domain AND cidr = @cidr').get(key) as NoteRow | undefined;
}

export function writeRow(db: Database.Database, row: NoteRow): void {
  db.prepare(
    `INSERT INTO notes (org, domain, cidr, scope, text, status, tags, noted, created_at, updated_at)
     VALUES (@org, @domain, @cidr, @scope, @text, @status, @tags, @noted, @created_at, @updated_at)
     ON CONFLICT (org, domain, cidr) DO UPDATE SET
       scope = excluded.scope, text = excluded.text, status = excluded.status, tags = excluded.tags,
       noted = excluded.noted, created_at = excluded.created_at, updated_at = excluded.updated_at`,
  ).run(row);
}

export type { NoteRow };

export function toNote(row: NoteRow): Note {
  const note: Note = { org: JSON.parse(row.org) as Org } as Note;
  if (row.domain !== '') note.domain = row.domain;
  if (row.cidr !== '') note.cidr = row.cidr;
  note.scope = row.scope;
  note.text = row.text;
  note.status = row.status;
  note.tags = JSON.parse(row.tags) as string[];
  if (row.noted !== null) note.noted = JSON.parse(row.noted) as NotedFigures;
  note.createdAt = row.created_at;
  note.updatedAt = row.updated_at;
  return note;
}

function jsonOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : JSON.stringify(value);
}
