// Feedback → snapshot (DESIGN §3.3): the JSON Lines file form, or rows streamed from
// PostgreSQL. Bad rows never stop an import; each is reported.

import fs from 'node:fs';
import readline from 'node:readline';
import { Readable } from 'node:stream';
import { FeedbackParser, type RawFeedbackRow } from '../../shared/feedback';
import type { ImportReport } from '../../shared/types';
import { defaultIdFromName } from '../workspace/snapshot-id';
import type { Workspace } from '../workspace/workspace';
import { createFeedbackTables, FeedbackRowWriter, writeFeedback } from '../workspace/feedback-store';
import { baseName, checkCancelBeforeCommit, inputSize, throwIfAborted, type ImportInput, type ImportOptions } from './options';
import { writeProblems } from '../workspace/problems-store';

/** A row and where it came from. */
export interface PlacedRow {
  row: RawFeedbackRow;
  line?: number;
}

async function importRows(ws: Workspace, rows: AsyncIterable<PlacedRow | { problem: { line: number; value: string; reason: string } }>, options: ImportOptions, bytesDone: () => number, bytesTotal: number | undefined): Promise<ImportReport> {
  const id = options.id ?? defaultIdFromName(baseName(options.name));
  const writer = ws.createSnapshot('feedback', id, { replace: options.replace, source: options.source, demo: options.demo });
  try {
    createFeedbackTables(writer.db);
    const rowWriter = new FeedbackRowWriter(writer.db);
    const parser = new FeedbackParser();
    let seq = 0;
    writer.db.exec('BEGIN');
    for await (const item of rows) {
      if ('problem' in item) {
        parser.result.rejected++;
        parser.result.problems.push({ line: item.problem.line, field: '(line)', value: item.problem.value, reason: item.problem.reason });
        continue;
      }
      seq++;
      rowWriter.write(item.row, seq, item.line);
      parser.add(item.row, { line: item.line, seq });
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
    writer.commit({ rows: seq, meta: { ...options.meta, problems: result.problems.length, skipped: result.skipped } });
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
  const stream = typeof input === 'string' ? fs.createReadStream(input) : Readable.from(input);
  let bytes = 0;
  stream.on('data', (chunk: Buffer | string) => (bytes += chunk.length));
  async function* lines(): AsyncGenerator<PlacedRow | { problem: { line: number; value: string; reason: string } }> {
    let n = 0;
    const reader = readline.createInterface({ input: stream, crlfDelay: Infinity });
    try {
      for await (const line of reader) {
        n++;
        if (n === 1 && line.trimStart().startsWith('<')) {
          throw new Error(`${name}: not a feedback file: expected JSON Lines, but it starts with ${JSON.stringify(line.slice(0, 40))}`);
        }
        if (line.trim() === '') continue;
        let row: unknown;
        try {
          row = JSON.parse(line);
        } catch (error) {
          yield { problem: { line: n, value: line.slice(0, 200), reason: `not valid JSON (${(error as Error).message}); line dropped` } };
          continue;
        }
        if (typeof row !== 'object' || row === null || Array.isArray(row)) {
          yield { problem: { line: n, value: line.slice(0, 200), reason: 'not a JSON object; line dropped' } };
          continue;
        }
        yield { row: row as RawFeedbackRow, line: n };
      }
    } finally {
      reader.close();
      stream.destroy();
    }
  }
  return importRows(ws, lines(), { ...options, name }, () => bytes, bytesTotal);
}

/** Rows already read (PostgreSQL): their position is the row order of the read. */
export async function importFeedbackRows(ws: Workspace, rows: AsyncIterable<RawFeedbackRow>, options: ImportOptions): Promise<ImportReport> {
  async function* placed(): AsyncGenerator<PlacedRow> {
    for await (const row of rows) yield { row };
  }
  return importRows(ws, placed(), options, () => 0, options.bytesTotal);
}
