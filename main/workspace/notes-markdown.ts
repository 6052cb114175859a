// The notes as a Markdown report, shaped like the notebook's "Things to improve": a section
// per org, the org's own notes first, then one bullet per domain or finding with its text
// indented below.

import type Database from 'better-sqlite3';
import type { Note, NoteStatus, Org } from '../../shared/types';
import { listNotes } from './notes';

export interface NotesMarkdownOptions {
  /** The top heading; default "Things to improve". */
  title?: string;
  /** Only notes with these statuses (e.g. leave out 'fixed' and 'wont-fix'); default all. */
  statuses?: NoteStatus[];
  /** Only these orgs; default all. */
  orgs?: Org[];
}

export function exportNotesMarkdown(db: Database.Database, options: NotesMarkdownOptions = {}): string {
  return notesToMarkdown(listNotes(db), options);
}

/** Pure: notes in, Markdown out (notes in `listNotes` order, so org notes come first). */
export function notesToMarkdown(notes: Note[], options: NotesMarkdownOptions = {}): string {
  const { title = 'Things to improve', statuses, orgs } = options;
  const selected = notes.filter((n) => (!statuses || statuses.includes(n.status)) && (!orgs || orgs.some((o) => String(o) === String(n.org))));
  const lines = [`# ${title}`, ''];
  if (selected.length === 0) lines.push('No notes.', '');
  let currentOrg: string | null = null;
  for (const note of selected) {
    const org = String(note.org);
    if (org !== currentOrg) {
      if (currentOrg !== null) lines.push('');
      lines.push(`## Org ${org}`, '');
      currentOrg = org;
    }
    lines.push(`- ${[subject(note), note.status, ...(note.tags.length ? [note.tags.join(', ')] : [])].join(' — ')}`);
    // Four spaces keep every line, blank lines included, inside the bullet's item.
    for (const line of note.text.replace(/\s+$/u, '').split(/\r?\n/u)) {
      if (note.text.trim() === '') break;
      lines.push(line.trim() === '' ? '' : `    ${line}`);
    }
  }
  if (selected.length > 0) lines.push('');
  return lines.join('\n');
}

function subject(note: Note): string {
  if (!note.domain) return 'Org note';
  return note.cidr ? `(${note.domain}, [${note.cidr}])` : `(${note.domain})`;
}
