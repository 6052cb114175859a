// One entry point per kind, for the CLI, the app's import jobs and the demo.

import type { ImportReport, SnapshotKind } from '../../shared/types';
import type { Workspace } from '../workspace/workspace';
import { importContextFile } from './import-context';
import { importFeedbackFile } from './import-feedback';
import { importReputation } from './import-reputation';
import { importSenderModel } from './import-sender-model';
import type { ImportInput, ImportOptions } from './options';

export function importFile(ws: Workspace, kind: SnapshotKind, input: ImportInput, options: ImportOptions): Promise<ImportReport> {
  switch (kind) {
    case 'sender-model':
      return importSenderModel(ws, input, options);
    case 'reputation':
      return importReputation(ws, input, options);
    case 'feedback':
      return importFeedbackFile(ws, input, options);
    case 'context':
      return importContextFile(ws, input, options);
  }
}
