// smw findings | reputation | compare

import { COMPARE_AUTHENTICITY_CSV_COLUMNS, COMPARE_REPUTATION_CSV_COLUMNS, FINDINGS_CSV_COLUMNS, itemsToCsv, REPUTATION_CSV_COLUMNS } from '../../shared/report-csv';
import { compareText, findingsText, reputationText } from '../../shared/report-text';
import { compareFor, findingsFor, reputationFor } from '../views/reports';
import { SnapshotCache } from '../workspace/snapshot-cache';
import type { Workspace } from '../workspace/workspace';
import { parse, required, type Options } from './args';
import { UsageError, type CliIo } from './cli-error';
import type { CommandName } from './usage';

const common: Options = { feedback: { type: 'string' }, cutoff: { type: 'string' }, json: { type: 'boolean' }, csv: { type: 'boolean' } };

function cutoffOf(command: CommandName, value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (typeof value !== 'string' || value.trim() === '' || !Number.isFinite(n)) throw new UsageError(command, `--cutoff must be a number, got '${String(value)}'`);
  return n;
}

function format(command: CommandName, values: Record<string, unknown>): 'json' | 'csv' | 'text' {
  if (values.json && values.csv) throw new UsageError(command, 'choose one of --json and --csv');
  return values.json ? 'json' : values.csv ? 'csv' : 'text';
}

export async function runFindings(argv: string[], open: () => Workspace, io: CliIo): Promise<number> {
  const { values } = parse('findings', argv, { ...common, build: { type: 'string' } }, 0);
  const out = format('findings', values);
  const report = findingsFor(new SnapshotCache(open()), { build: required('findings', values, 'build'), feedback: values.feedback as string | undefined, cutoff: cutoffOf('findings', values.cutoff) });
  io.stdout(out === 'json' ? `${JSON.stringify(report)}\n` : out === 'csv' ? itemsToCsv(report.items, FINDINGS_CSV_COLUMNS) : findingsText(report));
  return 0;
}

export async function runReputation(argv: string[], open: () => Workspace, io: CliIo): Promise<number> {
  const { values } = parse('reputation', argv, { ...common, build: { type: 'string' } }, 0);
  const out = format('reputation', values);
  const report = reputationFor(new SnapshotCache(open()), { build: required('reputation', values, 'build'), feedback: values.feedback as string | undefined, cutoff: cutoffOf('reputation', values.cutoff) });
  io.stdout(out === 'json' ? `${JSON.stringify(report)}\n` : out === 'csv' ? itemsToCsv(report.items, REPUTATION_CSV_COLUMNS) : reputationText(report));
  return 0;
}

export async function runCompare(argv: string[], open: () => Workspace, io: CliIo): Promise<number> {
  const { values } = parse('compare', argv, { ...common, base: { type: 'string' }, candidate: { type: 'string' }, 'fail-on-regression': { type: 'boolean' } }, 0);
  const out = format('compare', values);
  const report = compareFor(new SnapshotCache(open()), { base: required('compare', values, 'base'), candidate: required('compare', values, 'candidate'), feedback: values.feedback as string | undefined, cutoff: cutoffOf('compare', values.cutoff) });
  const columns = report.kind === 'sender-model' ? COMPARE_AUTHENTICITY_CSV_COLUMNS : COMPARE_REPUTATION_CSV_COLUMNS;
  io.stdout(out === 'json' ? `${JSON.stringify(report)}\n` : out === 'csv' ? itemsToCsv(report.items, columns) : compareText(report));
  if (values['fail-on-regression'] && report.transitions.regressed > 0) {
    io.stderr(`smw: ${report.transitions.regressed} item${report.transitions.regressed === 1 ? '' : 's'} regressed from ${report.base} to ${report.candidate}\n`);
    return 2;
  }
  return 0;
}
