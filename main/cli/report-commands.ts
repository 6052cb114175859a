// smw findings | reputation | compare (DESIGN §6): the report streamed to stdout as it is
// computed, with backpressure; a reader that closes the pipe early ends the command quietly.

import { compareCsv, compareJson, compareText, compareTransitions } from '../../shared/report/compare';
import { findingsCsv, findingsJson, findingsText } from '../../shared/report/findings';
import { reputationCsv, reputationJson, reputationText } from '../../shared/report/reputation';
import { compareInput, findingsInput, reputationInput } from '../views/reports';
import type { SenderContextSource } from '../../shared/sender-context';
import { SnapshotCache } from '../workspace/snapshot-cache';
import type { Workspace } from '../workspace/workspace';
import { optionalString, parse, required, type Options, type Values } from './args';
import { UsageError, type CliIo } from './cli-error';
import type { CommandName } from './usage';

const common: Options = { feedback: { type: 'string' }, cutoff: { type: 'string' }, json: { type: 'boolean' }, csv: { type: 'boolean' } };

function cutoffOf(command: CommandName, value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (typeof value !== 'string' || value.trim() === '' || !Number.isFinite(n))
    throw new UsageError(command, `--cutoff must be a number, got '${String(value)}'`);
  return n;
}

function format(command: CommandName, values: Values): 'json' | 'csv' | 'text' {
  if (values.json && values.csv) throw new UsageError(command, 'choose one of --json and --csv');
  return values.json ? 'json' : values.csv ? 'csv' : 'text';
}

/**
 * Writes every chunk of a report to stdout, waiting whenever stdout asks to (backpressure), and
 * stops at once when the reader has gone. Yields to the event loop now and then, so that a
 * closed pipe's error is seen even while every write is accepted at once.
 */
export async function writeReport(chunks: Iterable<Uint8Array>, io: CliIo): Promise<void> {
  let since = 0;
  for (const chunk of chunks) {
    if (io.stdoutClosed?.()) return;
    const wait = io.stdout(chunk);
    if (wait) await wait;
    since += chunk.length;
    if (since >= 16 << 20) {
      since = 0;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }
}

/** `--context ID` (DESIGN §8): the context snapshot's source, or undefined without the flag. */
function contextOf(cache: SnapshotCache, values: Values): SenderContextSource | undefined {
  const id = optionalString(values, 'context');
  return id === undefined ? undefined : cache.senderContext(id);
}

export async function runFindings(argv: string[], open: () => Workspace, io: CliIo): Promise<number> {
  const { values } = parse('findings', argv, { ...common, build: { type: 'string' }, context: { type: 'string' } }, 0);
  const out = format('findings', values);
  const cache = new SnapshotCache(open());
  const request = {
    build: required('findings', values, 'build'),
    feedback: optionalString(values, 'feedback'),
    cutoff: cutoffOf('findings', values.cutoff),
    context: contextOf(cache, values),
  };
  const input = findingsInput(cache, request, { matches: out === 'json' });
  await writeReport(out === 'json' ? findingsJson(input) : out === 'csv' ? findingsCsv(input) : findingsText(input), io);
  return 0;
}

export async function runReputation(argv: string[], open: () => Workspace, io: CliIo): Promise<number> {
  const { values } = parse('reputation', argv, { ...common, build: { type: 'string' } }, 0);
  const out = format('reputation', values);
  const input = reputationInput(new SnapshotCache(open()), {
    build: required('reputation', values, 'build'),
    feedback: optionalString(values, 'feedback'),
    cutoff: cutoffOf('reputation', values.cutoff),
  });
  await writeReport(out === 'json' ? reputationJson(input) : out === 'csv' ? reputationCsv(input) : reputationText(input), io);
  return 0;
}

export async function runCompare(argv: string[], open: () => Workspace, io: CliIo): Promise<number> {
  const { values } = parse(
    'compare',
    argv,
    { ...common, base: { type: 'string' }, candidate: { type: 'string' }, context: { type: 'string' }, 'fail-on-regression': { type: 'boolean' } },
    0,
  );
  const out = format('compare', values);
  const cache = new SnapshotCache(open());
  const base = required('compare', values, 'base');
  const candidate = required('compare', values, 'candidate');
  if (values.context !== undefined && cache.snapshot(base).kind === 'reputation') {
    throw new UsageError('compare', '--context adds the sender context of authenticity items: it is for sender-model builds, not reputation builds');
  }
  const input = compareInput(cache, {
    base,
    candidate,
    feedback: optionalString(values, 'feedback'),
    cutoff: cutoffOf('compare', values.cutoff),
    context: contextOf(cache, values),
  });
  await writeReport(out === 'json' ? compareJson(input) : out === 'csv' ? compareCsv(input) : compareText(input), io);
  const { regressed } = compareTransitions(input);
  if (values['fail-on-regression'] && regressed > 0) {
    io.stderr(`smw: ${regressed} item${regressed === 1 ? '' : 's'} regressed from ${input.base} to ${input.candidate}\n`);
    return 2;
  }
  return 0;
}
