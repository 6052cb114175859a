// Running and recent imports and pulls: live progress (bytes and rows, with the rate) from the
// core's job events, Cancel, and what each one kept or rejected.

import { useEffect, useState } from 'react';
import type { JobState } from '../../shared/api';
import { api, onApiEvent } from '../api';
import { formatBytes, formatCount, formatDateTime } from '../common/format';

function rate(job: JobState): string {
  const end = job.endedAt ? Date.parse(job.endedAt) : Date.now();
  const seconds = Math.max(0.001, (end - Date.parse(job.startedAt)) / 1000);
  const parts = [];
  if (job.bytesDone > 0) parts.push(`${formatBytes(job.bytesDone / seconds)}/s`);
  if (job.rowsDone > 0) parts.push(`${formatCount(Math.round(job.rowsDone / seconds))} rows/s`);
  return parts.join(' · ');
}

export function useJobs(): JobState[] {
  const [jobs, setJobs] = useState<Map<string, JobState>>(new Map());
  useEffect(() => {
    let live = true;
    api.listJobs({}).then(
      (r) => live && setJobs((m) => new Map([...r.jobs.map((j) => [j.jobId, j] as const), ...m])),
      () => undefined,
    );
    const off = onApiEvent((event) => {
      if (event.type === 'job') setJobs((m) => new Map(m).set(event.job.jobId, event.job));
    });
    return () => {
      live = false;
      if (typeof off === 'function') off();
    };
  }, []);
  return [...jobs.values()].sort((a, b) => (a.startedAt < b.startedAt ? 1 : -1));
}

const SHOWN = 4;

export function JobList({ jobs }: { jobs: JobState[] }) {
  const [, tick] = useState(0);
  const [all, setAll] = useState(false);
  // Rates and elapsed times move while a job runs, even between events.
  useEffect(() => {
    if (!jobs.some((j) => j.state === 'running')) return;
    const t = setInterval(() => tick((n) => n + 1), 1000);
    return () => clearInterval(t);
  }, [jobs]);
  if (jobs.length === 0) return null;
  return (
    <section className="jobs" aria-label="Imports and pulls">
      <h2>Imports and pulls</h2>
      <ul>
        {(all ? jobs : jobs.filter((j, i) => i < SHOWN || j.state === 'running')).map((job) => {
          const share = job.bytesTotal ? Math.min(1, job.bytesDone / job.bytesTotal) : null;
          return (
            <li key={job.jobId} className={`job ${job.state}`} data-job-state={job.state}>
              <div className="job-head">
                <strong className="job-title" title={job.title}>
                  {job.title}
                </strong>
                <span className={`badge job-${job.state}`}>{job.state}</span>
                <span className="spacer" />
                <span className="job-figures num">
                  {/* A PostgreSQL pull counts rows only. */}
                  {job.bytesDone > 0 || job.bytesTotal ? `${formatBytes(job.bytesDone)}${job.bytesTotal ? ` of ${formatBytes(job.bytesTotal)}` : ''} · ` : ''}
                  {formatCount(job.rowsDone)} rows
                  {job.state === 'running' && rate(job) ? ` · ${rate(job)}` : ''}
                </span>
                <span className="faint small-text">{formatDateTime(job.startedAt)}</span>
                {job.state === 'running' && (
                  <button type="button" className="small danger" onClick={() => void api.cancelJob({ jobId: job.jobId })}>
                    Cancel
                  </button>
                )}
              </div>
              <div
                className="progress"
                role="progressbar"
                aria-label={`Progress of ${job.title}`}
                aria-valuemin={0}
                aria-valuemax={100}
                aria-valuenow={share === null ? undefined : Math.round(share * 100)}
              >
                <span
                  className={share === null && job.state === 'running' ? 'indeterminate' : undefined}
                  style={{ width: share === null ? (job.state === 'running' ? '30%' : '100%') : `${share * 100}%` }}
                />
              </div>
              {job.error && <p className={job.state === 'cancelled' ? 'job-note' : 'job-error'}>{job.error}</p>}
              {job.result && job.result.kept === 0 && (
                // A well-formed file with nothing usable still imports (DESIGN §3.3): say so.
                <p className="job-warning" role="status">
                  Nothing usable in {job.result.id}: no row or entry was kept. Is it the file you meant?
                </p>
              )}
              {job.result && (
                <p className="job-result">
                  {job.result.id}: kept {formatCount(job.result.kept)}, skipped {formatCount(job.result.skipped)}, rejected {formatCount(job.result.rejected)}
                  {job.result.replaced ? `, replaced ${formatCount(job.result.replaced)}` : ''}
                  {job.result.problems.length > 0 && (
                    <details>
                      <summary>
                        {job.result.problems.length} problem{job.result.problems.length === 1 ? '' : 's'}
                      </summary>
                      <ul className="problems">
                        {job.result.problems.slice(0, 50).map((p, i) => (
                          <li key={i} className="mono">
                            {p.line !== undefined ? `line ${p.line}` : `row ${String(p.row)}`} · {p.field} · {p.value} — {p.reason}
                          </li>
                        ))}
                      </ul>
                    </details>
                  )}
                </p>
              )}
            </li>
          );
        })}
      </ul>
      {jobs.length > SHOWN && (
        <button type="button" className="link small" onClick={() => setAll((a) => !a)}>
          {all ? 'show fewer' : `show all ${jobs.length}`}
        </button>
      )}
    </section>
  );
}
