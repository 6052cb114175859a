// The Notes view: every note grouped by org — org notes first, then domains and findings —
// filterable by status, tag and text; export as Markdown (a report like the notebook's
// "Things to improve") or JSON; import a colleague's JSON, merged without losing local edits.

import { useMemo, useRef, useState } from 'react';
import type { NoteChange, Settings } from '../../shared/api';
import type { Note, SnapshotInfo } from '../../shared/types';
import { useWorkspaceData } from '../app/workspace-data';
import { defaultContext } from '../findings/default-context';
import { api } from '../api';
import { formatRoute, type Route } from '../app/route';
import { lastRoute } from '../app/remember';
import { downloadText } from '../common/download';
import { errorText } from '../common/error-text';
import { formatDateTime, formatScore, STATUS_LABELS } from '../common/format';
import { EmptyState, ErrorBanner, LoadingBar } from '../common/states';
import { useApi } from '../common/use-api';
import { NoteBadgeView } from './note-badge';
import { NoteEditor } from './note-editor';
import { NOTE_STATUSES } from './note-tags';
import './notes.css';

export function NotesView() {
  const [version, setVersion] = useState(0);
  const notes = useApi(`notes-${version}`, () => api.listNotes({}));
  // "Changed since noted", as the table marks it: against the builds the views show now.
  const { snapshots, settings } = useWorkspaceData();
  const builds = useMemo(() => (snapshots ? viewBuilds(snapshots, settings) : null), [snapshots, settings]);
  const changes = useApi(builds ? JSON.stringify([builds, version]) : null, () => api.noteChanges(builds!));
  const changeOf = useMemo(() => {
    const byKey = new Map<string, NoteChange>();
    for (const c of changes.data?.changes ?? []) byKey.set(JSON.stringify([String(c.key.org), c.key.domain ?? '', c.key.cidr ?? '']), c);
    return (n: Note) => byKey.get(JSON.stringify([String(n.org), n.domain ?? '', n.cidr ?? '']));
  }, [changes.data]);
  const [status, setStatus] = useState<string>('');
  const [text, setText] = useState('');
  const [editing, setEditing] = useState<string | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  const list = notes.data?.notes;
  const shown = useMemo(() => {
    const words = text.toLowerCase().split(/\s+/u).filter(Boolean);
    return (list ?? []).filter(
      (n) =>
        (!status || n.status === status) &&
        words.every((w) => [String(n.org), n.domain ?? '', n.cidr ?? '', n.text, ...n.tags].join(' ').toLowerCase().includes(w)),
    );
  }, [list, status, text]);
  const groups = useMemo(() => {
    const byOrg = new Map<string, Note[]>();
    for (const n of shown) {
      const key = String(n.org);
      byOrg.set(key, [...(byOrg.get(key) ?? []), n]);
    }
    return [...byOrg.entries()];
  }, [shown]);

  const exportNotes = (format: 'markdown' | 'json') => {
    setMessage(null);
    api.exportNotes({ format }).then(
      (file) => downloadText(file.text, file.fileName, file.mimeType),
      (e: unknown) => setMessage({ ok: false, text: errorText(e) }),
    );
  };

  const importNotes = async (file: File) => {
    setMessage(null);
    try {
      const result = await api.importNotes({ text: await file.text() });
      setMessage({
        ok: true,
        text: `Imported ${file.name}: ${result.added} new, ${result.merged} merged with yours, ${result.unchanged} unchanged. Your own edits were kept.`,
      });
      setVersion((v) => v + 1);
    } catch (e) {
      setMessage({ ok: false, text: `${file.name} was not imported: ${errorText(e)}` });
    }
  };

  return (
    <div className="page notes-page">
      <LoadingBar active={notes.loading} />
      <div className="row notes-toolbar">
        <h1>Notes</h1>
        <span className="muted">{list ? `${list.length} note${list.length === 1 ? '' : 's'}` : ''}</span>
        <span className="spacer" />
        <input
          type="search"
          placeholder="Filter notes"
          value={text}
          onChange={(e) => setText(e.target.value)}
          aria-label="Filter notes by text, tag, org or domain"
        />
        <select value={status} onChange={(e) => setStatus(e.target.value)} aria-label="Filter notes by status">
          <option value="">every status</option>
          {NOTE_STATUSES.map((s) => (
            <option key={s.value} value={s.value}>
              {s.label}
            </option>
          ))}
        </select>
        <button type="button" onClick={() => exportNotes('markdown')} disabled={!list?.length}>
          Export Markdown
        </button>
        <button type="button" onClick={() => exportNotes('json')} disabled={!list?.length}>
          Export JSON
        </button>
        <button type="button" onClick={() => fileInput.current?.click()}>
          Import JSON…
        </button>
        <input
          ref={fileInput}
          type="file"
          accept=".json,application/json"
          hidden
          aria-label="Notes JSON file to import"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void importNotes(file);
          }}
        />
      </div>
      {message &&
        (message.ok ? (
          <p className="notice" role="status">
            {message.text}
          </p>
        ) : (
          <ErrorBanner error={message.text} hint="A notes file is the JSON that Export JSON writes (format smw-notes)." />
        ))}
      {notes.error && <ErrorBanner error={notes.error} onRetry={notes.reload} />}
      {list && list.length === 0 && (
        <EmptyState title="No notes yet">
          Open a finding in Authenticity or Reputation and write in its note box (press n in the table); notes are saved as you type and kept across builds.
        </EmptyState>
      )}
      {list && list.length > 0 && shown.length === 0 && <EmptyState title="No note matches the filter" />}
      {groups.map(([org, group]) => (
        <section key={org} className="note-group" aria-label={`Org ${org}`}>
          <h2>
            Org {org}{' '}
            <span className="muted">
              — {group.length} note{group.length === 1 ? '' : 's'}
            </span>
          </h2>
          <ul className="note-list">
            {group.map((n) => {
              const id = JSON.stringify([n.org, n.domain ?? '', n.cidr ?? '']);
              const change = changeOf(n);
              return (
                <li key={id} className="note-item">
                  <div className="note-item-head">
                    <span className="note-subject">
                      {n.scope === 'org' ? <strong>Org {String(n.org)} (whole org)</strong> : <strong className="domain">{n.domain}</strong>}
                      {n.cidr && <span className="mono"> {n.cidr}</span>}
                      <span className="faint"> · {n.scope}</span>
                    </span>
                    <NoteBadgeView badge={{ scope: 'finding', status: n.status, tags: [], changedSinceNoted: !!change }} />
                    {change && <ChangedSinceNoted change={change} />}
                    {n.tags.map((t) => (
                      <span key={t} className="tag">
                        {t}
                      </span>
                    ))}
                    <span className="spacer" />
                    <span className="note-item-actions">
                      {n.noted && (
                        <span className="faint small-text" title="The figures when the note was written">
                          noted on {n.noted.build}:{' '}
                          {n.noted.mean !== undefined
                            ? `mean ${n.noted.mean?.toFixed(3) ?? '—'}`
                            : n.noted.score !== undefined
                              ? `score ${n.noted.score?.toFixed(3) ?? '—'}`
                              : n.noted.status}
                        </span>
                      )}
                      <span className="faint small-text">{formatDateTime(n.updatedAt)}</span>
                      {n.domain && (
                        <a className="small-text" href={findingHref(n)}>
                          open
                        </a>
                      )}
                      <button type="button" className="small" onClick={() => setEditing(editing === id ? null : id)} aria-expanded={editing === id}>
                        {editing === id ? 'Done' : 'Edit'}
                      </button>
                    </span>
                  </div>
                  {editing === id ? (
                    <NoteEditor
                      noteKey={{ org: n.org, domain: n.domain, cidr: n.cidr }}
                      subject={n.domain ? `${n.domain}${n.cidr ? ` ${n.cidr}` : ''}` : `org ${n.org}`}
                      note={n}
                      onSaved={() => setVersion((v) => v + 1)}
                      compact
                      tagKind={n.cidr ? 'authenticity' : n.noted?.score !== undefined ? 'reputation' : 'any'}
                    />
                  ) : (
                    n.text && <p className="note-text-view">{n.text}</p>
                  )}
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </div>
  );
}

/** The builds the analysis views show now (remembered, else the newest): what "now" means. */
function viewBuilds(snapshots: SnapshotInfo[], settings: Settings | null): { feedback?: string; senderModel?: string; reputation?: string } {
  const auth = defaultContext('authenticity', lastRoute('authenticity') ?? { view: 'authenticity' }, snapshots, settings);
  const rep = defaultContext('reputation', lastRoute('reputation') ?? { view: 'reputation' }, snapshots, settings);
  const a = { ...(lastRoute('authenticity') ?? {}), ...(auth ?? {}) };
  const r = { ...(lastRoute('reputation') ?? {}), ...(rep ?? {}) };
  return { ...(a.feedback ? { feedback: a.feedback } : {}), ...(a.a ? { senderModel: a.a } : {}), ...(r.a ? { reputation: r.a } : {}) };
}

const FIELD_TEXT: Record<NoteChange['fields'][number], (c: NoteChange) => string> = {
  status: (c) => `status ${STATUS_LABELS[c.noted.status] ?? c.noted.status} → ${STATUS_LABELS[c.now.status] ?? c.now.status}`,
  count: (c) => `count ${c.noted.count} → ${c.now.count}`,
  mean: (c) => `mean ${formatScore(c.noted.mean)} → ${formatScore(c.now.mean)}`,
  score: (c) => `score ${formatScore(c.noted.score)} → ${formatScore(c.now.score)}`,
};

/** What moved since the note was written, and in which build. */
function ChangedSinceNoted({ change }: { change: NoteChange }) {
  return (
    <span className="changed-since" data-testid="changed-since-noted">
      changed since noted{change.noted.build !== change.build ? ` on ${change.noted.build}` : ''}, in {change.build}:{' '}
      {change.fields.map((f) => FIELD_TEXT[f](change)).join(' · ')}
    </span>
  );
}

/** A finding note opens its finding; a domain note lists the domain in its org. */
function findingHref(n: Note): string {
  const view = n.cidr || !lastRoute('reputation') ? 'authenticity' : n.scope === 'finding' ? 'reputation' : 'authenticity';
  const base: Route = { ...(lastRoute(view) ?? { view }), view };
  const route: Route = { ...base, org: n.org, q: undefined, status: undefined, tr: undefined, bin: undefined, findings: undefined };
  if (n.cidr || n.scope === 'finding') route.sel = { org: n.org, domain: n.domain!, ...(n.cidr ? { cidr: n.cidr } : {}) };
  else route.q = n.domain;
  return formatRoute(route);
}
