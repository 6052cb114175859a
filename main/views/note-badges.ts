// Note badges for table rows. Notes are keyed by identity (DESIGN §4), so a row finds its
// notes by (org), (org, domain) and (org, domain, cidr); the most specific one makes the badge.
// "Changed since noted": the figures written with the note differ from the figures now shown
// for the build the note was written on — or, when that build is not on screen, for build A,
// so a note carried into a later build says the numbers moved.

import type { NoteBadge, NoteChange, SideFigures } from '../../shared/api';
import type { Note, NotedFigures, Org } from '../../shared/types';
import { itemKey } from './item-table';

export interface NotesIndex {
  byKey: Map<string, Note>;
  /** Changes whenever a note does: part of cache keys that depend on notes. */
  stamp: string;
}

export function notesIndex(notes: readonly Note[]): NotesIndex {
  const byKey = new Map<string, Note>();
  let latest = '';
  for (const note of notes) {
    byKey.set(itemKey(note.org, note.domain ?? '', note.cidr), note);
    if (note.updatedAt > latest) latest = note.updatedAt;
  }
  return { byKey, stamp: `${notes.length}@${latest}` };
}

/** The row's notes, most specific first: finding, domain, org. */
export function notesFor(index: NotesIndex, org: Org, domain: string, cidr?: string): Note[] {
  const out: Note[] = [];
  if (cidr !== undefined) {
    const finding = index.byKey.get(itemKey(org, domain, cidr));
    if (finding) out.push(finding);
  }
  const onDomain = index.byKey.get(itemKey(org, domain));
  if (onDomain) out.push(onDomain);
  const onOrg = index.byKey.get(itemKey(org, ''));
  if (onOrg) out.push(onOrg);
  return out;
}

const differs = (noted: number | null | undefined, now: number | null | undefined): boolean => {
  if (noted === undefined) return false; // not recorded: nothing to compare
  if (noted === null || now === null || now === undefined) return noted !== (now ?? null);
  return Math.abs(noted - now) > 1e-9;
};

/** What moved between the figures written with a note and the figures now (DESIGN §4). */
export function changedFields(noted: NotedFigures, now: SideFigures): NoteChange['fields'] {
  const fields: NoteChange['fields'] = [];
  if (noted.status !== now.status) fields.push('status');
  if (noted.count !== undefined && now.count !== undefined && noted.count !== now.count) fields.push('count');
  if (differs(noted.mean, now.mean)) fields.push('mean');
  if (differs(noted.score, now.score)) fields.push('score');
  return fields;
}

export function changedSinceNoted(note: Note, figures: { buildA: string; a: SideFigures; buildB?: string; b?: SideFigures }): boolean {
  const noted = note.noted;
  if (!noted) return false;
  const now = noted.build === figures.buildB && figures.b ? figures.b : figures.a;
  return changedFields(noted, now).length > 0;
}

/**
 * The badge of a row. For reputation the (org, domain) note is the finding's note; for
 * authenticity it is the domain's. `itemLevel` says whether the first note is the item's own.
 */
export function badgeFor(
  notes: Note[],
  itemLevel: (note: Note) => boolean,
  figures: { buildA: string; a: SideFigures; buildB?: string; b?: SideFigures },
): NoteBadge | undefined {
  const note = notes[0];
  if (!note) return undefined;
  const own = itemLevel(note);
  return {
    scope: own ? 'finding' : note.domain ? 'domain' : 'org',
    status: note.status,
    tags: note.tags,
    changedSinceNoted: own && changedSinceNoted(note, figures),
  };
}

/** Sort rank of a row's badge: open first, then explained, fixed, won't fix; no note last. */
export const NOTE_RANK: Record<string, number> = { open: 0, explained: 1, fixed: 2, 'wont-fix': 3 };
