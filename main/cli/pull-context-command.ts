// `smw pull context [--feedback ID] [--build ID] [--dns HOST[:PORT]] [--asn FILE]... [--timeout MS]
// [--tries N] [--id ID] [--replace] [--json]` (DESIGN §6, §8). Progress (names done / total) on
// stderr when it is a terminal; a closing line on stdout, or the pull's summary as JSON with
// --json; failed lookups on stderr, one per line. Exit 0 even when lookups failed: they are
// recorded in the snapshot. Ctrl-C cancels and saves nothing.

import { parse } from './args';
import { UsageError, type CliIo } from './cli-error';
import { oneLine } from './one-line';
import { problemLine } from './problem-line';
import { gauge, TerminalLine } from './progress-bar';
import { cancelOnSigint } from './pull-cancel';
import { Workspace } from '../workspace/workspace';
import { checkDnsServer, DEFAULT_TIMEOUT_MS, DEFAULT_TRIES } from '../pull/context/dns-client';
import type { GatherProgress } from '../pull/context/gather';
import { pullContext, type ContextPullArgs, type ContextPullReport } from '../pull/context/pull-context';

const usage = (message: string) => new UsageError('pull context', message);

export interface PullContextOptions {
  /** Tests: a signal instead of Ctrl-C. */
  signal?: AbortSignal;
}

export async function runPullContext(argv: string[], io: CliIo, dataDir: string, options: PullContextOptions = {}): Promise<number> {
  const cancel = cancelOnSigint(io, options.signal);
  const bar = new ContextBar(io);
  let ws: Workspace | undefined;
  try {
    const { args, json } = parseContextCommand(argv);
    ws = Workspace.open(dataDir);
    const started = performance.now();
    const report = await pullContext(ws, args, { signal: cancel.signal, onProgress: (p) => bar.show(p) });
    bar.clear();
    for (const p of report.problems) io.stderr(`${problemLine('context', p)}\n`);
    const via = args.dns ?? 'the system resolvers';
    if (report.lookups > 0 && report.failed === report.lookups) {
      io.stderr(`smw: every lookup failed: check that ${via} answers DNS queries (--dns HOST[:PORT]); the snapshot holds them as failed\n`);
    }
    if (json) io.stdout(`${JSON.stringify(report)}\n`);
    else io.stdout(`${closingLine(report, via, (performance.now() - started) / 1000)}\n`);
    return 0;
  } catch (err) {
    bar.clear();
    io.stderr(`smw: ${oneLine(err)}\n`);
    return 1;
  } finally {
    cancel.dispose();
    ws?.close();
  }
}

export function parseContextCommand(argv: string[]): { args: ContextPullArgs; json: boolean } {
  const { values } = parse(
    'pull context',
    argv,
    {
      feedback: { type: 'string' },
      build: { type: 'string' },
      dns: { type: 'string' },
      asn: { type: 'string', multiple: true },
      timeout: { type: 'string' },
      tries: { type: 'string' },
      id: { type: 'string' },
      replace: { type: 'boolean' },
      json: { type: 'boolean' },
    },
    0,
  );
  const args: ContextPullArgs = { replace: Boolean(values.replace) };
  for (const name of ['feedback', 'build', 'id'] as const) {
    const v = values[name];
    if (v !== undefined) args[name] = v as string;
  }
  if (values.dns !== undefined) {
    try {
      args.dns = checkDnsServer(values.dns as string);
    } catch (err) {
      throw usage((err as Error).message);
    }
  }
  if (values.asn !== undefined) args.asn = values.asn as string[];
  args.timeoutMs = whole(values.timeout, 'timeout', 'milliseconds per try, like 2000', DEFAULT_TIMEOUT_MS, 1, 600_000);
  args.tries = whole(values.tries, 'tries', 'tries per lookup, like 2', DEFAULT_TRIES, 1, 10);
  return { args, json: Boolean(values.json) };
}

function whole(value: unknown, name: string, what: string, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (typeof value !== 'string' || !/^\d+$/.test(value) || n < min || n > max)
    throw usage(`--${name} must be a whole number from ${min} to ${max} (${what}), got '${String(value)}'`);
  return n;
}

function closingLine(r: ContextPullReport, via: string, seconds: number): string {
  const failed = r.failed > 0 ? ` (${r.failed.toLocaleString('en-US')} failed)` : '';
  return `pulled context ${r.id} for ${r.feedback} : ${r.domains.toLocaleString('en-US')} domains, ${r.addresses.toLocaleString('en-US')} addresses, ${r.lookups.toLocaleString('en-US')} lookups${failed} via ${via} in ${seconds.toFixed(1)} s`;
}

/** One line redrawn in place on a terminal: names done / total, lookups, failures. */
class ContextBar extends TerminalLine {
  show(p: GatherProgress): void {
    if (!this.due(p.done >= p.total)) return;
    const share = p.total === 0 ? 1 : p.done / p.total;
    const failed = p.failed > 0 ? `  (${p.failed.toLocaleString('en-US')} failed)` : '';
    this.draw(
      `context  ${gauge(share)} ${p.done.toLocaleString('en-US')} / ${p.total.toLocaleString('en-US')} names  ${p.lookups.toLocaleString('en-US')} lookups${failed}`,
    );
  }
}
