// Feedback → snapshot (DESIGN §3.3): the JSON Lines file form, or rows streamed from
// PostgreSQL. Bad rows never stop an import: each is reported. A file that is not feedback at
// all (empty, another format, binary, no line of JSON) fails as a whole and registers nothing.

import { FeedbackLinesReader, FeedbackParser, type FeedbackLine, type RawFeedbackRow } from '../../shared/feedback';
import type { ImportReport } from '../../shared/types';
import type { Workspace } from '../workspace/workspace';
import { createFeedbackTables, FeedbackRowWriter, writeFeedback } from '../workspace/feedback-store';
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

async function importRows(
  ws: Workspace,
  rows: AsyncIterable<FeedbackLine>,
  options: ImportOptions,
  bytesDone: () => number,
  bytesTotal: number | undefined,
): Promise<ImportReport> {
  const writer = createImportSnapshot(ws, 'feedback', options);
  try {
    createFeedbackTables(writer.db);
    const rowWriter = new FeedbackRowWriter(writer.db);
    const parser = new FeedbackParser();
    let seq = 0;
    writer.db.exec('BEGIN');
    for await (const item of rows) {
      if ('problem' in item) {
        parser.reject(item.problem);
        continue;
      }
      seq++;
      for (const note of item.notes) parser.note(note);
      // A row too deep to store or read is dropped before anything walks it.
      if (parser.checkDepth(item.row, { line: item.line, seq })) {
        rowWriter.write(item.row, seq, item.line);
        parser.add(item.row, { line: item.line, seq });
      }
      if (seq % 5000 === 0) {
        throwIfAborted(options.signal);
        options.onProgress?.({ bytesDone: bytesDone(), bytesTotal, rowsDone: seq });
      }
    }
    writer.db.exec('COMMIT');
    throwIfAborted(options.signal);
    options.onProgress?.({ bytesDone: bytesDone(), bytesTotal, rowsDone: seq });
    const result = parser.result;
    writeFeedback(writer.db, result.authenticity, result.reputation);
    writeProblems(writer.db, result.problems);
    await checkCancelBeforeCommit(options.signal);
    writer.commit({ rows: seq, meta: { ...options.meta, problems: result.problems.length + result.problemsDropped, skipped: result.skipped } });
    return { id: writer.id, kind: 'feedback', kept: result.kept, skipped: result.skipped, rejected: result.rejected, replaced: 0, problems: result.problems };
  } catch (error) {
    writer.abort();
    throw error;
  }
}

/** JSON Lines, one object per row; `suggestion`/`context` may be JSON text or objects. */
export async function importFeedbackFile(ws: Workspace, input: ImportInput, options: ImportOptions): Promise<ImportReport> {
  const name = baseName(options.name);
  const bytesTotal = inputSize(input, options);
  let bytes = 0;
  async function* lines(): AsyncGenerator<FeedbackLine> {
    const reader = new FeedbackLinesReader(name);
    for await (const chunk of inputChunks(input, options.signal)) {
      bytes += chunk.byteLength;
      yield* reader.push(chunk);
    }
    yield* reader.end();
  }
  return importRows(ws, lines(), { ...options, name }, () => bytes, bytesTotal);
}

/** Rows already read (PostgreSQL): their position is the row order of the read. */
export async function importFeedbackRows(ws: Workspace, rows: AsyncIterable<RawFeedbackRow>, options: ImportOptions): Promise<ImportReport> {
  async function* placed(): AsyncGenerator<FeedbackLine> {
    for await (const row of rows) yield { row, notes: [] };
  }
  return importRows(ws, placed(), options, () => 0, options.bytesTotal);
}
