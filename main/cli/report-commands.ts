// smw findings | reputation | compare

import { COMPARE_AUTHENTICITY_CSV_COLUMNS, COMPARE_REPUTATION_CSV_COLUMNS, FINDINGS_CSV_COLUMNS, itemsToCsv, REPUTATION_CSV_COLUMNS } from '../../shared/report-csv';
import { compareText, findingsText, reputationText } from '../../shared/report-text';
import { compareFor, findingsFor, reputationFor } from '../core/reports';
import { SnapshotCache } from '../core/snapshot-cache';
import type { Workspace } from '../workspace/workspace';
import { CliError, type CliIo } from './cli-error';
import { parse, type Options } from './smw';

const common: Options = { feedback: { type: 'string' }, cutoff: { type: 'string' }, json: { type: 'boolean' }, csv: { type: 'boolean' } };

function cutoffOf(value: string | boolean | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (typeof value !== 'string' || value.trim() === '' || !Number.isFinite(n)) throw new CliError(`--cutoff must be a number, got '${value}'`);
  return n;
}

function required(values: Record<string, unknown>, name: string): string {
  const v = values[name];
  if (typeof v !== 'string' || v === '') throw new CliError(`--${name} ID is required (see smw list)`);
  return v;
}

function format(values: Record<string, unknown>): 'json' | 'csv' | 'text' {
  if (values.json && values.csv) throw new CliError('choose one of --json and --csv');
  return values.json ? 'json' : values.csv ? 'csv' : 'text';
}

export function runFindings(argv: string[], open: () => Workspace, io: CliIo): number {
  const { values } = parse(argv, { ...common, build: { type: 'string' } }, 0);
  const out = format(values);
  const report = findingsFor(new SnapshotCache(open()), { build: required(values, 'build'), feedback: values.feedback as string | undefined, cutoff: cutoffOf(values.cutoff) });
  io.stdout(out === 'json' ? `${JSON.stringify(report)}\n` : out === 'csv' ? itemsToCsv(report.items, FINDINGS_CSV_COLUMNS) : findingsText(report));
  return 0;
}

export function runReputation(argv: string[], open: () => Workspace, io: CliIo): number {
  const { values } = parse(argv, { ...common, build: { type: 'string' } }, 0);
  const out = format(values);
  const report = reputationFor(new SnapshotCache(open()), { build: required(values, 'build'), feedback: values.feedback as string | undefined, cutoff: cutoffOf(values.cutoff) });
  io.stdout(out === 'json' ? `${JSON.stringify(report)}\n` : out === 'csv' ? itemsToCsv(report.items, REPUTATION_CSV_COLUMNS) : reputationText(report));
  return 0;
}

export function runCompare(argv: string[], open: () => Workspace, io: CliIo): number {
  const { values } = parse(argv, { ...common, base: { type: 'string' }, candidate: { type: 'string' }, 'fail-on-regression': { type: 'boolean' } }, 0);
  const out = format(values);
  const report = compareFor(new SnapshotCache(open()), { base: required(values, 'base'), candidate: required(values, 'candidate'), feedback: values.feedback as string | undefined, cutoff: cutoffOf(values.cutoff) });
  const columns = report.kind === 'sender-model' ? COMPARE_AUTHENTICITY_CSV_COLUMNS : COMPARE_REPUTATION_CSV_COLUMNS;
  io.stdout(out === 'json' ? `${JSON.stringify(report)}\n` : out === 'csv' ? itemsToCsv(report.items, columns) : compareText(report));
  if (values['fail-on-regression'] && report.transitions.regressed > 0) {
    io.stderr(`smw: ${report.transitions.regressed} item${report.transitions.regressed === 1 ? '' : 's'} regressed from ${report.base} to ${report.candidate}\n`);
    return 2;
  }
  return 0;
}
