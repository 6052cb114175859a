// A context snapshot from its JSON Lines form (main/workspace/context-store.ts): how the demo
// ships one, made without a network. A pull (main/pull/context/) writes the same tables from
// live answers. A file that is not in the form fails as a whole and leaves nothing.

import type { ImportReport } from '../../shared/types';
import { parseContextLines, writeContext } from '../workspace/context-store';
import type { Workspace } from '../workspace/workspace';
import { baseName, checkCancelBeforeCommit, createImportSnapshot, inputSize, readAll, type ImportInput, type ImportOptions } from './options';

export async function importContextFile(ws: Workspace, input: ImportInput, options: ImportOptions): Promise<ImportReport> {
  const name = baseName(options.name);
  const bytesTotal = inputSize(input, options);
  const writer = createImportSnapshot(ws, 'context', options);
  try {
    const bytes = await readAll(input, options);
    const parsed = parseContextLines(
      bytes
        .toString('utf8')
        .replace(/^\uFEFF/, '')
        .split('\n'),
    );
    if (!parsed.ok) throw new Error(`${name}:${parsed.line}: not a context snapshot in JSON Lines form: ${parsed.reason}`);
    const { content } = parsed;
    const rows = writeContext(writer.db, content);
    const failed = [...content.answers].filter((a) => a.answer.status === 'failed').length;
    options.onProgress?.({ bytesDone: bytes.length, bytesTotal, rowsDone: rows });
    await checkCancelBeforeCommit(options.signal);
    writer.commit({
      rows,
      meta: {
        ...options.meta,
        feedback: content.meta.feedback,
        build: content.meta.build,
        resolver: content.meta.resolver,
        pulledAt: content.meta.pulledAt,
        failed,
      },
    });
    return { id: writer.id, kind: 'context', kept: rows, skipped: 0, rejected: 0, replaced: 0, problems: [] };
  } catch (error) {
    writer.abort();
    throw error;
  }
}
