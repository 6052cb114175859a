// Pull the sender context (DESIGN §8) of a feedback pull, as `smw pull context` does: SPF, PTR and
// forward-confirming answers from a DNS server (the system's resolvers by default), AS numbers
// from IP-to-AS tables on this machine, and — with a build — the PTR names of each item's
// neighbourhood. The answers are stored once, so the Authenticity view reads them offline.

import { useState } from 'react';
import { DNS_SERVER_PATTERN, DNS_SERVER_RULE } from '../../shared/api';
import { ID_PATTERN, ID_RULE_SHORT } from '../../shared/snapshot-id';
import { api } from '../api';
import { snapshotsOfKind, useWorkspaceData } from '../app/workspace-data';
import { errorText } from '../common/error-text';
import { formatDateTime } from '../common/format';
import { ErrorBanner } from '../common/states';
import { takenIdProblem } from './taken-id';
import { TextField } from './text-field';
import { useJobOutcome } from './use-job-outcome';

export interface ContextForm {
  feedback: string;
  build: string;
  dns: string;
  /** One path per line: ip2asn TSV or GeoLite2-ASN .mmdb, gzip or not. */
  asn: string;
  timeoutMs: string;
  tries: string;
  id: string;
  replace: boolean;
}

const EMPTY: ContextForm = { feedback: '', build: '', dns: '', asn: '', timeoutMs: '2000', tries: '2', id: '', replace: false };

const asnPaths = (f: ContextForm) =>
  f.asn
    .split('\n')
    .map((p) => p.trim())
    .filter(Boolean);

/** What the server would refuse, said beside the field before asking it. */
export function contextFormProblems(f: ContextForm): Partial<Record<keyof ContextForm, string>> {
  const problems: Partial<Record<keyof ContextForm, string>> = {};
  if (f.dns.trim() && !DNS_SERVER_PATTERN.test(f.dns.trim())) problems.dns = DNS_SERVER_RULE;
  const timeout = Number(f.timeoutMs);
  if (!/^\d+$/u.test(f.timeoutMs.trim()) || timeout < 1 || timeout > 600_000) problems.timeoutMs = 'whole milliseconds, 1 to 600000';
  const tries = Number(f.tries);
  if (!/^\d+$/u.test(f.tries.trim()) || tries < 1 || tries > 10) problems.tries = 'a whole number, 1 to 10';
  if (asnPaths(f).length > 10) problems.asn = 'at most 10 tables';
  if (f.id.trim() && !ID_PATTERN.test(f.id.trim())) problems.id = ID_RULE_SHORT;
  return problems;
}

export function ContextPull() {
  const { snapshots } = useWorkspaceData();
  const [form, setForm] = useState<ContextForm>(EMPTY);
  const [touched, setTouched] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [started, setStarted] = useState<{ feedback: string; jobId: string } | null>(null);
  const outcome = useJobOutcome(started?.jobId ?? null);
  const feedbacks = snapshots ? snapshotsOfKind(snapshots, 'feedback') : [];
  const builds = snapshots ? snapshotsOfKind(snapshots, 'sender-model') : [];
  // The feedback pull created last is the CLI's default too; the form shows which one that is.
  const feedback = form.feedback || feedbacks[0]?.id || '';
  const problems = contextFormProblems(form);
  const set = (patch: Partial<ContextForm>) => {
    setError(null);
    setStarted(null);
    setForm((f) => ({ ...f, ...patch }));
  };

  const pull = async () => {
    setTouched(true);
    if (Object.keys(problems).length > 0) return;
    if (!feedback) {
      setError('There is no feedback pull to pull the sender context of: import or pull feedback first.');
      return;
    }
    const id = form.id.trim();
    const taken = takenIdProblem(snapshots, id, form.replace);
    if (taken) {
      setError(taken);
      return;
    }
    try {
      const { jobId } = await api.startContextPull({
        feedback,
        ...(form.build ? { build: form.build } : {}),
        ...(form.dns.trim() ? { dns: form.dns.trim() } : {}),
        asn: asnPaths(form),
        timeoutMs: Number(form.timeoutMs),
        tries: Number(form.tries),
        ...(id ? { id } : {}),
        replace: form.replace,
      });
      setStarted({ feedback, jobId });
    } catch (e) {
      setError(errorText(e));
    }
  };

  return (
    <section className="panel pull-panel" aria-label="Pull the sender context">
      <div className="row">
        <h2>Pull the sender context</h2>
        <span className="muted small-text">SPF, PTR and AS of each feedback CIDR</span>
      </div>
      <form
        className="form-grid"
        onSubmit={(e) => {
          e.preventDefault();
          void pull();
        }}
      >
        <label className="field">
          Feedback pull
          <select value={feedback} onChange={(e) => set({ feedback: e.target.value })} disabled={feedbacks.length === 0}>
            {feedbacks.length === 0 && <option value="">— none yet —</option>}
            {feedbacks.map((s) => (
              <option key={s.id} value={s.id}>
                {s.id} · {formatDateTime(s.createdAt)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          Neighbourhood of build (optional)
          <select value={form.build} onChange={(e) => set({ build: e.target.value })} title="PTR names of the domain's entries in each item's /24 or /48 too">
            <option value="">— none —</option>
            {builds.map((s) => (
              <option key={s.id} value={s.id}>
                {s.id}
              </option>
            ))}
          </select>
        </label>
        <TextField
          label="DNS server (optional)"
          value={form.dns}
          placeholder="the system's resolvers"
          onValue={(dns) => set({ dns })}
          problem={problems.dns}
          touched={touched}
        />
        <TextField
          label="Timeout per lookup (ms)"
          value={form.timeoutMs}
          inputMode="numeric"
          onValue={(timeoutMs) => set({ timeoutMs })}
          problem={problems.timeoutMs}
          touched={touched}
        />
        <TextField
          label="Tries per lookup"
          value={form.tries}
          inputMode="numeric"
          onValue={(tries) => set({ tries })}
          problem={problems.tries}
          touched={touched}
        />
        <TextField
          label="Id (optional)"
          value={form.id}
          placeholder="context-<date and time>"
          onValue={(id) => set({ id })}
          problem={problems.id}
          touched={touched}
        />
        <label className="field wide">
          IP-to-AS tables on this machine (optional; one path per line: ip2asn TSV or GeoLite2-ASN .mmdb)
          <textarea
            rows={2}
            value={form.asn}
            onChange={(e) => set({ asn: e.target.value })}
            placeholder="/data/ip2asn-v4.tsv.gz"
            aria-invalid={touched && !!problems.asn}
          />
          {touched && problems.asn && (
            <span className="field-error" role="alert">
              {problems.asn}
            </span>
          )}
        </label>
        <label className="check replace-check">
          <input type="checkbox" checked={form.replace} onChange={(e) => set({ replace: e.target.checked })} />
          Replace an existing snapshot
        </label>
        <div className="row form-actions">
          <button type="submit" className="primary" disabled={!!started && !outcome}>
            Pull the context
          </button>
        </div>
      </form>
      {error && <ErrorBanner error={error} />}
      {started && !outcome && (
        <p className="notice" role="status">
          Pulling the sender context of {started.feedback} — see Imports and pulls.
        </p>
      )}
      {started && outcome?.state === 'done' && (
        <p className="notice" role="status">
          Pulled the sender context of {started.feedback}: choose it in the Authenticity view's context bar.
        </p>
      )}
      {started && outcome && outcome.state !== 'done' && (
        <ErrorBanner error={`The context pull of ${started.feedback} ${outcome.state}: ${outcome.error ?? 'no reason given'}`} />
      )}
    </section>
  );
}
