// A note's badge in the table: its status, whether it sits on the finding, the domain or the
// org, and a warning when the finding's numbers moved since the note was written.

import type { NoteBadge } from '../../shared/api';

export const NOTE_STATUS_LABELS: Record<string, string> = { open: 'open', explained: 'explained', fixed: 'fixed', 'wont-fix': "won't fix" };
const SCOPE_MARK: Record<NoteBadge['scope'], string> = { finding: '', domain: 'domain: ', org: 'org: ' };

export function NoteBadgeView({ badge }: { badge: NoteBadge }) {
  const title = `Note on the ${badge.scope}: ${NOTE_STATUS_LABELS[badge.status]}${badge.tags.length ? ` — ${badge.tags.join(', ')}` : ''}${badge.changedSinceNoted ? ' — the numbers changed since it was written' : ''}`;
  return (
    <span className="note-badge" title={title}>
      <span className={`badge note-${badge.status}`}>
        {SCOPE_MARK[badge.scope]}
        {NOTE_STATUS_LABELS[badge.status]}
      </span>
      {badge.changedSinceNoted && (
        <span className="badge moved" aria-label="changed since noted">
          Δ
        </span>
      )}
    </span>
  );
}
