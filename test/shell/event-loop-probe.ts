// Measures the main thread's event-loop delay (perf_hooks.monitorEventLoopDelay) while the core
// worker imports a build in a job worker, and how long the core takes to answer a query
// meanwhile. Used by event-loop.test.ts (small build) and event-loop-bench.ts (5M entries).

import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import type { ApiEvent, JobState } from '../../shared/api';
import { CoreClient } from '../../main/core/worker/core-client';

export interface EventLoopReport {
  entries: number;
  importMs: number;
  jobState: JobState['state'];
  loopDelayMs: { p50: number; p99: number; max: number };
  /** listSnapshots answered by the core worker while the import ran. */
  queryMs: { count: number; p99: number; max: number };
  progressEvents: number;
}

export async function measureImport(dataDir: string, file: string, entries: number): Promise<EventLoopReport> {
  const { client } = await CoreClient.start({ dataDir, mode: 'browser', keychain: false, version: 'bench' });
  try {
    let progressEvents = 0;
    let resolveEnd!: (job: JobState) => void;
    const ended = new Promise<JobState>((resolve) => (resolveEnd = resolve));
    let jobId = '';
    client.onEvent((event: ApiEvent) => {
      if (event.type !== 'job' || event.job.jobId !== jobId) return;
      progressEvents++;
      if (event.job.state !== 'running') resolveEnd(event.job);
    });

    const histogram = monitorEventLoopDelay({ resolution: 5 });
    histogram.enable();
    const started = performance.now();
    const response = await client.call('startImport', { kind: 'sender-model', path: file, id: 'big-build' });
    if (!response.ok) throw new Error(response.error);
    jobId = (response.value as { jobId: string }).jobId;

    const queryTimes: number[] = [];
    let done = false;
    const querying = (async () => {
      while (!done) {
        const t = performance.now();
        await client.call('listSnapshots', {});
        queryTimes.push(performance.now() - t);
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    const job = await ended;
    const importMs = performance.now() - started;
    done = true;
    await querying;
    histogram.disable();

    queryTimes.sort((a, b) => a - b);
    const ms = (ns: number) => Math.round((ns / 1e6) * 10) / 10;
    return {
      entries,
      importMs: Math.round(importMs),
      jobState: job.state,
      loopDelayMs: { p50: ms(histogram.percentile(50)), p99: ms(histogram.percentile(99)), max: ms(histogram.max) },
      queryMs: {
        count: queryTimes.length,
        p99: Math.round(queryTimes[Math.min(queryTimes.length - 1, Math.floor(queryTimes.length * 0.99))] ?? 0),
        max: Math.round(queryTimes[queryTimes.length - 1] ?? 0),
      },
      progressEvents,
    };
  } finally {
    await client.close();
  }
}
