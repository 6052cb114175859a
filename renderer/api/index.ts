// The renderer's one way to the core: `api` (AppApi) and `onApiEvent`. Which transport is
// underneath — Electron's preload bridge or browser mode's HTTP — is decided here, once.

import type { ApiEvent, AppApi, ExportedFile } from '../../shared/api';
import { createApiClient } from './client';
import { downloadExport, hasToken, httpTransport, uploadFile as uploadOverHttp } from './transport-http';
import { ipcTransport } from './transport-ipc';
import type { Transport } from './transport';

export { ApiError } from './client';

function pickTransport(): Transport {
  if (window.smw) return ipcTransport(window.smw);
  return httpTransport({
    location: window.location,
    history: window.history,
    storage: window.sessionStorage,
    fetch: window.fetch.bind(window),
    EventSource: window.EventSource,
  });
}

const client = createApiClient(pickTransport());

export const api: AppApi = client.api;

/**
 * Browser mode opened without the Open link's token (a bookmark, a copied address): every call
 * would be refused, so the app says what the page needs instead of blaming the workspace.
 */
export const missingToken: boolean = !window.smw && !hasToken({ storage: window.sessionStorage });

export function onApiEvent(listener: (e: ApiEvent) => void): () => void {
  return client.onEvent(listener);
}

/**
 * What `api.startImport` needs for a dropped or picked file, whatever the transport: its path
 * in the desktop app, an upload to the server in browser mode. Use as
 * `api.startImport({ kind, name: file.name, ...(await fileForImport(file)) })`.
 */
export async function fileForImport(file: File): Promise<{ path: string } | { uploadId: string }> {
  if (window.smw) {
    const path = window.smw.pathForFile(file);
    if (!path) throw new Error(`${file.name} has no path on this machine; drop a file from a folder`);
    return { path };
  }
  const uploadId = await uploadOverHttp({ location: window.location, storage: window.sessionStorage, fetch: window.fetch.bind(window) }, file);
  return { uploadId };
}

/**
 * Hands an export the core wrote over to the analyst: a Save dialog in the desktop app (the
 * file is moved where they choose), a download in browser mode. Resolves when it is handed
 * over (or the dialog was cancelled); a report of any size never passes through the page.
 */
export async function saveExport(file: ExportedFile): Promise<void> {
  if (window.smw) {
    const outcome = await window.smw.saveExport(file.exportId);
    if ('error' in outcome) throw new Error(outcome.error);
    return;
  }
  downloadExport({ location: window.location, storage: window.sessionStorage, document }, file.exportId, file.fileName);
}
