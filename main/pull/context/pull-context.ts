// `smw pull context` and the app's context pull job (DESIGN §8): for one feedback pull (default
// the latest) and optionally a sender-model build, every feedback domain's SPF answers, the PTR
// names of the feedback addresses and of the build's entries beside them with their forward
// confirmation, and the AS of every feedback CIDR from local tables — into a `context` snapshot,
// written atomically like every other. Failed lookups are stored as failed and never fail the
// pull; a cancel saves nothing.

import type { SenderModelIndex } from '../../../shared/sender-model-index';
import type { ImportReport, Problem } from '../../../shared/types';
import { checkCancelBeforeCommit } from '../../ingest/options';
import { writeContext, type ContextMeta, type StoredAnswer } from '../../workspace/context-store';
import { SnapshotExistsError } from '../../workspace/errors';
import { readFeedbackItems } from '../../workspace/feedback-store';
import { readSenderModelIndex } from '../../workspace/sender-model-store';
import { contextPullId, validateSnapshotId } from '../../workspace/snapshot-id';
import type { Workspace } from '../../workspace/workspace';
import { isAbortError, PullCancelledError, PullError } from '../errors';
import { asOfCidrs, openAsnTable, type AsnTable } from './asn-table';
import { checkDnsServer, DEFAULT_TIMEOUT_MS, DEFAULT_TRIES, DnsClient, type DnsSource } from './dns-client';
import { gather, planGather, type GatherProgress } from './gather';

export interface ContextPullArgs {
  /** The feedback pull; default the one created last. */
  feedback?: string;
  /** A sender-model build, for the PTR names of the domain's entries in the same /24 or /48. */
  build?: string;
  /** `HOST[:PORT]`; default the system's resolvers. */
  dns?: string;
  /** IP-to-AS tables (ip2asn TSV or GeoLite2-ASN .mmdb, gzip or not). */
  asn?: string[];
  timeoutMs?: number;
  tries?: number;
  /** Default `context-YYYYMMDDTHHMMSSZ` of the pull's start. */
  id?: string;
  replace?: boolean;
}

export interface ContextPullOptions {
  signal?: AbortSignal;
  onProgress?: (progress: GatherProgress) => void;
  now?: () => Date;
  /** Answers from elsewhere than DNS (tests, the demo generator); `--dns` is then ignored. */
  source?: DnsSource;
  concurrency?: number;
}

/** What `pull context --json` prints (DESIGN §6). */
export interface ContextPullReport {
  id: string;
  kind: 'context';
  feedback: string;
  domains: number;
  addresses: number;
  lookups: number;
  failed: number;
  problems: Problem[];
}

type FailedAnswer = StoredAnswer & { answer: { status: 'failed'; error: string } };

/** Failed lookups listed one by one in the report; the rest are counted in one line. */
export const MAX_LISTED_FAILURES = 100;

export async function pullContext(ws: Workspace, args: ContextPullArgs, options: ContextPullOptions = {}): Promise<ContextPullReport> {
  const started = options.now?.() ?? new Date();
  const id = validateSnapshotId(args.id ?? contextPullId(started));
  const existing = ws.get(id);
  if (existing && !args.replace) throw new SnapshotExistsError(id, existing);
  const feedback = args.feedback ?? ws.latest('feedback')?.id;
  if (!feedback)
    throw new PullError(
      'usage',
      'no feedback pull in this workspace to pull the context of: import one (smw import feedback FILE) or pull one (smw pull feedback --pg …)',
    );
  const feedbackInfo = ws.get(feedback);
  if (!feedbackInfo) throw new PullError('not-found', `no snapshot '${feedback}' in this workspace (see smw list)`);
  if (feedbackInfo.kind !== 'feedback') throw new PullError('usage', `snapshot '${feedbackInfo.id}' is a ${feedbackInfo.kind}, not a feedback pull`);
  let build: SenderModelIndex | null = null;
  let buildId: string | null = null;
  if (args.build !== undefined) {
    const info = ws.get(args.build);
    if (!info) throw new PullError('not-found', `no snapshot '${args.build}' in this workspace (see smw list)`);
    if (info.kind !== 'sender-model') throw new PullError('usage', `--build '${info.id}' is a ${info.kind}, not a sender-model build`);
    build = readSnapshot(ws, info.id, readSenderModelIndex);
    buildId = info.id;
  }
  const problems: Problem[] = [];
  // The tables are read before any lookup: a wrong file fails in the first second.
  const tables: AsnTable[] = (args.asn ?? []).map((file) => openAsnTable(file, problems));
  const server = args.dns === undefined ? undefined : checkDnsServer(args.dns);
  const timeoutMs = args.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const tries = args.tries ?? DEFAULT_TRIES;

  const items = readSnapshot(ws, feedbackInfo.id, readFeedbackItems).authenticityItems.map((i) => ({ domain: i.domain, cidr: i.cidrText }));
  const client = options.source ?? new DnsClient({ server, timeoutMs, tries, concurrency: options.concurrency, signal: options.signal });
  const plan = planGather({ items, build });
  let result: Awaited<ReturnType<typeof gather>>;
  try {
    result = await gather(plan, client, { signal: options.signal, onProgress: options.onProgress });
  } catch (err) {
    if (options.signal?.aborted || isAbortError(err)) throw new PullCancelledError('the context pull');
    throw err;
  }
  const asByCidr = asOfCidrs(new Set(plan.items.map((i) => i.cidr)), tables);

  const failures = [...result.dns.entries()].filter((a): a is FailedAnswer => a.answer.status === 'failed');
  const asked = failures.filter((a) => !a.answer.error.startsWith('not asked'));
  asked.sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : x.type < y.type ? -1 : x.type > y.type ? 1 : 0));
  for (const a of asked.slice(0, MAX_LISTED_FAILURES)) problems.push({ field: a.type, value: a.name.slice(0, 100), reason: a.answer.error });
  if (asked.length > MAX_LISTED_FAILURES)
    problems.push({ field: 'dns', value: `${asked.length - MAX_LISTED_FAILURES} more failed lookups`, reason: 'they are stored in the snapshot as failed' });
  const stopped = client instanceof DnsClient ? client.stats.stoppedAnswering : null;
  if (stopped)
    problems.push({
      field: 'dns',
      value: client.servers.join(', ').slice(0, 100),
      reason: `${stopped}; ${failures.length - asked.length} lookups were not asked and are stored as failed`,
    });

  const resolver = options.source
    ? options.source.servers.join(', ')
    : server !== undefined
      ? server
      : `system (${client.servers.join(', ') || 'none configured'})`;
  const meta: ContextMeta = {
    feedback: feedbackInfo.id,
    build: buildId,
    resolver,
    pulledAt: started.toISOString(),
    timeoutMs,
    tries,
    asnTables: tables.map((t) => ({ file: t.file, format: t.format })),
  };
  const source = options.source ? `dns://${options.source.servers.join(',')}` : server !== undefined ? `dns://${server}` : 'dns://system';
  await ws
    .writeSnapshot('context', id, { source, replace: args.replace }, async (db) => {
      const rows = writeContext(db, { meta, items: plan.items, asByCidr, neighbours: plan.neighbours, answers: result.dns.entries() });
      await checkCancelBeforeCommit(options.signal);
      return { rows, meta: { ...meta, domains: result.domains, addresses: result.addresses, failed: failures.length } };
    })
    .catch((err: unknown) => {
      if (options.signal?.aborted || isAbortError(err)) throw new PullCancelledError('the context pull');
      throw err;
    });
  return {
    id,
    kind: 'context',
    feedback: feedbackInfo.id,
    domains: result.domains,
    addresses: result.addresses,
    lookups: result.dns.size,
    failed: failures.length,
    problems,
  };
}

/** The report as the job runner carries it (an ImportReport with the pull's own figures). */
export function contextImportReport(r: ContextPullReport): ImportReport {
  return {
    id: r.id,
    kind: 'context',
    kept: r.lookups - r.failed,
    skipped: 0,
    rejected: r.failed,
    replaced: 0,
    problems: r.problems,
    context: { feedback: r.feedback, domains: r.domains, addresses: r.addresses, lookups: r.lookups, failed: r.failed },
  };
}

function readSnapshot<T>(ws: Workspace, id: string, read: (db: ReturnType<Workspace['openSnapshot']>) => T): T {
  const db = ws.openSnapshot(id);
  try {
    return read(db);
  } finally {
    db.close();
  }
}
