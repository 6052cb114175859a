// Pull a feedback snapshot from PostgreSQL (table user_response by default). The password is
// kept in memory for this pull only: never stored, never sent anywhere but this pull.

import { useState } from 'react';
import type { Settings } from '../../shared/api';
import { PG_SSL_MODES } from '../../shared/settings';
import { api } from '../api';
import { useWorkspaceData } from '../app/workspace-data';
import { errorText } from '../common/error-text';
import { ErrorBanner } from '../common/states';
import { ID_PATTERN, ID_RULE_SHORT } from '../../shared/snapshot-id';
import { ProfilePicker } from './profile-picker';
import { useJobOutcome } from './use-job-outcome';
import { TextField } from './text-field';

type SslMode = (typeof PG_SSL_MODES)[number];

interface PgForm {
  host: string;
  port: string;
  database: string;
  user: string;
  sslMode: SslMode;
  table: string;
  password: string;
  id: string;
  replace: boolean;
}

const EMPTY: PgForm = {
  host: '127.0.0.1',
  port: '5432',
  database: '',
  user: '',
  sslMode: 'prefer',
  table: 'user_response',
  password: '',
  id: '',
  replace: false,
};

export function pgFormProblems(f: PgForm): Partial<Record<keyof PgForm, string>> {
  const problems: Partial<Record<keyof PgForm, string>> = {};
  if (!f.host.trim()) problems.host = 'the host is needed';
  const port = Number(f.port);
  if (!/^\d+$/u.test(f.port.trim()) || port < 1 || port > 65535) problems.port = 'the port is a whole number from 1 to 65535';
  if (!f.database.trim()) problems.database = 'the database is needed';
  if (!f.user.trim()) problems.user = 'the user is needed';
  if (!/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$/u.test(f.table.trim())) problems.table = 'a table name like user_response or schema.table';
  if (f.id.trim() && !ID_PATTERN.test(f.id.trim())) problems.id = ID_RULE_SHORT;
  return problems;
}

export function PgPull() {
  const { settings, saveSettings, appInfo } = useWorkspaceData();
  const [form, setForm] = useState<PgForm>(EMPTY);
  const [touched, setTouched] = useState(false);
  const [profileName, setProfileName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [started, setStarted] = useState<string | null>(null);
  const outcome = useJobOutcome(started);
  const problems = pgFormProblems(form);
  const invalid = Object.keys(problems).length > 0;
  // A message is about the inputs it answered: changing any of them clears it.
  const set = (patch: Partial<PgForm>) => {
    setStarted(null);
    setError(null);
    setForm((f) => ({ ...f, ...patch }));
  };

  const connection = () => ({
    host: form.host.trim(),
    port: Number(form.port),
    database: form.database.trim(),
    user: form.user.trim(),
    sslMode: form.sslMode,
    table: form.table.trim(),
  });

  const pull = async () => {
    setTouched(true);
    if (invalid) return;
    setError(null);
    setStarted(null);
    try {
      const { jobId } = await api.startPgPull({
        ...connection(),
        ...(form.password ? { password: form.password } : {}),
        ...(form.id.trim() ? { id: form.id.trim() } : {}),
        replace: form.replace,
      });
      setStarted(jobId);
      // The password served this pull; it is not kept.
      setForm((f) => ({ ...f, password: '' }));
    } catch (e) {
      setError(errorText(e));
    }
  };

  const applyProfile = (name: string) => {
    const p = settings?.pgProfiles.find((x) => x.name === name);
    setStarted(null);
    setError(null);
    if (p)
      setForm((f) => ({
        ...f,
        host: p.host,
        port: String(p.port),
        database: p.database,
        user: p.user,
        sslMode: (PG_SSL_MODES as readonly string[]).includes(p.sslMode) ? (p.sslMode as SslMode) : 'prefer',
        table: p.table,
      }));
  };

  const saveProfile = async () => {
    setTouched(true);
    if (invalid) return;
    const name = profileName.trim();
    if (!name) {
      setError('Give the profile a name first (the box beside Save as profile).');
      return;
    }
    const profiles: Settings['pgProfiles'] = [...(settings?.pgProfiles ?? []).filter((p) => p.name !== name), { name, ...connection() }];
    try {
      await saveSettings({ pgProfiles: profiles });
    } catch (e) {
      setError(errorText(e));
    }
  };

  const field = (key: Exclude<keyof PgForm, 'replace'>, label: string, props: Omit<React.InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange'> = {}) => (
    <TextField label={label} value={form[key]} onValue={(value) => set({ [key]: value })} problem={problems[key]} touched={touched} {...props} />
  );

  return (
    <section className="panel pull-panel" aria-label="Pull feedback from PostgreSQL">
      <div className="row">
        <h2>Pull feedback from PostgreSQL</h2>
        {settings && <ProfilePicker profiles={settings.pgProfiles} label="Saved PostgreSQL profile" onPick={applyProfile} />}
      </div>
      <form
        className="form-grid"
        autoComplete="off"
        onSubmit={(e) => {
          e.preventDefault();
          void pull();
        }}
      >
        {field('host', 'Host')}
        {field('port', 'Port', { inputMode: 'numeric' })}
        {field('database', 'Database')}
        {field('user', 'User')}
        <label className="field">
          SSL
          <select value={form.sslMode} onChange={(e) => set({ sslMode: e.target.value as SslMode })}>
            {PG_SSL_MODES.map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </select>
        </label>
        {field('table', 'Table')}
        <label className="field">
          Password <span className="faint">{appInfo?.keychain ? '(or from the keychain)' : '(this pull only, not saved)'}</span>
          <input type="password" value={form.password} onChange={(e) => set({ password: e.target.value })} autoComplete="new-password" />
        </label>
        {field('id', 'Id (optional)', { placeholder: 'feedback-YYYYMMDDTHHMMSSZ' })}
        <label className="check replace-check">
          <input type="checkbox" checked={form.replace} onChange={(e) => set({ replace: e.target.checked })} />
          Replace an existing snapshot
        </label>
        <div className="row form-actions">
          <button type="submit" className="primary">
            Pull feedback
          </button>
          <span className="spacer" />
          <input
            type="text"
            className="profile-name"
            value={profileName}
            onChange={(e) => setProfileName(e.target.value)}
            placeholder="profile name"
            aria-label="Name for the saved profile"
          />
          <button type="button" onClick={() => void saveProfile()}>
            Save as profile
          </button>
        </div>
      </form>
      {error && <ErrorBanner error={error} hint={/already/u.test(error) ? undefined : 'Check the host, port, database, user and password.'} />}
      {started && !outcome && (
        <p className="notice" role="status">
          Pulling feedback — see Imports and pulls.
        </p>
      )}
      {outcome?.state === 'done' && (
        <p className="notice" role="status">
          Pulled feedback as {outcome.result?.id ?? 'a new snapshot'}.
        </p>
      )}
      {outcome && outcome.state !== 'done' && (
        <ErrorBanner
          error={`The pull ${outcome.state}: ${outcome.error ?? 'no reason given'}`}
          hint={outcome.state === 'failed' ? 'Correct the form and pull again.' : undefined}
        />
      )}
    </section>
  );
}
