// Sharing notes between colleagues as JSON. Import MERGES and never loses local text: a
// colleague's different text is appended below the local one, tags are unioned, and for
// identical text the later edit's status wins. Re-importing the same file changes nothing.

import type Database from 'better-sqlite3';
import type { Note, NoteKey } from '../../shared/types';
import {
  checkNoted,
  checkScope,
  checkStatus,
  cleanTags,
  defaultScope,
  listNotes,
  normaliseNoteKey,
  readRow,
  storedKey,
  toNote,
  writeRow,
  type NoteRow,
} from './notes';

export const NOTES_FORMAT = 'smw-notes';
export const NOTES_FORMAT_VERSION = 1;

export interface NotesFile {
  format: typeof NOTES_FORMAT;
  version: typeof NOTES_FORMAT_VERSION;
  exportedAt: string;
  notes: Note[];
}

export interface NotesImportResult {
  added: number;
  merged: number;
  unchanged: number;
}

export function exportNotesJson(db: Database.Database, now: Date = new Date()): string {
  const file: NotesFile = {
    format: NOTES_FORMAT,
    version: NOTES_FORMAT_VERSION,
    exportedAt: now.toISOString(),
    notes: listNotes(db),
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** Merges a colleague's export into the local notes, all or nothing. */
export function importNotesJson(db: Database.Database, json: string, now: Date = new Date()): NotesImportResult {
  // Everything is checked before anything is written, so a bad file changes nothing.
  const incoming = parseNotesFile(json);
  // IMMEDIATE, as every read-then-write of workspace.db (see upsertNote).
  return db
    .transaction(() => {
      const result: NotesImportResult = { added: 0, merged: 0, unchanged: 0 };
      for (const note of incoming) {
        const local = readRow(db, storedKey(note));
        if (!local) {
          writeRow(db, toRow(note));
          result.added++;
          continue;
        }
        const merged = mergeNote(local, note, now);
        if (sameRow(local, merged)) {
          result.unchanged++;
        } else {
          writeRow(db, merged);
          result.merged++;
        }
      }
      return result;
    })
    .immediate();
}

/** The imported block as appended below local text; also how a re-import recognises it. */
export function importedBlock(note: Pick<Note, 'text' | 'updatedAt'>): string {
  return `--- imported ${note.updatedAt} ---\n${note.text}`;
}

function mergeNote(local: NoteRow, theirs: Note, now: Date): NoteRow {
  const tags = JSON.stringify(cleanTags([...(JSON.parse(local.tags) as string[]), ...theirs.tags]));
  const theirNoted = theirs.noted ? JSON.stringify(theirs.noted) : null;
  if (local.text === theirs.text) {
    // Same words: only the bookkeeping differs, and the later edit knows best.
    const theirsIsLater = Date.parse(theirs.updatedAt) > Date.parse(local.updated_at);
    return {
      ...local,
      tags,
      status: theirsIsLater ? theirs.status : local.status,
      noted: theirsIsLater ? (theirNoted ?? local.noted) : (local.noted ?? theirNoted),
      updated_at: theirsIsLater ? theirs.updatedAt : local.updated_at,
    };
  }
  if (local.text.includes(importedBlock(theirs))) {
    // Their text was appended by an earlier import of this same note: only new tags count.
    return { ...local, tags };
  }
  // Different words: keep ours as they are and add theirs below, marked, for a person to tidy.
  // The merged note is newer than both sides, whatever the two machines' clocks say.
  const text = local.text === '' ? importedBlock(theirs) : `${local.text}\n\n${importedBlock(theirs)}`;
  const updated = Math.max(now.getTime(), Date.parse(theirs.updatedAt), Date.parse(local.updated_at));
  return { ...local, text, tags, noted: local.noted ?? theirNoted, updated_at: new Date(updated).toISOString() };
}

function sameRow(a: NoteRow, b: NoteRow): boolean {
  return (
    a.text === b.text &&
    a.status === b.status &&
    a.tags === b.tags &&
    a.noted === b.noted &&
    a.scope === b.scope &&
    a.created_at === b.created_at &&
    a.updated_at === b.updated_at
  );
}

function toRow(note: Note): NoteRow {
  return {
    ...storedKey(note),
    scope: note.scope,
    text: note.text,
    status: note.status,
    tags: JSON.stringify(note.tags),
    noted: note.noted ? JSON.stringify(note.noted) : null,
    created_at: note.createdAt,
    updated_at: note.updatedAt,
  };
}

/** Parses and checks a notes export; throws one clear error naming the first bad field. */
export function parseNotesFile(json: string): Note[] {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (err) {
    throw new Error(`the notes file is not valid JSON (${(err as Error).message}); nothing was imported`);
  }
  const file = data as Partial<NotesFile> | null;
  if (file === null || typeof file !== 'object' || file.format !== NOTES_FORMAT) {
    throw new Error(`this is not a notes export (expected "format": "${NOTES_FORMAT}"); nothing was imported`);
  }
  if (typeof file.version !== 'number' || file.version > NOTES_FORMAT_VERSION || file.version < 1) {
    throw new Error(
      `notes export version ${String(file.version)} is not one this app reads (it reads version ${NOTES_FORMAT_VERSION}); ` +
        'update the app; nothing was imported',
    );
  }
  if (!Array.isArray(file.notes)) throw new Error('the notes export has no "notes" list; nothing was imported');
  return file.notes.map((raw, i) => {
    try {
      return checkImportedNote(raw);
    } catch (err) {
      throw new Error(`notes[${i}] in the notes file: ${(err as Error).message}; nothing was imported`);
    }
  });
}

function checkImportedNote(raw: unknown): Note {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new Error('is not an object');
  const n = raw as Record<string, unknown>;
  const key = normaliseNoteKey(n as unknown as NoteKey);
  if (typeof n.text !== 'string') throw new Error('text must be text');
  const note: Note = {
    ...key,
    scope: checkScope(key, (n.scope ?? defaultScope(key)) as Note['scope']),
    text: n.text,
    status: checkStatus(n.status ?? 'open'),
    tags: cleanTags(n.tags ?? []),
    createdAt: isoDate(n.createdAt, 'createdAt'),
    updatedAt: isoDate(n.updatedAt, 'updatedAt'),
  };
  const noted = checkNoted(n.noted);
  if (noted) note.noted = noted;
  return toNote(toRow(note)); // the same field order as notes read from the database
}

function isoDate(value: unknown, field: string): string {
  const ms = typeof value === 'string' ? Date.parse(value) : NaN;
  if (Number.isNaN(ms)) throw new Error(`${field} must be an ISO 8601 date, got ${JSON.stringify(value)}`);
  return new Date(ms).toISOString();
}
