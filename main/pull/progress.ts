// Progress of one pull, as the CLI's bar and the app's job show it: bytes (done / total),
// rows, and a transfer rate over the last few seconds (a whole-pull average hides a stall).

export type PullPhase = 'connecting' | 'transferring' | 'saving' | 'done';

export interface PullProgress {
  phase: PullPhase;
  bytesDone: number;
  /** Null when unknown (PostgreSQL reads rows, not a sized object). */
  bytesTotal: number | null;
  rowsDone: number;
  /** Bytes per second over the last few seconds; null before there is enough to tell. */
  bytesPerSecond: number | null;
  /** Rows per second over the whole pull so far. */
  rowsPerSecond: number | null;
  elapsedMs: number;
  /** Ranged re-requests after dropped connections (S3). */
  resumes: number;
}

/** Rate over a sliding window of samples. */
export class RateMeter {
  private readonly samples: Array<{ t: number; v: number }> = [];
  constructor(private readonly windowMs = 3000) {}

  add(t: number, v: number): void {
    this.samples.push({ t, v });
    while (this.samples.length > 2 && t - this.samples[1].t >= this.windowMs) this.samples.shift();
  }

  /** Units per second, or null with less than 200 ms of samples. */
  rate(): number | null {
    if (this.samples.length < 2) return null;
    const first = this.samples[0];
    const last = this.samples[this.samples.length - 1];
    const dt = last.t - first.t;
    return dt >= 200 ? ((last.v - first.v) * 1000) / dt : null;
  }
}

/** Keeps the figures of one pull and reports them at most every `intervalMs`, phase changes at once. */
export class ProgressTracker {
  private readonly started: number;
  private readonly meter = new RateMeter();
  private lastEmit = -Infinity;
  private emittedBytes = 0;
  private emittedRows = 0;
  readonly state: PullProgress;

  constructor(
    private readonly emit: ((p: PullProgress) => void) | undefined,
    private readonly clock: () => number = () => performance.now(),
    private readonly intervalMs = 100,
  ) {
    this.started = clock();
    this.state = { phase: 'connecting', bytesDone: 0, bytesTotal: null, rowsDone: 0, bytesPerSecond: null, rowsPerSecond: null, elapsedMs: 0, resumes: 0 };
  }

  update(patch: Partial<Omit<PullProgress, 'elapsedMs' | 'bytesPerSecond' | 'rowsPerSecond'>>, force = false): void {
    const phaseChanged = patch.phase !== undefined && patch.phase !== this.state.phase;
    // The first bytes or rows are shown at once: the analyst sees that data flows.
    const firstData =
      (patch.bytesDone !== undefined && patch.bytesDone > 0 && this.emittedBytes === 0) ||
      (patch.rowsDone !== undefined && patch.rowsDone > 0 && this.emittedRows === 0);
    Object.assign(this.state, patch);
    const now = this.clock();
    if (patch.bytesDone !== undefined) this.meter.add(now, patch.bytesDone);
    if (!force && !phaseChanged && !firstData && now - this.lastEmit < this.intervalMs) return;
    this.lastEmit = now;
    this.emittedBytes = this.state.bytesDone;
    this.emittedRows = this.state.rowsDone;
    this.state.elapsedMs = now - this.started;
    this.state.bytesPerSecond = this.state.phase === 'done' ? this.average() : this.meter.rate();
    this.state.rowsPerSecond = this.state.elapsedMs >= 200 ? (this.state.rowsDone * 1000) / this.state.elapsedMs : null;
    this.emit?.({ ...this.state });
  }

  /** Whole-pull bytes per second (for the closing line). */
  average(): number | null {
    const ms = this.clock() - this.started;
    return ms > 0 ? (this.state.bytesDone * 1000) / ms : null;
  }

  elapsedMs(): number {
    return this.clock() - this.started;
  }
}
