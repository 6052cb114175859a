// How a started import or pull ended: the job's final state from the core's job events (or from
// listJobs, if it ended before its id came back), so a form can say it failed or landed instead
// of leaving "Pulling…" on screen.

import { useEffect, useState } from 'react';
import type { JobState } from '../../shared/api';
import { api, onApiEvent } from '../api';

export function useJobOutcome(jobId: string | null): JobState | null {
  const [ended, setEnded] = useState<JobState | null>(null);
  useEffect(() => {
    setEnded(null);
    if (!jobId) return;
    let live = true;
    const take = (job: JobState) => {
      if (live && job.jobId === jobId && job.state !== 'running') setEnded(job);
    };
    const off = onApiEvent((event) => {
      if (event.type === 'job') take(event.job);
    });
    api.listJobs({}).then(
      (r) => r.jobs.forEach(take),
      () => undefined,
    );
    return () => {
      live = false;
      if (typeof off === 'function') off();
    };
  }, [jobId]);
  return ended;
}
