// A note's badge in the table: its status when the note is the finding's own, and a warning when
// the finding's numbers moved since it was written. A note inherited from the org or the domain
// is quieter — an outline saying where it comes from — so one org note does not drown out the
// findings' own notes on every row of that org.

import type { NoteBadge } from '../../shared/api';

export const NOTE_STATUS_LABELS: Record<string, string> = { open: 'open', explained: 'explained', fixed: 'fixed', 'wont-fix': "won't fix" };

export function NoteBadgeView({ badge }: { badge: NoteBadge }) {
  const title = `Note on the ${badge.scope}: ${NOTE_STATUS_LABELS[badge.status]}${badge.tags.length ? ` — ${badge.tags.join(', ')}` : ''}${badge.changedSinceNoted ? ' — the numbers changed since it was written' : ''}`;
  if (badge.scope !== 'finding') {
    return (
      <span className="note-badge" title={title}>
        <span className="badge note-inherited" data-scope={badge.scope}>
          {badge.scope} note
        </span>
      </span>
    );
  }
  return (
    <span className="note-badge" title={title}>
      <span className={`badge note-${badge.status}`}>{NOTE_STATUS_LABELS[badge.status]}</span>
      {badge.changedSinceNoted && (
        <span className="badge moved" aria-label="changed since noted">
          Δ
        </span>
      )}
    </span>
  );
}
