// Jobs: one at a time per source, throttled progress, cancel, the states of JobState.
import { describe, expect, it } from 'vitest';
import type { JobState } from '../../shared/api';
import { JobBusyError, Jobs, type JobControl } from '../../main/core/jobs';

const report = { id: 'sm-1', kind: 'sender-model' as const, kept: 12, skipped: 0, rejected: 0, replaced: 0, problems: [] };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A job whose steps the test drives. */
function controlled() {
  let control!: JobControl;
  let finish!: () => void;
  let fail!: (err: Error) => void;
  const run = (c: JobControl) => {
    control = c;
    return new Promise<{ report: typeof report }>((resolve, reject) => {
      finish = () => resolve({ report });
      fail = reject;
      c.signal.addEventListener('abort', () => reject(new Error('aborted by the test')));
    });
  };
  return {
    run,
    get control() {
      return control;
    },
    finish: () => finish(),
    fail: (e: Error) => fail(e),
  };
}

function spec(source: string, run: (c: JobControl) => Promise<{ report: typeof report } | undefined>) {
  return { kind: 'import' as const, title: `Importing ${source}`, snapshotKind: 'sender-model' as const, source, run };
}

describe('Jobs', () => {
  it('runs a job from running to done, with its report and the end published once', async () => {
    const published: JobState[] = [];
    const ended: JobState[] = [];
    const jobs = new Jobs({ onChange: (j) => published.push(j), onEnd: (j) => ended.push(j) });
    const job = controlled();
    const { jobId } = jobs.start(spec('file|a.avro', job.run));
    expect(jobs.get(jobId)?.state).toBe('running');
    job.finish();
    const final = await jobs.wait(jobId);
    expect(final).toMatchObject({ state: 'done', result: report, rowsDone: 12 });
    expect(final.endedAt).toBeDefined();
    expect(published.map((j) => j.state)).toEqual(['running', 'done']);
    expect(ended).toHaveLength(1);
  });

  it('runs one job per source at a time and says which one is running', async () => {
    const jobs = new Jobs({ onChange: () => {} });
    const first = controlled();
    jobs.start(spec('s3|aws|builds|sm.avro', first.run));
    expect(() => jobs.start(spec('s3|aws|builds|sm.avro', controlled().run))).toThrow(JobBusyError);
    expect(() => jobs.start(spec('s3|aws|builds|sm.avro', controlled().run))).toThrow(
      /"Importing s3\|aws\|builds\|sm.avro" is already running; wait for it to finish or cancel it/u,
    );
    // Another source runs beside it.
    const other = jobs.start(spec('file|b.avro', controlled().run));
    expect(other.state).toBe('running');
    first.finish();
    await sleep(0);
    expect(jobs.start(spec('s3|aws|builds|sm.avro', controlled().run)).state).toBe('running');
  });

  it('publishes progress at most every interval, and the latest figures at the end of it', async () => {
    const published: JobState[] = [];
    const jobs = new Jobs({ onChange: (j) => published.push(j), progressIntervalMs: 100 });
    const job = controlled();
    jobs.start(spec('file|big.avro', job.run));
    for (let i = 1; i <= 1000; i++) job.control.onProgress({ bytesDone: i * 1000, bytesTotal: 1_000_000, rowsDone: i * 10 });
    const during = published.length;
    expect(during).toBeLessThanOrEqual(3);
    await sleep(150);
    const latest = published[published.length - 1];
    expect(latest).toMatchObject({ state: 'running', bytesDone: 1_000_000, bytesTotal: 1_000_000, rowsDone: 10_000 });
    job.finish();
  });

  it('cancels through the AbortSignal and ends the job as cancelled', async () => {
    const jobs = new Jobs({ onChange: () => {} });
    const job = controlled();
    const { jobId } = jobs.start(spec('file|c.avro', job.run));
    expect(jobs.cancel(jobId)).toBe(true);
    const final = await jobs.wait(jobId);
    expect(final.state).toBe('cancelled');
    expect(final.error).toMatch(/cancelled/u);
    expect(jobs.cancel(jobId)).toBe(false);
    expect(jobs.cancel('job-unknown')).toBe(false);
  });

  it("ends a job that throws as failed, with the error's message", async () => {
    const jobs = new Jobs({ onChange: () => {} });
    const job = controlled();
    const { jobId } = jobs.start(spec('file|d.avro', job.run));
    job.fail(new Error("sendermodels-9.avro is not an Avro file (no 'Obj' magic)"));
    expect(await jobs.wait(jobId)).toMatchObject({ state: 'failed', error: "sendermodels-9.avro is not an Avro file (no 'Obj' magic)" });
  });

  it('keeps a bounded list of ended jobs', async () => {
    const jobs = new Jobs({ onChange: () => {}, keepEnded: 3 });
    for (let i = 0; i < 6; i++) await jobs.wait(jobs.start(spec(`file|${i}`, async () => ({ report }))).jobId);
    jobs.start(spec('file|last', controlled().run));
    expect(jobs.list().length).toBeLessThanOrEqual(4);
  });
});
