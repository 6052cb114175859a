// The renderer's client: an AppApi over whatever transport, and the HTTP transport's token.
import { describe, expect, it } from 'vitest';
import { apiArgs, type ApiEvent, type ApiResponse } from '../../shared/api';
import { ApiError, createApiClient } from '../../renderer/api/client';
import { httpTransport, takeToken } from '../../renderer/api/transport-http';
import type { Transport } from '../../renderer/api/transport';

function recordingTransport(answer: (method: string, args: unknown) => ApiResponse<unknown>) {
  const calls: Array<[string, unknown]> = [];
  const listeners = new Set<(e: ApiEvent) => void>();
  const transport: Transport = {
    call: async (method, args) => {
      calls.push([method, args]);
      return answer(method, args);
    },
    onEvent: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return { transport, calls, emit: (e: ApiEvent) => listeners.forEach((l) => l(e)) };
}

describe('createApiClient', () => {
  it('has a function for every method of the contract, and nothing else', () => {
    const { api } = createApiClient(recordingTransport(() => ({ ok: true, value: null })).transport);
    expect(Object.keys(api).sort()).toEqual(Object.keys(apiArgs).sort());
  });

  it('sends the method name and arguments, and resolves with the value', async () => {
    const t = recordingTransport(() => ({ ok: true, value: { snapshots: [] } }));
    const { api } = createApiClient(t.transport);
    expect(await api.listSnapshots({})).toEqual({ snapshots: [] });
    await api.deleteSnapshot({ id: 'sm-1' });
    expect(t.calls).toEqual([
      ['listSnapshots', {}],
      ['deleteSnapshot', { id: 'sm-1' }],
    ]);
  });

  it('throws an ApiError with the readable message when the core says no', async () => {
    const { api } = createApiClient(recordingTransport(() => ({ ok: false, error: 'cutoff: must be at most 1' })).transport);
    const failure = api.authenticityOverview({ buildA: 'sm-1', cutoff: 2 });
    await expect(failure).rejects.toBeInstanceOf(ApiError);
    await expect(failure).rejects.toThrow('cutoff: must be at most 1');
  });

  it('passes events on and stops when unsubscribed', () => {
    const t = recordingTransport(() => ({ ok: true, value: null }));
    const client = createApiClient(t.transport);
    const seen: ApiEvent[] = [];
    const off = client.onEvent((e) => seen.push(e));
    t.emit({ type: 'snapshots-changed' });
    off();
    t.emit({ type: 'notes-changed' });
    expect(seen).toEqual([{ type: 'snapshots-changed' }]);
  });

  it('is not mistaken for a promise (no `then`)', async () => {
    const { api } = createApiClient(recordingTransport(() => ({ ok: true, value: null })).transport);
    expect((api as unknown as { then?: unknown }).then).toBeUndefined();
    expect(await Promise.resolve(api)).toBe(api);
  });
});

describe('HTTP transport', () => {
  function env(href: string) {
    const store = new Map<string, string>();
    const replaced: string[] = [];
    const requests: Array<{ url: string; init: RequestInit }> = [];
    return {
      replaced,
      requests,
      store,
      location: { href, origin: new URL(href).origin },
      history: { state: null, replaceState: (_s: unknown, _t: string, url?: string | URL | null) => void replaced.push(String(url)) },
      storage: { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) },
      fetch: (async (url: string, init: RequestInit) => {
        requests.push({ url, init });
        return new Response(JSON.stringify({ ok: true, value: { jobs: [] } }), { status: 200 });
      }) as unknown as typeof fetch,
    };
  }

  it('takes the token from the address bar, keeps it for the tab, and removes it from the URL', () => {
    const e = env('http://127.0.0.1:5173/?token=abc123&x=1#notes');
    expect(takeToken(e)).toBe('abc123');
    expect(e.store.get('smw.token')).toBe('abc123');
    expect(e.replaced).toEqual(['/?x=1#notes']);
    // After a reload the address bar has no token; the tab still has it.
    expect(takeToken({ ...e, location: { href: 'http://127.0.0.1:5173/?x=1', origin: 'http://127.0.0.1:5173' } })).toBe('abc123');
  });

  it('posts JSON with the token as a bearer header to /api/<method>', async () => {
    const e = env('http://127.0.0.1:5173/?token=abc123');
    const transport = httpTransport(e);
    expect(await transport.call('listJobs', {})).toEqual({ ok: true, value: { jobs: [] } });
    expect(e.requests[0].url).toBe('http://127.0.0.1:5173/api/listJobs');
    expect(e.requests[0].init.method).toBe('POST');
    expect(e.requests[0].init.headers).toMatchObject({ 'Content-Type': 'application/json', Authorization: 'Bearer abc123' });
    expect(e.requests[0].init.credentials).toBe('omit');
  });

  it('answers with a readable error when the page has no token, without a request', async () => {
    const e = env('http://127.0.0.1:5173/');
    const response = await httpTransport(e).call('listJobs', {});
    expect(response).toEqual({ ok: false, error: expect.stringMatching(/no access token: open the link that `npm run web` printed/u) });
    expect(e.requests).toEqual([]);
  });
});
