// DNS lookups for a context pull (DESIGN §8): Node's resolver (c-ares), `--dns HOST[:PORT]` or
// the system's servers, at most `concurrency` lookups in flight, each try given `timeoutMs` and
// each lookup `tries` tries. A lookup never throws: it answers records, NXDOMAIN, no data, or
// failed with the reason, and a failed lookup never fails the pull.
//
// The per-try timer is our own: c-ares backs off between its tries (a 2 s timeout with 2 tries
// waits up to ~6 s), so it gets one try per call and the deadline is kept here. When the server
// stops answering altogether — `BREAKER_LOOKUPS` lookups in a row timed out or were refused,
// with no answer between them — the lookups not yet asked fail at once ("not asked"), so a
// pull against a silent or refusing server ends within about two rounds of timeouts instead of
// one per batch of lookups.

import { Resolver } from 'node:dns/promises';
import type { DnsAnswer, DnsRecords, RRType } from '../../../shared/dns-answers';
import { PullCancelledError } from '../errors';

export const DEFAULT_TIMEOUT_MS = 2000;
export const DEFAULT_TRIES = 2;
export const DEFAULT_CONCURRENCY = 32;

/** Where lookups go; the pull's logic depends on this only (tests and the demo answer from a zone). */
export interface DnsSource {
  /** The servers asked, for the snapshot's record of its resolver. */
  readonly servers: string[];
  lookup<T extends RRType>(name: string, type: T): Promise<DnsAnswer<T>>;
}

export interface DnsClientOptions {
  /** `HOST[:PORT]` (IPv6 as `[::1]:5353`); default the system's resolvers. */
  server?: string;
  timeoutMs?: number;
  tries?: number;
  concurrency?: number;
  signal?: AbortSignal;
}

export interface DnsStats {
  lookups: number;
  failed: number;
  /** Lookups failed without being asked, after the server stopped answering. */
  notAsked: number;
  /** Set when the breaker tripped: why the rest were not asked. */
  stoppedAnswering: string | null;
}

type Trouble = 'timeout' | 'refused';
/** A try that got no usable answer: what happened, and whether it says the server is in trouble. */
interface Failure {
  failure: string;
  trouble: Trouble | null;
}

const CODES: Record<string, string> = {
  ETIMEOUT: 'timed out',
  ESERVFAIL: 'SERVFAIL',
  EREFUSED: 'REFUSED',
  ECONNREFUSED: 'connection refused',
  EFORMERR: 'FORMERR',
  ENOTIMP: 'NOTIMP',
  EBADRESP: 'a malformed answer',
  EBADNAME: 'not a valid DNS name',
};

export class DnsClient implements DnsSource {
  readonly servers: string[];
  readonly stats: DnsStats = { lookups: 0, failed: 0, notAsked: 0, stoppedAnswering: null };
  private readonly resolver: Resolver;
  private readonly timeoutMs: number;
  private readonly tries: number;
  private readonly concurrency: number;
  private readonly breakerLookups: number;
  private readonly signal?: AbortSignal;
  private active = 0;
  private readonly queue: Array<() => void> = [];
  private troubleInARow = 0;
  /** Tries under way, ended at once by a cancel (one listener on the signal for all of them). */
  private readonly underWay = new Set<() => void>();

  constructor(options: DnsClientOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.tries = options.tries ?? DEFAULT_TRIES;
    this.concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
    this.breakerLookups = Math.max(16, 2 * this.concurrency);
    this.signal = options.signal;
    this.resolver = new Resolver({ timeout: this.timeoutMs, tries: 1 });
    if (options.server !== undefined) this.resolver.setServers([options.server]);
    this.servers = this.resolver.getServers();
    this.signal?.addEventListener(
      'abort',
      () => {
        for (const end of [...this.underWay]) end();
        this.drainQueue();
      },
      { once: true },
    );
  }

  async lookup<T extends RRType>(name: string, type: T): Promise<DnsAnswer<T>> {
    await this.slot();
    try {
      this.stats.lookups++;
      if (this.stats.stoppedAnswering) {
        this.stats.failed++;
        this.stats.notAsked++;
        return { status: 'failed', error: `not asked: ${this.stats.stoppedAnswering}` };
      }
      const answer = await this.ask(name, type);
      if (answer.status === 'failed') this.stats.failed++;
      return answer;
    } finally {
      this.release();
    }
  }

  /** Ends the lookups queued or under way at once (cancel). */
  private drainQueue(): void {
    for (const run of this.queue.splice(0)) run();
  }

  private slot(): Promise<void> {
    if (this.signal?.aborted) return Promise.reject(new PullCancelledError('the context pull'));
    if (this.active < this.concurrency) {
      this.active++;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) =>
      this.queue.push(() => {
        if (this.signal?.aborted) return reject(new PullCancelledError('the context pull'));
        this.active++;
        resolve();
      }),
    );
  }

  private release(): void {
    this.active--;
    const next = this.queue.shift();
    if (next) next();
  }

  private async ask<T extends RRType>(name: string, type: T): Promise<DnsAnswer<T>> {
    let last: Failure = { failure: 'timed out', trouble: 'timeout' };
    for (let attempt = 1; attempt <= this.tries; attempt++) {
      if (this.signal?.aborted) throw new PullCancelledError('the context pull');
      const outcome = await this.once(name, type);
      if (!('failure' in outcome)) {
        this.troubleInARow = 0;
        return outcome;
      }
      last = outcome;
      // A refusal is an answer of sorts; asking again would only be refused again.
      if (outcome.trouble === 'refused') break;
      if (outcome.trouble === null && outcome.failure !== 'SERVFAIL') break;
    }
    if (last.trouble) {
      if (++this.troubleInARow >= this.breakerLookups && !this.stats.stoppedAnswering) {
        const what = last.trouble === 'timeout' ? 'timed out' : 'were refused';
        this.stats.stoppedAnswering = `${this.servers.join(', ') || 'the DNS server'} stopped answering (${this.troubleInARow} lookups in a row ${what})`;
      }
    } else {
      this.troubleInARow = 0;
    }
    const tried = last.trouble === 'timeout' ? ` (${this.tries} ${this.tries === 1 ? 'try' : 'tries'} of ${this.timeoutMs} ms)` : '';
    return { status: 'failed', error: `${last.failure}${tried}` };
  }

  private async once<T extends RRType>(name: string, type: T): Promise<DnsAnswer<T> | Failure> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let onAbort: (() => void) | undefined;
    // A cancel ends the try at once, not at its deadline.
    const deadline = new Promise<'timeout' | 'aborted'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), this.timeoutMs);
      onAbort = () => resolve('aborted');
      this.underWay.add(onAbort);
    });
    const query = this.query(name, type).then(
      (records) => ({ records }),
      (err: unknown) => ({ err }),
    );
    try {
      const outcome = await Promise.race([query, deadline]);
      if (outcome === 'aborted') throw new PullCancelledError('the context pull');
      if (outcome === 'timeout') return { failure: 'timed out', trouble: 'timeout' };
      if ('records' in outcome) {
        return (outcome.records as unknown[]).length === 0 ? { status: 'nodata' } : { status: 'ok', records: outcome.records };
      }
      const code = (outcome.err as { code?: string }).code ?? '';
      if (code === 'ENOTFOUND') return { status: 'nxdomain' };
      if (code === 'ENODATA') return { status: 'nodata' };
      if (code === 'ETIMEOUT') return { failure: 'timed out', trouble: 'timeout' };
      if (code === 'EREFUSED' || code === 'ECONNREFUSED') return { failure: CODES[code], trouble: 'refused' };
      return { failure: CODES[code] ?? (code || (outcome.err as Error).message || 'failed'), trouble: null };
    } finally {
      clearTimeout(timer);
      if (onAbort) this.underWay.delete(onAbort);
    }
  }

  private query<T extends RRType>(name: string, type: T): Promise<DnsRecords[T]> {
    const r = this.resolver;
    switch (type) {
      case 'TXT':
        return r.resolveTxt(name) as Promise<DnsRecords[T]>;
      case 'A':
        return r.resolve4(name) as Promise<DnsRecords[T]>;
      case 'AAAA':
        return r.resolve6(name) as Promise<DnsRecords[T]>;
      case 'MX':
        return r.resolveMx(name).then((mx) => mx.map(({ priority, exchange }) => ({ priority, exchange }))) as Promise<DnsRecords[T]>;
      case 'PTR':
        return r.resolvePtr(name) as Promise<DnsRecords[T]>;
    }
    throw new Error(`unknown record type ${String(type)}`);
  }
}

/** `HOST[:PORT]` as c-ares takes it; throws a line a person can act on. */
export function checkDnsServer(text: string): string {
  const m = /^(?:\[([0-9a-fA-F:.]+)\]|([0-9.]+)|([0-9a-fA-F:]+))(?::(\d{1,5}))?$/.exec(text);
  const port = m?.[4] === undefined ? null : Number(m[4]);
  if (!m || (port !== null && (port < 1 || port > 65535))) {
    throw new Error(`--dns '${text}' is not a DNS server address; give an IP address and an optional port, like 127.0.0.1:5353 or [::1]:53`);
  }
  // A bare IPv6 address with a port would be ambiguous: c-ares wants brackets then.
  return m[3] !== undefined && port === null ? m[3] : text;
}
