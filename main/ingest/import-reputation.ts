// Reputation build JSON → snapshot (DESIGN §3.2), read element by element as it streams from
// the file or the S3 body, each entry written as it is checked: memory stays flat whatever the
// build's size. A file that is not a reputation build at all fails as a whole, naming the file
// and the byte, and leaves nothing; bad entries inside a build are reported and dropped.

import { ReputationBuildReader } from '../../shared/reputation-build';
import type { ImportReport } from '../../shared/types';
import type { Workspace } from '../workspace/workspace';
import {
  baseName,
  checkCancelBeforeCommit,
  createImportSnapshot,
  inputChunks,
  inputSize,
  throwIfAborted,
  type ImportInput,
  type ImportOptions,
} from './options';
import { writeProblems } from '../workspace/problems-store';
import { createReputationTable, ReputationTableSink } from '../workspace/reputation-store';

/** `reputation-1472029516.15.json` → the build's time, as the version shown in the list. */
export function reputationVersion(name: string): string | null {
  const match = /reputation-(\d{9,}(?:\.\d+)?)\.json$/i.exec(baseName(name));
  return match ? new Date(Number(match[1]) * 1000).toISOString() : null;
}

export async function importReputation(ws: Workspace, input: ImportInput, options: ImportOptions): Promise<ImportReport> {
  const name = baseName(options.name);
  const bytesTotal = inputSize(input, options);
  const writer = createImportSnapshot(ws, 'reputation', options);
  try {
    createReputationTable(writer.db);
    const sink = new ReputationTableSink(writer.db);
    const reader = new ReputationBuildReader(name, sink);
    let bytesDone = 0;
    // One transaction for the whole build: a new file's pages are not journalled, and SQLite's
    // page cache stays at its few MB whatever the build's size.
    writer.db.exec('BEGIN');
    for await (const chunk of inputChunks(input, options.signal)) {
      throwIfAborted(options.signal);
      reader.push(chunk);
      bytesDone += chunk.byteLength;
      options.onProgress?.({ bytesDone, bytesTotal, rowsDone: reader.entries });
    }
    const parsed = reader.end();
    writer.db.exec('COMMIT');
    writeProblems(writer.db, parsed.problems);
    await checkCancelBeforeCommit(options.signal);
    writer.commit({
      rows: sink.rows,
      version: reputationVersion(name),
      meta: { ...options.meta, problems: parsed.problems.length + parsed.problemsDropped, replaced: parsed.replaced },
    });
    return {
      id: writer.id,
      kind: 'reputation',
      kept: parsed.kept,
      skipped: 0,
      rejected: parsed.rejected,
      replaced: parsed.replaced,
      problems: parsed.problems,
    };
  } catch (error) {
    writer.abort();
    throw error;
  }
}
