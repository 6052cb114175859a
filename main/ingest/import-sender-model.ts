// Avro sender-model build → snapshot (DESIGN §3.1): the reader streams entries into the
// accumulator, which packs them into typed arrays; the store writes one row per domain.

import { SenderModelAccumulator } from '../../shared/sender-model-accumulator';
import type { ImportReport } from '../../shared/types';
import { readSenderModel } from '../avro/read-sender-model';
import { writeSenderModelIndex } from '../workspace/sender-model-store';
import type { Workspace } from '../workspace/workspace';
import { baseName, checkCancelBeforeCommit, createImportSnapshot, inputSize, type ImportInput, type ImportOptions } from './options';
import { writeProblems } from '../workspace/problems-store';

/** `sendermodels-2016-08-22_02:25:57.avro` → `2016-08-22_02:25:57`; other names as they are. */
export function versionFromName(name: string): string {
  const base = baseName(name).replace(/\.[^.]*$/, '');
  return base.replace(/^sendermodels?-/, '');
}

export async function importSenderModel(ws: Workspace, input: ImportInput, options: ImportOptions): Promise<ImportReport> {
  const bytesTotal = inputSize(input, options);
  const writer = createImportSnapshot(ws, 'sender-model', options);
  try {
    const sink = new SenderModelAccumulator();
    const read = await readSenderModel(input, sink, {
      name: baseName(options.name),
      signal: options.signal,
      onProgress: (bytesDone) => options.onProgress?.({ bytesDone, bytesTotal, rowsDone: sink.entries }),
    });
    const { index, stats } = sink.finish();
    if (index.version === null) index.version = versionFromName(options.name);
    writeSenderModelIndex(writer.db, index);
    writeProblems(writer.db, stats.problems);
    await checkCancelBeforeCommit(options.signal);
    writer.commit({
      rows: stats.kept,
      version: index.version,
      threshold: index.threshold,
      meta: {
        ...options.meta,
        layout: read.layout,
        codec: read.codec,
        records: read.records,
        problems: stats.problems.length + stats.problemsDropped,
        replaced: stats.replaced,
      },
    });
    return { id: writer.id, kind: 'sender-model', kept: stats.kept, skipped: 0, rejected: stats.rejected, replaced: stats.replaced, problems: stats.problems };
  } catch (error) {
    writer.abort();
    throw error;
  }
}
