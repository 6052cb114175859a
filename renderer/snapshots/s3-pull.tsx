// Pull builds from S3: a bucket and prefix (or a saved profile), the list of builds under it with
// their build dates and whether they are already here, then Pull. Credentials come from the
// AWS SDK's default chain or a named AWS profile — never typed in here.

import { useState } from 'react';
import type { S3BuildListing, Settings } from '../../shared/api';
import { api } from '../api';
import { useWorkspaceData } from '../app/workspace-data';
import { errorText } from '../common/error-text';
import { formatBytes, formatDateTime } from '../common/format';
import { ErrorBanner } from '../common/states';
import { ID_PATTERN, ID_RULE_SHORT } from '../../shared/snapshot-id';
import { ProfilePicker } from './profile-picker';
import { useJobOutcome } from './use-job-outcome';
import { takenIdProblem } from './taken-id';
import { TextField } from './text-field';

type S3Form = { bucket: string; prefix: string; region: string; endpoint: string; profile: string };
const EMPTY: S3Form = { bucket: '', prefix: '', region: '', endpoint: '', profile: '' };

export function s3FormProblems(f: S3Form): Partial<Record<keyof S3Form, string>> {
  const problems: Partial<Record<keyof S3Form, string>> = {};
  if (f.bucket.trim().length < 3 || f.bucket.trim().length > 63) problems.bucket = 'a bucket name is 3–63 characters';
  else if (/[\s/]/u.test(f.bucket.trim())) problems.bucket = 'a bucket name has no spaces or slashes';
  if (f.endpoint.trim()) {
    try {
      const u = new URL(f.endpoint.trim());
      if (u.protocol !== 'http:' && u.protocol !== 'https:') problems.endpoint = 'the endpoint is an http:// or https:// URL';
    } catch {
      problems.endpoint = 'the endpoint is an http:// or https:// URL, e.g. http://127.0.0.1:9000';
    }
  }
  return problems;
}

const clean = (f: S3Form) => ({
  bucket: f.bucket.trim(),
  prefix: f.prefix.trim(),
  ...(f.region.trim() ? { region: f.region.trim() } : {}),
  ...(f.endpoint.trim() ? { endpoint: f.endpoint.trim() } : {}),
  ...(f.profile.trim() ? { profile: f.profile.trim() } : {}),
});

export function S3Pull() {
  const { settings, saveSettings, snapshots } = useWorkspaceData();
  const [form, setForm] = useState<S3Form>(EMPTY);
  const [touched, setTouched] = useState(false);
  const [profileName, setProfileName] = useState('');
  const [builds, setBuilds] = useState<S3BuildListing[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [started, setStarted] = useState<{ key: string; id: string; jobId: string } | null>(null);
  // The pull's own choices, as the CLI's --id and --replace: an id for the snapshot, and whether
  // it may replace one with that id.
  const [pullId, setPullId] = useState('');
  const [replace, setReplace] = useState(false);
  const outcome = useJobOutcome(started?.jobId ?? null);
  const problems = s3FormProblems(form);
  const idProblem = pullId.trim() && !ID_PATTERN.test(pullId.trim()) ? ID_RULE_SHORT : undefined;
  const invalid = Object.keys(problems).length > 0;
  // A message is about the inputs it answered: changing any of them clears it.
  const clearMessages = () => {
    setError(null);
    setStarted(null);
  };
  const set = (patch: Partial<S3Form>) => {
    clearMessages();
    setForm((f) => ({ ...f, ...patch }));
  };

  const applyProfile = (name: string) => {
    const p = settings?.s3Profiles.find((x) => x.name === name);
    clearMessages();
    if (p) setForm({ bucket: p.bucket, prefix: p.prefix, region: p.region ?? '', endpoint: p.endpoint ?? '', profile: p.profile ?? '' });
  };

  const list = async () => {
    setTouched(true);
    if (invalid) return;
    setBusy(true);
    setError(null);
    try {
      setBuilds((await api.listS3Builds(clean(form))).builds);
    } catch (e) {
      setError(errorText(e));
      setBuilds(null);
    } finally {
      setBusy(false);
    }
  };

  const pull = async (b: S3BuildListing) => {
    clearMessages();
    if (idProblem) {
      setTouched(true);
      return;
    }
    const id = pullId.trim() || b.suggestedId;
    // "Pull again" replaces the copy this listing says is here; any other id taken is asked about.
    const replacing = replace || (b.pulled && !pullId.trim());
    const taken = takenIdProblem(snapshots, id, replacing);
    if (taken) {
      setError(taken);
      return;
    }
    const { prefix: _prefix, ...location } = clean(form);
    try {
      const { jobId } = await api.startS3Pull({
        ...location,
        key: b.key,
        kind: b.kind === 'reputation' ? 'reputation' : 'sender-model',
        id,
        replace: replacing,
      });
      setStarted({ key: b.key, id, jobId });
    } catch (e) {
      setError(errorText(e));
    }
  };

  const saveProfile = async () => {
    setTouched(true);
    if (invalid) return;
    const name = profileName.trim();
    if (!name) {
      setError('Give the profile a name first (the box beside Save as profile).');
      return;
    }
    const profiles: Settings['s3Profiles'] = [...(settings?.s3Profiles ?? []).filter((p) => p.name !== name), { name, ...clean(form) }];
    try {
      await saveSettings({ s3Profiles: profiles });
    } catch (e) {
      setError(errorText(e));
    }
  };

  const field = (key: keyof S3Form, label: string, placeholder: string) => (
    <TextField label={label} value={form[key]} placeholder={placeholder} onValue={(value) => set({ [key]: value })} problem={problems[key]} touched={touched} />
  );

  return (
    <section className="panel pull-panel" aria-label="Pull builds from S3">
      <div className="row">
        <h2>Pull from S3</h2>
        {settings && <ProfilePicker profiles={settings.s3Profiles} label="Saved S3 profile" onPick={applyProfile} />}
      </div>
      <form
        className="form-grid"
        onSubmit={(e) => {
          e.preventDefault();
          void list();
        }}
      >
        {field('bucket', 'Bucket', 'agari-prod-ep-metadata')}
        {field('prefix', 'Prefix', 'models/')}
        {field('region', 'Region', 'us-east-1')}
        {field('endpoint', 'Endpoint (optional)', 'https://s3.amazonaws.com')}
        {field('profile', 'AWS profile (optional)', 'default')}
        <TextField
          label="Id (optional)"
          value={pullId}
          placeholder="from the key's name"
          onValue={(v) => {
            clearMessages();
            setPullId(v);
          }}
          problem={idProblem}
          touched={touched}
        />
        <label className="check replace-check">
          <input
            type="checkbox"
            checked={replace}
            onChange={(e) => {
              clearMessages();
              setReplace(e.target.checked);
            }}
          />
          Replace an existing snapshot
        </label>
        <div className="row form-actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Listing…' : 'List builds'}
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
      {error && (
        <ErrorBanner
          error={error}
          hint={
            /already/u.test(error)
              ? undefined
              : "Check the bucket, the region and your AWS credentials (the SDK's default chain or the AWS profile named here)."
          }
        />
      )}
      {started && !outcome && (
        <p className="notice" role="status">
          Pulling {started.key} as {started.id} — see Imports and pulls.
        </p>
      )}
      {started && outcome?.state === 'done' && (
        <p className="notice" role="status">
          Pulled {started.key} as {started.id}.
        </p>
      )}
      {started && outcome && outcome.state !== 'done' && (
        <ErrorBanner error={`The pull of ${started.key} ${outcome.state}: ${outcome.error ?? 'no reason given'}`} />
      )}
      {builds && builds.length === 0 && <p className="muted">No objects under this prefix.</p>}
      {builds && builds.length > 0 && (
        <div className="s3-builds">
          <table className="plain compact">
            <thead>
              <tr>
                <th>Key</th>
                <th>Kind</th>
                <th>Built</th>
                <th className="num">Size</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {builds.map((b) => (
                <tr key={b.key} data-key={b.key}>
                  <td className="mono wrap">{b.key}</td>
                  <td>{b.kind}</td>
                  <td className="num">{formatDateTime(b.buildTime)}</td>
                  <td className="num">{formatBytes(b.size)}</td>
                  <td>
                    {b.pulled && <span className="badge fixed">pulled</span>}{' '}
                    <button
                      type="button"
                      className="small"
                      disabled={b.kind === 'other'}
                      onClick={() => void pull(b)}
                      title={
                        b.kind === 'other'
                          ? 'Not a sender-model or reputation build'
                          : b.pulled
                            ? 'Pull again, replacing the local copy'
                            : `Pull as ${b.suggestedId}`
                      }
                    >
                      {b.pulled ? 'Pull again' : 'Pull'}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
