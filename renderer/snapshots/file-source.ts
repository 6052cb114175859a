// What a picked or dropped file becomes for startImport (renderer/api's fileForImport: its path
// in the desktop app, an upload in browser mode), and the guesses that prefill the import list.

import type { ApiArgs } from '../../shared/api';
import { fileForImport } from '../api';

export type SnapshotKindChoice = 'sender-model' | 'reputation' | 'feedback';

/** A guess from the name: .avro builds, .json reputation builds, .jsonl feedback. */
export function guessKind(name: string): SnapshotKindChoice | null {
  const lower = name.toLowerCase();
  if (lower.endsWith('.avro')) return 'sender-model';
  if (lower.endsWith('.jsonl') || lower.endsWith('.ndjson')) return 'feedback';
  if (lower.endsWith('.json')) return 'reputation';
  return null;
}

/** The id the core would give the file: its base name without the extension (DESIGN §6). */
export function defaultId(name: string): string {
  return name.replace(/^.*[\\/]/u, '').replace(/\.[^.]*$/u, '');
}

export async function importSource(file: File): Promise<Pick<ApiArgs<'startImport'>, 'path' | 'uploadId' | 'name'>> {
  return { name: file.name, ...(await fileForImport(file)) };
}
