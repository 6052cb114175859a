// smw import | list | demo

import fs from 'node:fs';
import path from 'node:path';
import type { ImportReport, SnapshotKind } from '../../shared/types';
import { importDemo, importFile } from '../ingest';
import type { Workspace } from '../workspace/workspace';
import { optionalString, parse } from './args';
import { CliError, UsageError, type CliIo } from './cli-error';
import { problemLine } from './problem-line';
import { ProgressBar } from './progress-bar';

const KINDS: SnapshotKind[] = ['sender-model', 'reputation', 'feedback'];

export function reportImport(report: ImportReport, source: string, json: boolean, io: CliIo): void {
  for (const p of report.problems) io.stderr(`${problemLine(source, p)}\n`);
  if (json) io.stdout(`${JSON.stringify(report)}\n`);
  else
    io.stdout(
      `imported ${report.kind} ${report.id}: ${report.kept} kept, ${report.skipped} skipped, ${report.rejected} rejected, ${report.replaced} replaced\n`,
    );
}

export async function runImport(argv: string[], open: () => Workspace, io: CliIo): Promise<number> {
  const { values, positionals } = parse('import', argv, { id: { type: 'string' }, replace: { type: 'boolean' }, json: { type: 'boolean' } }, 2);
  const [kind, file] = positionals;
  if (!KINDS.includes(kind as SnapshotKind)) throw new UsageError('import', `unknown kind '${kind}': expected sender-model, reputation or feedback`);
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new CliError(`${file}: no such file`);
  const bar = new ProgressBar(io);
  const name = path.basename(file);
  try {
    const report = await importFile(open(), kind as SnapshotKind, file, {
      id: optionalString(values, 'id'),
      replace: Boolean(values.replace),
      name,
      source: path.resolve(file),
      onProgress: (p) => bar.show(name, p, kind),
    });
    bar.clear();
    reportImport(report, name, Boolean(values.json), io);
    return 0;
  } finally {
    bar.clear();
  }
}

export function runList(argv: string[], open: () => Workspace, io: CliIo): number {
  const { values } = parse('list', argv, { json: { type: 'boolean' } }, 0);
  const snapshots = open()
    .list()
    .map(({ id, kind, source, createdAt, rows, bytes, version, threshold }) => ({
      id,
      kind,
      source,
      createdAt,
      rows,
      bytes,
      ...(version != null ? { version } : {}),
      ...(threshold != null ? { threshold } : {}),
    }));
  if (values.json) {
    io.stdout(`${JSON.stringify({ snapshots })}\n`);
    return 0;
  }
  if (snapshots.length === 0) {
    io.stdout('No snapshots in this workspace. Import one (smw import …), pull one (smw pull …) or load the demo (smw demo).\n');
    return 0;
  }
  const rows = [
    ['ID', 'KIND', 'CREATED', 'ROWS', 'SIZE', 'VERSION'],
    ...snapshots.map((s) => [s.id, s.kind, s.createdAt, String(s.rows), formatBytes(s.bytes), s.version ?? '']),
  ];
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  for (const r of rows)
    io.stdout(
      `${r
        .map((cell, c) => cell.padEnd(widths[c]))
        .join('  ')
        .trimEnd()}\n`,
    );
  return 0;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GB`;
}

export async function runDemo(argv: string[], open: () => Workspace, io: CliIo, demoDir?: string): Promise<number> {
  const { values } = parse('demo', argv, { replace: { type: 'boolean' }, json: { type: 'boolean' } }, 0);
  const reports = await importDemo(open(), { replace: Boolean(values.replace), demoDir });
  if (values.json) io.stdout(`${JSON.stringify({ imported: reports })}\n`);
  else if (reports.length === 0) io.stdout('The demo snapshots are already in this workspace (use --replace to import them again).\n');
  else for (const r of reports) io.stdout(`imported ${r.kind} ${r.id}: ${r.kept} kept, ${r.skipped} skipped, ${r.rejected} rejected, ${r.replaced} replaced\n`);
  return 0;
}
