// The app's "export the whole report": what `smw findings|reputation|compare` writes for the
// view's context (build A, optional B, feedback pull, cutoff, sender context), every match included, streamed
// to a file in exports/ as it is computed. Runs in a job worker: a report can be gigabytes.

import type { ApiArgs, ExportedFile } from '../../shared/api';
import { compareCsv, compareJson } from '../../shared/report/compare';
import { findingsCsv, findingsJson } from '../../shared/report/findings';
import { reputationCsv, reputationJson } from '../../shared/report/reputation';
import { writeExport } from '../workspace/exports';
import type { SnapshotCache } from '../workspace/snapshot-cache';
import { safe } from './export-rows';
import { compareInput, findingsInput, reputationInput } from './reports';

type ExportArgs = ApiArgs<'startReportExport'> & { cutoff: number };

export function reportFileName(args: ExportArgs): string {
  const what = args.buildB ? 'compare' : args.view === 'authenticity' ? 'findings' : 'reputation';
  const builds = args.buildB ? `${safe(args.buildA)}-vs-${safe(args.buildB)}` : safe(args.buildA);
  const context = args.context ? `-with-${safe(args.context)}` : '';
  return `${what}-${builds}-${args.feedback ? `${safe(args.feedback)}-` : ''}cutoff-${args.cutoff}${context}-report.${args.format}`;
}

/** What a job gives the export: its cancel, and where its progress goes (bytes written). */
export interface ExportControl {
  signal: AbortSignal;
  onProgress(progress: { bytesDone: number; bytesTotal: null; rowsDone: number }): void;
}

export function writeReportExport(cache: SnapshotCache, args: ExportArgs, control: ExportControl): ExportedFile {
  const { format } = args;
  // As `--context ID` and as the views resolve it: the context's feedback pull is the default.
  const context = args.context === undefined ? undefined : cache.senderContext(args.context);
  let chunks: Iterable<Uint8Array>;
  if (args.buildB) {
    const input = compareInput(cache, { base: args.buildA, candidate: args.buildB, feedback: args.feedback, cutoff: args.cutoff, context });
    chunks = format === 'json' ? compareJson(input) : compareCsv(input);
  } else if (args.view === 'authenticity') {
    const input = findingsInput(cache, { build: args.buildA, feedback: args.feedback, cutoff: args.cutoff, context }, { matches: format === 'json' });
    chunks = format === 'json' ? findingsJson(input) : findingsCsv(input);
  } else {
    const input = reputationInput(cache, { build: args.buildA, feedback: args.feedback, cutoff: args.cutoff });
    chunks = format === 'json' ? reputationJson(input) : reputationCsv(input);
  }
  return writeExport(
    cache.workspace.dataDir,
    reportFileName(args),
    format === 'json' ? 'application/json' : 'text/csv',
    withProgress(chunks, control),
    control.signal,
  );
}

function* withProgress(chunks: Iterable<Uint8Array>, control: ExportControl): Generator<Uint8Array> {
  let bytes = 0;
  for (const chunk of chunks) {
    yield chunk;
    bytes += chunk.length;
    control.onProgress({ bytesDone: bytes, bytesTotal: null, rowsDone: 0 });
  }
}
