// Settings: the default cutoff, the link templates behind "links out", the saved S3 and
// PostgreSQL connections (never a password), and where the workspace lives. Every change is
// checked here first and again by the core, and refused with the reason.

import { useEffect, useState } from 'react';
import type { Settings } from '../../shared/api';
import { useWorkspaceData } from '../app/workspace-data';
import { errorText } from '../common/error-text';
import { ErrorBanner, LoadingBar } from '../common/states';
import './settings.css';

const PLACEHOLDERS = ['domain', 'cidr', 'ip', 'org'];

export function templateProblem(url: string): string | null {
  const unknown = [...url.matchAll(/\{([^{}]*)\}/gu)].map((m) => m[1]).find((n) => !PLACEHOLDERS.includes(n));
  if (unknown !== undefined) return `unknown placeholder {${unknown}}; use {domain}, {cidr}, {ip} or {org}`;
  try {
    const u = new URL(url.replace(/\{(domain|cidr|ip|org)\}/gu, 'x'));
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return 'must be an http:// or https:// URL';
  } catch {
    return 'must be an http:// or https:// URL';
  }
  return null;
}

export function cutoffProblem(text: string): string | null {
  if (text.trim() === '') return null;
  const v = Number(text.trim().replace(',', '.'));
  return Number.isFinite(v) && v >= 0 && v <= 1 ? null : 'the cutoff is a number from 0 to 1 (empty: use the build’s threshold)';
}

export function SettingsView() {
  const { settings, appInfo, saveSettings } = useWorkspaceData();
  if (!settings)
    return (
      <div className="page">
        <LoadingBar active />
      </div>
    );
  return (
    <div className="page page-narrow settings-page">
      <h1>Settings</h1>
      <DefaultCutoff settings={settings} save={saveSettings} />
      <LinkTemplates settings={settings} save={saveSettings} />
      <Profiles settings={settings} save={saveSettings} />
      <section className="panel settings-section" aria-labelledby="ws-title">
        <h2 id="ws-title">Workspace</h2>
        <dl className="facts">
          <dt>Folder</dt>
          <dd className="mono" data-testid="workspace-folder">
            {appInfo?.dataDir ?? '…'}
          </dd>
          <dt>Mode</dt>
          <dd>{appInfo ? (appInfo.mode === 'browser' ? 'browser mode (local server on 127.0.0.1)' : 'desktop app') : '…'}</dd>
          <dt>Passwords</dt>
          <dd>{appInfo?.keychain ? 'kept in the OS keychain' : 'asked for at each pull and kept in memory only'}</dd>
          <dt>Version</dt>
          <dd>{appInfo?.version ?? '…'}</dd>
        </dl>
        <p className="muted small-text">
          The folder holds workspace.db (snapshots, notes, settings) and one SQLite file per snapshot. Start the app with --data-dir DIR (or SMW_DATA_DIR) to
          use another one.
        </p>
      </section>
    </div>
  );
}

type Save = (patch: Partial<Settings>) => Promise<Settings>;

function useSaver(save: Save) {
  const [state, setState] = useState<{ error?: string; saved?: boolean }>({});
  const run = async (patch: Partial<Settings>) => {
    setState({});
    try {
      await save(patch);
      setState({ saved: true });
    } catch (e) {
      setState({ error: errorText(e) });
    }
  };
  return { ...state, run };
}

function DefaultCutoff({ settings, save }: { settings: Settings; save: Save }) {
  const [text, setText] = useState(settings.defaultCutoff === null ? '' : String(settings.defaultCutoff));
  useEffect(() => setText(settings.defaultCutoff === null ? '' : String(settings.defaultCutoff)), [settings.defaultCutoff]);
  const saver = useSaver(save);
  const problem = cutoffProblem(text);
  return (
    <section className="panel settings-section" aria-labelledby="cutoff-title">
      <h2 id="cutoff-title">Default cutoff</h2>
      <p className="muted small-text">Used when a view does not set one. Empty: the build’s threshold (else 0.3).</p>
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          if (problem) return;
          void saver.run({ defaultCutoff: text.trim() === '' ? null : Number(text.trim().replace(',', '.')) });
        }}
      >
        <input
          type="text"
          inputMode="decimal"
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder="build threshold"
          aria-label="Default cutoff"
          aria-invalid={!!problem}
          className="num cutoff-input"
        />
        <button type="submit" className="primary" disabled={!!problem}>
          Save
        </button>
        {problem && (
          <span className="field-error" role="alert">
            {problem}
          </span>
        )}
        {saver.saved && !problem && <span className="saved">saved</span>}
      </form>
      {saver.error && <ErrorBanner error={saver.error} />}
    </section>
  );
}

function LinkTemplates({ settings, save }: { settings: Settings; save: Save }) {
  const [rows, setRows] = useState(settings.linkTemplates);
  useEffect(() => setRows(settings.linkTemplates), [settings.linkTemplates]);
  const saver = useSaver(save);
  const problems = rows.map((r) => (!r.name.trim() ? 'give the link a name' : templateProblem(r.url)));
  const names = rows.map((r) => r.name.trim().toLowerCase());
  const duplicate = names.findIndex((n, i) => n && names.indexOf(n) !== i);
  const ok = problems.every((p) => p === null) && duplicate < 0;
  const set = (i: number, patch: Partial<Settings['linkTemplates'][number]>) => setRows((list) => list.map((r, k) => (k === i ? { ...r, ...patch } : r)));
  return (
    <section className="panel settings-section" aria-labelledby="links-title">
      <h2 id="links-title">Link templates</h2>
      <p className="muted small-text">
        Links out from a finding’s detail. Placeholders, URL-encoded: <code>{'{domain}'}</code> <code>{'{cidr}'}</code> <code>{'{ip}'}</code> (the CIDR’s first
        address) <code>{'{org}'}</code>.
      </p>
      <table className="plain compact link-table">
        <thead>
          <tr>
            <th>Name</th>
            <th>URL</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i}>
              <td>
                <input
                  type="text"
                  value={r.name}
                  onChange={(e) => set(i, { name: e.target.value })}
                  aria-label={`Name of link ${i + 1}`}
                  aria-invalid={!r.name.trim() || duplicate === i}
                />
              </td>
              <td>
                <input
                  type="url"
                  value={r.url}
                  onChange={(e) => set(i, { url: e.target.value })}
                  aria-label={`URL of link ${i + 1}`}
                  aria-invalid={!!templateProblem(r.url)}
                  className="mono"
                />
                {problems[i] && (
                  <div className="field-error" role="alert">
                    {problems[i]}
                  </div>
                )}
                {duplicate === i && (
                  <div className="field-error" role="alert">
                    the name {r.name} is used twice
                  </div>
                )}
              </td>
              <td>
                <button
                  type="button"
                  className="link small"
                  onClick={() => setRows((list) => list.filter((_, k) => k !== i))}
                  aria-label={`Remove link ${r.name || i + 1}`}
                >
                  remove
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="row">
        <button type="button" onClick={() => setRows((list) => [...list, { name: '', url: 'https://' }])}>
          Add link
        </button>
        <button
          type="button"
          className="primary"
          disabled={!ok}
          onClick={() => void saver.run({ linkTemplates: rows.map((r) => ({ name: r.name.trim(), url: r.url.trim() })) })}
        >
          Save links
        </button>
        {saver.saved && <span className="saved">saved</span>}
      </div>
      {saver.error && <ErrorBanner error={saver.error} />}
    </section>
  );
}

function Profiles({ settings, save }: { settings: Settings; save: Save }) {
  const saver = useSaver(save);
  return (
    <section className="panel settings-section" aria-labelledby="profiles-title">
      <h2 id="profiles-title">Connection profiles</h2>
      <p className="muted small-text">
        Saved from Snapshots (Save as profile). S3 credentials come from the AWS SDK’s chain or an AWS profile; PostgreSQL passwords are never stored here.
      </p>
      <h3>S3</h3>
      {settings.s3Profiles.length === 0 ? (
        <p className="muted small-text">None yet.</p>
      ) : (
        <table className="plain compact">
          <thead>
            <tr>
              <th>Name</th>
              <th>Bucket / prefix</th>
              <th>Region</th>
              <th>Endpoint</th>
              <th>AWS profile</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {settings.s3Profiles.map((p) => (
              <tr key={p.name}>
                <td>{p.name}</td>
                <td className="mono">
                  {p.bucket}/{p.prefix}
                </td>
                <td>{p.region ?? '—'}</td>
                <td className="mono">{p.endpoint ?? '—'}</td>
                <td>{p.profile ?? '—'}</td>
                <td>
                  <button
                    type="button"
                    className="link small"
                    onClick={() => void saver.run({ s3Profiles: settings.s3Profiles.filter((x) => x.name !== p.name) })}
                  >
                    remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>PostgreSQL</h3>
      {settings.pgProfiles.length === 0 ? (
        <p className="muted small-text">None yet.</p>
      ) : (
        <table className="plain compact">
          <thead>
            <tr>
              <th>Name</th>
              <th>Connection</th>
              <th>SSL</th>
              <th>Table</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {settings.pgProfiles.map((p) => (
              <tr key={p.name}>
                <td>{p.name}</td>
                <td className="mono">
                  {p.user}@{p.host}:{p.port}/{p.database}
                </td>
                <td>{p.sslMode}</td>
                <td className="mono">{p.table}</td>
                <td>
                  <button
                    type="button"
                    className="link small"
                    onClick={() => void saver.run({ pgProfiles: settings.pgProfiles.filter((x) => x.name !== p.name) })}
                  >
                    remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {saver.error && <ErrorBanner error={saver.error} />}
    </section>
  );
}
