// Reputation builds (DESIGN §3.2): `[[domain, {org_id: [risk, reason, …]}], …]`. Risk is a
// number; reasons are strings or other JSON values, kept as text. A bad entry is dropped and
// reported; an entry for a (domain, org) seen before replaces it (reported as replaced).
//
// A build is read element by element as its bytes arrive (JsonArrayScanner), and each entry
// goes to a sink as soon as it is checked, so a build of any size reads in flat memory. A file
// that is not a build at all (DESIGN §3.3: empty, another format, NUL bytes, not JSON, nested
// too deep) fails as a whole, its message naming the file and the byte.

import { concatBytes } from './bytes';
import { describeLook, firstInvalidUtf8, LOOK_HEAD_BYTES, lookOfStart } from './content-look';
import { normaliseDomain } from './domain';
import { JsonArrayScanner, JsonStreamError, MAX_JSON_DEPTH } from './json-array-stream';
import { normaliseOrg, orgKey } from './org';
import { ProblemList, problemValue } from './problems';
import type { Org, Problem } from './types';

export interface ReputationEntry {
  org: Org;
  risk: number;
  reasons: string[];
}

/** domain → org key → entry. */
export type ReputationBuild = Map<string, Map<string, ReputationEntry>>;

/** Where checked entries go: a Map in memory, or the snapshot's table as they come. */
export interface ReputationSink {
  /** Stores the entry of (domain, org); true when it replaced one stored before. */
  put(domain: string, entry: ReputationEntry): boolean;
}

export interface ReputationCounts {
  kept: number;
  rejected: number;
  replaced: number;
  problems: Problem[];
  /** Problems beyond the first MAX_KEPT_PROBLEMS: counted, not kept. */
  problemsDropped: number;
}

export interface ReputationParse extends ReputationCounts {
  build: ReputationBuild;
}

const SHAPE = 'expected an array of [domain, {org_id: [risk, reason, …]}]';

/** A file that is not a reputation build at all; the message names the file and the byte. */
export class ReputationFormatError extends Error {
  override name = 'ReputationFormatError';
  constructor(
    message: string,
    /** Byte offset in the file, when the problem is at one. */
    readonly offset?: number,
  ) {
    super(message);
  }
}

export function reasonText(reason: unknown): string {
  return typeof reason === 'string' ? reason : (JSON.stringify(reason) ?? String(reason));
}

/** Keeps the build in memory (tests, the analysis of small builds). */
export class MapReputationSink implements ReputationSink {
  readonly build: ReputationBuild = new Map();

  put(domain: string, entry: ReputationEntry): boolean {
    let perOrg = this.build.get(domain);
    if (!perOrg) {
      perOrg = new Map();
      this.build.set(domain, perOrg);
    }
    const key = orgKey(entry.org);
    const replaced = perOrg.has(key);
    perOrg.set(key, entry);
    return replaced;
  }
}

export class ReputationBuildParser {
  private readonly problemList = new ProblemList();
  private readonly counts = { kept: 0, rejected: 0, replaced: 0 };
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  private readonly lenient = new TextDecoder('utf-8');

  constructor(private readonly sink: ReputationSink = new MapReputationSink()) {}

  get result(): ReputationCounts {
    return { ...this.counts, problems: this.problemList.kept, problemsDropped: this.problemList.dropped };
  }

  /** One element of the top-level array; `row` is its 1-based position. */
  add(element: unknown, row: number): void {
    const problem = (field: string, value: unknown, reason: string) => {
      this.counts.rejected++;
      this.problemList.add({ row, field, value: problemValue(value), reason });
    };
    if (!Array.isArray(element) || element.length < 2) {
      problem('(entry)', element, 'not a [domain, {org: [risk, …]}] pair; entry dropped');
      return;
    }
    const [rawDomain, orgs] = element;
    const domain = typeof rawDomain === 'string' ? normaliseDomain(rawDomain) : null;
    if (domain === null) {
      problem('domain', rawDomain, 'not a valid domain; entry dropped');
      return;
    }
    if (typeof orgs !== 'object' || orgs === null || Array.isArray(orgs)) {
      problem(`${domain}`, orgs, 'org map is not a JSON object; entry dropped');
      return;
    }
    for (const [rawOrg, list] of Object.entries(orgs as Record<string, unknown>)) {
      const org = normaliseOrg(rawOrg);
      if (org === null) {
        problem(`${domain}.${rawOrg}`, rawOrg, 'not an org id; dropped');
        continue;
      }
      if (!Array.isArray(list) || typeof list[0] !== 'number' || !Number.isFinite(list[0])) {
        problem(`${domain}.${rawOrg}`, list, 'risk is not a number; dropped');
        continue;
      }
      if (this.sink.put(domain, { org, risk: list[0], reasons: list.slice(1).map(reasonText) })) this.counts.replaced++;
      else this.counts.kept++;
    }
  }

  /** One element as the scanner hands it on: JSON already checked, UTF-8 not yet. */
  addBytes(bytes: Uint8Array, offset: number, row: number): void {
    let text: string;
    try {
      text = this.decoder.decode(bytes);
    } catch {
      // Read with U+FFFD in place of the bad bytes, and say so; the entry's checks still apply.
      text = this.lenient.decode(bytes);
      const at = offset + Math.max(0, firstInvalidUtf8(bytes));
      this.problemList.add({
        row,
        field: '(entry)',
        value: problemValue(text),
        reason: `not valid UTF-8 at byte ${at}; read with U+FFFD in place of the bad bytes`,
      });
    }
    this.add(JSON.parse(text) as unknown, row);
  }
}

/**
 * Reads a build from its bytes, chunk by chunk: `push` each chunk, then `end`. Entries go to
 * the sink as they are read; the counts and problems are in `result`. Throws a
 * ReputationFormatError when the file is not a reputation build at all.
 */
export class ReputationBuildReader {
  readonly parser: ReputationBuildParser;
  private readonly scanner: JsonArrayScanner;
  /** The first bytes, held until LOOK_HEAD_BYTES have come, to say what a non-build is. */
  private head: Uint8Array[] | null = [];
  private headBytes = 0;

  constructor(
    private readonly name: string,
    sink: ReputationSink = new MapReputationSink(),
    maxDepth = MAX_JSON_DEPTH,
  ) {
    this.parser = new ReputationBuildParser(sink);
    this.scanner = new JsonArrayScanner((bytes, offset, row) => this.parser.addBytes(bytes, offset, row), maxDepth);
  }

  /** Elements read so far. */
  get entries(): number {
    return this.scanner.count;
  }

  push(chunk: Uint8Array): void {
    if (this.head) {
      this.head.push(chunk);
      this.headBytes += chunk.length;
      if (this.headBytes >= LOOK_HEAD_BYTES) this.releaseHead();
      return;
    }
    this.scan(chunk);
  }

  end(): ReputationCounts {
    if (this.head) this.releaseHead();
    try {
      this.scanner.end();
    } catch (error) {
      throw this.formatError(error, null);
    }
    return this.parser.result;
  }

  private releaseHead(): void {
    const parts = this.head!;
    this.head = null;
    const head = concatBytes(parts, this.headBytes);
    const look = lookOfStart(head);
    if (look && look.what !== 'empty') throw new ReputationFormatError(`${this.name}: not a reputation build: it is ${describeLook(look)}`, look.at);
    this.scan(head, head);
  }

  private scan(chunk: Uint8Array, head: Uint8Array | null = null): void {
    try {
      this.scanner.push(chunk);
    } catch (error) {
      throw this.formatError(error, head);
    }
  }

  private formatError(error: unknown, head: Uint8Array | null): unknown {
    if (!(error instanceof JsonStreamError)) return error;
    const at = error.offset;
    switch (error.kind) {
      case 'empty':
        return new ReputationFormatError(`${this.name}: not a reputation build: it is empty${at > 0 ? ' (only whitespace)' : ''}`, at);
      case 'nul':
        return new ReputationFormatError(`${this.name}: not a reputation build: it is binary (a NUL byte at byte ${at})`, at);
      case 'not-array': {
        // The head is always scanned first, so a document that is not an array is seen in it.
        const text = new TextDecoder()
          .decode(head ?? new Uint8Array())
          .replace(/^\ufeff/u, '')
          .trimStart();
        return new ReputationFormatError(
          `${this.name}: not a reputation build: expected a JSON array, but it starts with ${JSON.stringify(text.slice(0, 40))}`,
          at,
        );
      }
      case 'depth':
        return new ReputationFormatError(`${this.name}: not a reputation build: at byte ${at}, ${error.reason}; ${SHAPE}`, at);
      case 'syntax':
        return new ReputationFormatError(`${this.name}: not valid JSON at byte ${at}: ${error.reason}; ${SHAPE}`, at);
    }
  }
}

/** A whole build held as text (tests and small builds): the same reader, into a Map. */
export function parseReputationJson(text: string, name: string): ReputationParse {
  const sink = new MapReputationSink();
  const reader = new ReputationBuildReader(name, sink);
  reader.push(new TextEncoder().encode(text));
  return { ...reader.end(), build: sink.build };
}
