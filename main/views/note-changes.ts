// The Notes view's "changed since noted": each finding note against the figures its finding has
// now, in the build the analyst is looking at (build A of that kind, with the view's feedback
// pull). The comparison is note-badges.ts's, the same the table's badge makes.

import type { NoteChange } from '../../shared/api';
import type { Note } from '../../shared/types';
import { normaliseKey } from './detail';
import { findItem } from './item-table';
import { changedFields } from './note-badges';
import { sideFigures } from './row-figures';
import { resolve, type Resolved, type ViewsContext } from './view-context';

export function noteChanges(ctx: ViewsContext, builds: { feedback?: string; senderModel?: string; reputation?: string }): NoteChange[] {
  const resolved = new Map<string, Resolved | null>();
  const sideFor = (kind: 'sender-model' | 'reputation'): Resolved | null => {
    const build = kind === 'sender-model' ? builds.senderModel : builds.reputation;
    if (!build) return null;
    if (!resolved.has(kind)) {
      try {
        resolved.set(kind, resolve(ctx, { buildA: build, feedback: builds.feedback }, kind));
      } catch {
        resolved.set(kind, null); // a build or feedback pull that is gone: nothing to compare with
      }
    }
    return resolved.get(kind)!;
  };
  const out: NoteChange[] = [];
  for (const note of ctx.workspace.listNotes()) {
    if (!note.noted || note.domain === undefined) continue;
    const kind = kindOf(note);
    const r = sideFor(kind);
    if (!r) continue;
    let i: number;
    try {
      const key = normaliseKey({ org: note.org, domain: note.domain, cidr: note.cidr });
      i = findItem(r.a.table, key.org, key.domain, kind === 'sender-model' ? key.cidr : undefined);
    } catch {
      continue;
    }
    if (i < 0) continue;
    const now = sideFigures(r.a, i, r.cutoff);
    const fields = changedFields(note.noted, now);
    if (fields.length > 0)
      out.push({ key: { org: note.org, domain: note.domain, ...(note.cidr ? { cidr: note.cidr } : {}) }, build: r.a.id, noted: note.noted, now, fields });
  }
  return out;
}

/** A note with a CIDR is an authenticity finding's; one noted with a score a reputation finding's. */
function kindOf(note: Note): 'sender-model' | 'reputation' {
  return note.cidr !== undefined || note.noted?.score === undefined ? 'sender-model' : 'reputation';
}
