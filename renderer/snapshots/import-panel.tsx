// Import files: a picker, or drop files anywhere on the Snapshots view. Each file waits in a
// list with its kind (guessed from the name) and id until Import; bad ids are refused here,
// with the rule, before anything is sent.

import { useRef, useState } from 'react';
import { api } from '../api';
import { errorText } from '../common/error-text';
import { formatBytes } from '../common/format';
import { ID_PATTERN, ID_RULE_SHORT } from '../../shared/snapshot-id';
import { defaultId, guessKind, importSource, type SnapshotKindChoice } from './file-source';

export interface PendingFile {
  file: File;
  kind: SnapshotKindChoice | '';
  id: string;
  replace: boolean;
  error?: string;
}

export function pendingFrom(files: Iterable<File>): PendingFile[] {
  return [...files].map((file) => ({ file, kind: guessKind(file.name) ?? '', id: defaultId(file.name), replace: false }));
}

interface ImportPanelProps {
  pending: PendingFile[];
  setPending: (update: (list: PendingFile[]) => PendingFile[]) => void;
}

export function ImportPanel({ pending, setPending }: ImportPanelProps) {
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const update = (i: number, patch: Partial<PendingFile>) => setPending((list) => list.map((p, k) => (k === i ? { ...p, ...patch, error: undefined } : p)));

  const problemOf = (p: PendingFile): string | undefined => {
    if (!p.kind) return 'pick what the file is';
    if (!ID_PATTERN.test(p.id)) return ID_RULE_SHORT;
    return undefined;
  };

  const start = async () => {
    setBusy(true);
    const left: PendingFile[] = [];
    for (const p of pending) {
      const problem = problemOf(p);
      if (problem) {
        left.push({ ...p, error: problem });
        continue;
      }
      try {
        const source = await importSource(p.file);
        await api.startImport({ kind: p.kind as SnapshotKindChoice, id: p.id, replace: p.replace, ...source });
      } catch (e) {
        left.push({ ...p, error: errorText(e) });
      }
    }
    setPending(() => left);
    setBusy(false);
  };

  return (
    <section className="panel import-panel" aria-label="Import files">
      <div className="row">
        <h2>Import files</h2>
        <span className="muted small-text">Avro sender-model builds, reputation JSON, feedback JSON Lines — or drop them here.</span>
      </div>
      <div className="row">
        <button type="button" onClick={() => input.current?.click()}>
          Choose files…
        </button>
        <input
          ref={input}
          type="file"
          multiple
          hidden
          accept=".avro,.json,.jsonl,.ndjson"
          aria-label="Files to import"
          data-testid="import-files"
          onChange={(e) => {
            const files = e.target.files ? [...e.target.files] : [];
            e.target.value = '';
            setPending((list) => [...list, ...pendingFrom(files)]);
          }}
        />
        {pending.length > 0 && (
          <button type="button" className="primary" onClick={() => void start()} disabled={busy}>
            Import {pending.length} file{pending.length === 1 ? '' : 's'}
          </button>
        )}
      </div>
      {pending.length > 0 && (
        // One card per file, its fields wrapping inside the panel: a table of five columns does
        // not fit a third of a 1440 px window.
        <ul className="pending" aria-label="Files to import">
          {pending.map((p, i) => (
            <li key={`${p.file.name}-${i}`} className="pending-file">
              <div className="pending-name">
                <strong className="mono" title={p.file.name}>
                  {p.file.name}
                </strong>{' '}
                <span className="faint">{formatBytes(p.file.size)}</span>
                <button
                  type="button"
                  className="link small"
                  onClick={() => setPending((list) => list.filter((_, k) => k !== i))}
                  aria-label={`Remove ${p.file.name} from the list`}
                >
                  remove
                </button>
              </div>
              <div className="pending-fields">
                <label className="field">
                  Kind
                  <select
                    value={p.kind}
                    onChange={(e) => update(i, { kind: e.target.value as SnapshotKindChoice })}
                    aria-label={`Kind of ${p.file.name}`}
                    aria-invalid={!p.kind}
                  >
                    <option value="">— what is it? —</option>
                    <option value="sender-model">sender-model build (.avro)</option>
                    <option value="reputation">reputation build (.json)</option>
                    <option value="feedback">feedback (.jsonl)</option>
                  </select>
                </label>
                <label className="field">
                  Id
                  <input
                    type="text"
                    value={p.id}
                    onChange={(e) => update(i, { id: e.target.value })}
                    aria-label={`Id for ${p.file.name}`}
                    aria-invalid={!ID_PATTERN.test(p.id)}
                  />
                </label>
                <label className="check">
                  <input
                    type="checkbox"
                    checked={p.replace}
                    onChange={(e) => update(i, { replace: e.target.checked })}
                    aria-label={`Replace a snapshot with the same id as ${p.file.name}`}
                  />
                  replace one with this id
                </label>
              </div>
              {p.error && (
                <div className="field-error" role="alert">
                  {p.error}
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
