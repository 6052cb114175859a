// The local snapshots: kind, id, source, when pulled, rows, size, the demo badge; delete with a
// confirmation that says what goes (the local copy) and what stays (notes).

import { useState } from 'react';
import type { SnapshotInfo } from '../../shared/types';
import { api } from '../api';
import { errorText } from '../common/error-text';
import { formatBytes, formatCount, formatDateTime } from '../common/format';
import { ErrorBanner } from '../common/states';

const KIND_LABELS: Record<SnapshotInfo['kind'], string> = {
  'sender-model': 'sender model',
  reputation: 'reputation',
  feedback: 'feedback',
  context: 'sender context',
};

export function SnapshotList({ snapshots }: { snapshots: SnapshotInfo[] }) {
  const [confirming, setConfirming] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const remove = (id: string) => {
    setError(null);
    api.deleteSnapshot({ id }).then(
      () => setConfirming(null),
      (e: unknown) => setError(errorText(e)),
    );
  };
  const sorted = [...snapshots].sort((a, b) => a.kind.localeCompare(b.kind) || (a.createdAt < b.createdAt ? 1 : -1));
  return (
    <>
      {error && <ErrorBanner error={error} />}
      <table className="plain snapshot-table">
        <thead>
          <tr>
            <th>Kind</th>
            <th>Id</th>
            <th>Source</th>
            <th>Pulled at</th>
            <th className="num">Rows</th>
            <th className="num">Size</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {sorted.map((s) => [
            <tr key={s.id} data-snapshot={s.id}>
              <td>
                <span className={`kind kind-${s.kind}`}>{KIND_LABELS[s.kind]}</span>
              </td>
              <td>
                <strong className="mono">{s.id}</strong> {s.demo && <span className="badge demo">demo</span>}
                {(s.version || s.threshold !== undefined || s.context) && (
                  <div className="faint small-text">
                    {[
                      s.version && !s.id.includes(s.version) ? `version ${s.version}` : null,
                      s.threshold !== undefined ? `threshold ${s.threshold}` : null,
                      // A context covers the items of one feedback pull (DESIGN §8).
                      s.context ? `of ${s.context.feedback}${s.context.build ? `, neighbourhood of ${s.context.build}` : ''}` : null,
                    ]
                      .filter(Boolean)
                      .join(' · ')}
                  </div>
                )}
              </td>
              <td className="source" title={s.source}>
                {s.source}
              </td>
              <td className="num">{formatDateTime(s.createdAt)}</td>
              <td className="num">{formatCount(s.rows)}</td>
              <td className="num">{formatBytes(s.bytes)}</td>
              <td className="actions">
                <button type="button" className="small danger" onClick={() => setConfirming(s.id)} aria-label={`Delete ${s.id}`} disabled={confirming === s.id}>
                  Delete
                </button>
              </td>
            </tr>,
            confirming === s.id && (
              <tr key={`${s.id}-confirm`} className="confirm-row">
                <td colSpan={7}>
                  <span className="confirm" role="alertdialog" aria-label={`Delete ${s.id}?`}>
                    <span>Delete the local copy of {s.id}? Notes stay; you can pull or import it again.</span>
                    <button type="button" className="small danger solid" onClick={() => remove(s.id)}>
                      Delete
                    </button>
                    <button type="button" className="small" onClick={() => setConfirming(null)} autoFocus>
                      Cancel
                    </button>
                  </span>
                </td>
              </tr>
            ),
          ])}
        </tbody>
      </table>
    </>
  );
}
