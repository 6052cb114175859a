// The demo workspace shipped in `snapshots/` (DESIGN §5): imported, marked as demo, on the
// app's first start and on `smw demo`.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ImportReport, SnapshotKind } from '../../shared/types';
import type { Workspace } from '../workspace/workspace';
import { importFile } from './import-file';
import type { ImportProgress } from './options';

export interface DemoManifest {
  snapshots: Array<{ id: string; kind: SnapshotKind; file: string }>;
}

/** The folder of demo sources: in a checkout `snapshots/`; packaged apps pass theirs. */
export function defaultDemoDir(): string {
  return fileURLToPath(new URL('../../snapshots/', import.meta.url));
}

export function readDemoManifest(demoDir = defaultDemoDir()): DemoManifest {
  const file = path.join(demoDir, 'manifest.json');
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as DemoManifest;
  } catch (error) {
    throw new Error(`the demo sources are missing or broken (${file}): ${(error as Error).message}`);
  }
}

/** Imports every demo snapshot not already in the workspace; returns the reports of those imported. */
export async function importDemo(
  ws: Workspace,
  options: { demoDir?: string; replace?: boolean; signal?: AbortSignal; onProgress?: (p: ImportProgress & { id: string }) => void } = {},
): Promise<ImportReport[]> {
  const demoDir = options.demoDir ?? defaultDemoDir();
  const reports: ImportReport[] = [];
  for (const entry of readDemoManifest(demoDir).snapshots) {
    if (ws.has(entry.id) && !options.replace) continue;
    const file = path.join(demoDir, entry.file);
    reports.push(
      await importFile(ws, entry.kind, file, {
        id: entry.id,
        replace: options.replace,
        name: entry.file,
        source: `demo:${entry.file}`,
        demo: true,
        signal: options.signal,
        onProgress: (p) => options.onProgress?.({ ...p, id: entry.id }),
      }),
    );
  }
  return reports;
}
