// A pull that would land on a snapshot id already taken is asked about before it starts, as the
// core would refuse it (ids compare case-insensitively, DESIGN §6).

import type { SnapshotInfo } from '../../shared/types';
import { formatDateTime } from '../common/format';

/** What to say when `id` is taken and the pull may not replace it; null when it may go ahead. */
export function takenIdProblem(snapshots: readonly SnapshotInfo[] | null | undefined, id: string, replace: boolean): string | null {
  if (!id || replace) return null;
  const existing = snapshots?.find((s) => s.id.toLowerCase() === id.toLowerCase());
  return existing
    ? `There is already a snapshot '${existing.id}' (a ${existing.kind}, ${formatDateTime(existing.createdAt)}): tick Replace to overwrite it, or give another Id.`
    : null;
}
