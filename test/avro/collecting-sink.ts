// A SenderModelSink for tests that records every call the reader makes, in order, with the
// entries' cidr bytes decoded to text, so tests can compare a file's whole content.

import type { EntryWhere, SenderModelSink } from '../../shared/sender-model-sink';
import type { Problem } from '../../shared/types';

/** A score as the expected-content JSON files write it: NaN as the string "NaN". */
export type JsonScore = number | null | 'NaN';

export interface CollectedEntry {
  domain: string;
  cidr: string;
  score: number | null;
  /** Which sink method the reader used. */
  via: 'addEntry' | 'addEntryBytes';
  /** The entry's `where`, taken during the call (the reader's thunk is only valid then). */
  where: EntryWhere;
}

export class CollectingSink implements SenderModelSink {
  readonly versions: (string | null)[] = [];
  readonly thresholds: (number | null)[] = [];
  readonly domains: { domain: string; where: EntryWhere }[] = [];
  readonly entries: CollectedEntry[] = [];
  readonly problems: Problem[] = [];
  /** Calls in order, as short strings: `version 1`, `domain a.example`, `entry a.example 192.0.2.1 0.5`. */
  readonly calls: string[] = [];
  private current: string | null = null;
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });

  constructor(
    /** Which domains to accept (beginDomain's answer); all by default. */
    private readonly accept: (domain: string) => boolean = () => true,
    /** Called after each entry, e.g. to abort a read part-way. */
    private readonly onEntry?: (count: number) => void,
  ) {}

  setVersion(version: string | null): void {
    this.versions.push(version);
    this.calls.push(`version ${version}`);
  }

  setThreshold(threshold: number | null): void {
    this.thresholds.push(threshold);
    this.calls.push(`threshold ${threshold}`);
  }

  beginDomain(domain: string, where: EntryWhere): boolean {
    this.domains.push({ domain, where: { record: where.record, path: where.path } });
    this.calls.push(`domain ${domain}`);
    const accepted = this.accept(domain);
    this.current = accepted ? domain : null;
    return accepted;
  }

  addEntry(cidr: string, score: number | null, where: () => EntryWhere): void {
    this.push(cidr, score, 'addEntry', where);
  }

  addEntryBytes(bytes: Uint8Array, start: number, end: number, score: number | null, where: () => EntryWhere): void {
    this.push(this.decoder.decode(bytes.subarray(start, end)), score, 'addEntryBytes', where);
  }

  /** The problems of dropped models and entries (the reader's reject calls). */
  readonly rejected: Problem[] = [];

  reject(problem: Problem): void {
    this.rejected.push(problem);
    this.problems.push(problem);
    this.calls.push(`reject ${problem.field}: ${problem.reason}`);
  }

  report(problem: Problem): void {
    this.problems.push(problem);
    this.calls.push(`problem ${problem.field}: ${problem.reason}`);
  }

  private push(cidr: string, score: number | null, via: CollectedEntry['via'], where: () => EntryWhere): void {
    if (this.current === null) throw new Error(`entry ${cidr} given for a domain the sink refused (or before any domain)`);
    this.entries.push({ domain: this.current, cidr, score, via, where: where() });
    this.calls.push(`entry ${this.current} ${cidr} ${score}`);
    this.onEntry?.(this.entries.length);
  }

  /** Domain → its entries in file order, in the form of the fixtures' expected-content JSON. */
  content(): Record<string, [string, JsonScore][]> {
    const out: Record<string, [string, JsonScore][]> = {};
    for (const { domain } of this.domains) out[domain] ??= [];
    for (const e of this.entries) out[e.domain].push([e.cidr, e.score !== null && Number.isNaN(e.score) ? 'NaN' : e.score]);
    return out;
  }

  /** The last version/threshold given (what an accumulator would keep). */
  get version(): string | null | undefined {
    return this.versions.at(-1);
  }
  get threshold(): number | null | undefined {
    return this.thresholds.at(-1);
  }
}
