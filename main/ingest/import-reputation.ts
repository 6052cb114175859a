// Reputation build JSON → snapshot (DESIGN §3.2). A file that is not a JSON array fails as a
// whole and leaves nothing; bad entries inside it are reported and dropped.

import { parseReputationJson } from '../../shared/reputation-build';
import type { ImportReport } from '../../shared/types';
import { defaultIdFromName } from '../workspace/snapshot-id';
import type { Workspace } from '../workspace/workspace';
import { baseName, checkCancelBeforeCommit, inputSize, readAll, type ImportInput, type ImportOptions } from './options';
import { writeProblems } from '../workspace/problems-store';
import { writeReputationBuild } from '../workspace/reputation-store';

/** `reputation-1472029516.15.json` → the build's time, as the version shown in the list. */
export function reputationVersion(name: string): string | null {
  const match = /reputation-(\d{9,}(?:\.\d+)?)\.json$/i.exec(baseName(name));
  return match ? new Date(Number(match[1]) * 1000).toISOString() : null;
}

export async function importReputation(ws: Workspace, input: ImportInput, options: ImportOptions): Promise<ImportReport> {
  const name = baseName(options.name);
  const id = options.id ?? defaultIdFromName(name);
  const bytesTotal = inputSize(input, options);
  const writer = ws.createSnapshot('reputation', id, { replace: options.replace, source: options.source, demo: options.demo });
  try {
    const bytes = await readAll(input, options);
    const text = bytes.toString('utf8');
    const first = text.trimStart().slice(0, 1);
    if (first !== '[') {
      throw new Error(`${name}: not a reputation build: expected a JSON array, but it starts with ${JSON.stringify(text.trimStart().slice(0, 40))}`);
    }
    const parsed = parseReputationJson(text, name);
    options.onProgress?.({ bytesDone: bytes.length, bytesTotal, rowsDone: parsed.kept });
    const rows = writeReputationBuild(writer.db, parsed.build);
    writeProblems(writer.db, parsed.problems);
    await checkCancelBeforeCommit(options.signal);
    writer.commit({ rows, version: reputationVersion(name), meta: { ...options.meta, problems: parsed.problems.length, replaced: parsed.replaced } });
    return { id: writer.id, kind: 'reputation', kept: parsed.kept, skipped: 0, rejected: parsed.rejected, replaced: parsed.replaced, problems: parsed.problems };
  } catch (error) {
    writer.abort();
    throw error;
  }
}
