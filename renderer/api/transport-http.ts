// Browser mode: `POST /api/<method>` with the token, events over EventSource. The token
// arrives once in the Open link's `?token=`; it is kept in sessionStorage (this tab only) and
// removed from the address bar, so it is not in the history or a copied link.

import type { ApiEvent, ApiResponse } from '../../shared/api';
import type { Transport } from './transport';

const TOKEN_KEY = 'smw.token';

export interface HttpTransportEnv {
  location: Pick<Location, 'href' | 'origin'>;
  history: Pick<History, 'replaceState' | 'state'>;
  storage: Pick<Storage, 'getItem' | 'setItem'>;
  fetch: typeof fetch;
  EventSource?: typeof EventSource;
}

/** The token from the address bar (then removed from it) or from this tab's storage. */
export function takeToken(env: Pick<HttpTransportEnv, 'location' | 'history' | 'storage'>): string | null {
  const url = new URL(env.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    env.storage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    env.history.replaceState(env.history.state, '', `${url.pathname}${url.search}${url.hash}`);
    return fromUrl;
  }
  return env.storage.getItem(TOKEN_KEY);
}

/** Whether this tab holds the access token (after takeToken has read the address bar). */
export function hasToken(env: Pick<HttpTransportEnv, 'storage'>): boolean {
  return !!env.storage.getItem(TOKEN_KEY);
}

const NO_TOKEN = 'this page has no access token: open the link that `npm run web` printed (http://127.0.0.1:PORT/?token=…)';

export function httpTransport(env: HttpTransportEnv): Transport {
  const token = takeToken(env);
  const base = env.location.origin;
  return {
    async call(method, args) {
      if (!token) return { ok: false, error: NO_TOKEN };
      let res: Response;
      try {
        const body = JSON.stringify(args ?? {});
        res = await env.fetch(`${base}/api/${encodeURIComponent(method)}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
          body,
          credentials: 'omit',
          cache: 'no-store',
          // A note saved as the tab closes must still reach the server; browsers allow
          // keepalive bodies up to 64 KiB.
          keepalive: body.length < 60_000,
        });
      } catch {
        return { ok: false, error: 'the app server does not answer; is `npm run web` still running?' };
      }
      try {
        return (await res.json()) as ApiResponse<unknown>;
      } catch {
        return { ok: false, error: `the app server answered ${res.status} ${res.statusText} without a readable body` };
      }
    },
    onEvent(listener) {
      const Source = env.EventSource;
      if (!token || !Source) return () => {};
      const source = new Source(`${base}/api/events?token=${encodeURIComponent(token)}`);
      source.onmessage = (message: MessageEvent<string>) => {
        try {
          listener(JSON.parse(message.data) as ApiEvent);
        } catch {
          // A malformed event is dropped; the next listSnapshots/listJobs call catches up.
        }
      };
      return () => source.close();
    },
  };
}

/**
 * Sends a dropped file to the server for an import; returns the uploadId for startImport.
 * (Browser mode only: in Electron the file's path goes to startImport directly.)
 */
export async function uploadFile(env: Pick<HttpTransportEnv, 'location' | 'storage' | 'fetch'>, file: Blob & { name: string }): Promise<string> {
  const token = env.storage.getItem(TOKEN_KEY);
  if (!token) throw new Error(NO_TOKEN);
  const res = await env.fetch(`${env.location.origin}/api/upload?name=${encodeURIComponent(file.name)}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/octet-stream', Authorization: `Bearer ${token}` },
    body: file,
    credentials: 'omit',
  });
  const body = (await res.json()) as ApiResponse<{ uploadId: string }>;
  if (!body.ok) throw new Error(body.error);
  return body.value.uploadId;
}

/**
 * Browser mode's download of an export the core wrote: a link to `GET /api/download/<id>` with
 * the token in the query (a navigation cannot send headers), clicked, so the browser streams it
 * to disk itself. The server sends it once and removes it.
 */
export function downloadExport(env: Pick<HttpTransportEnv, 'location' | 'storage'> & { document: Document }, exportId: string, fileName: string): void {
  const token = env.storage.getItem(TOKEN_KEY);
  if (!token) throw new Error(NO_TOKEN);
  const link = env.document.createElement('a');
  link.href = `${env.location.origin}/api/download/${encodeURIComponent(exportId)}?token=${encodeURIComponent(token)}`;
  link.download = fileName;
  link.rel = 'noopener';
  env.document.body.append(link);
  link.click();
  link.remove();
}
