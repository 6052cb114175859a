// Browser mode's guard: every API request needs the token of the Open line; requests naming
// another Host (DNS rebinding) or coming from another Origin (cross-site) are refused — and a
// refused request changes nothing.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkHost, checkOrigin, newToken, tokenMatches } from '../../main/server/request-guard';
import { CONTENT_SECURITY_POLICY } from '../../main/api/content-security-policy';
import { DEMO, startHarness, type Harness, type RawRequest } from './harness';

let h: Harness;
let host: string;

beforeAll(async () => {
  h = await startHarness();
  host = `127.0.0.1:${h.server.port}`;
});

afterAll(async () => {
  await h?.stop();
});

/** A request that would delete a demo snapshot, were it let through. */
function deleteBuild(headers: Record<string, string>): RawRequest {
  return {
    method: 'POST',
    path: '/api/deleteSnapshot',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ id: DEMO.buildA }),
  };
}

async function snapshotIds(): Promise<string[]> {
  const response = await h.call<{ snapshots: Array<{ id: string }> }>('listSnapshots');
  if (!response.ok) throw new Error(response.error);
  return response.value.snapshots.map((s) => s.id).sort();
}

describe('browser mode refuses', () => {
  it('an API request without the token (401), and changes nothing', async () => {
    const before = await snapshotIds();
    const res = await h.raw(deleteBuild({}));
    expect(res.status).toBe(401);
    expect(JSON.parse(res.text)).toEqual({ ok: false, error: expect.stringMatching(/needs the token/u) });
    expect(await snapshotIds()).toEqual(before);
  });

  it('a wrong token, in either header, and one that differs only in its last character', async () => {
    const before = await snapshotIds();
    const almost = h.server.token.slice(0, -1) + (h.server.token.endsWith('A') ? 'B' : 'A');
    const attempts: Array<Record<string, string>> = [
      { authorization: 'Bearer nope' },
      { 'x-smw-token': newToken() },
      { authorization: `Bearer ${almost}` },
      { authorization: h.server.token },
    ];
    for (const headers of attempts) {
      expect((await h.raw(deleteBuild(headers))).status).toBe(401);
    }
    expect(await snapshotIds()).toEqual(before);
  });

  it('the token in the query string for API calls (only the event stream takes it there)', async () => {
    const res = await h.raw({ ...deleteBuild({}), path: `/api/deleteSnapshot?token=${h.server.token}` });
    expect(res.status).toBe(401);
  });

  it('another Host, even with the right token (DNS rebinding)', async () => {
    const before = await snapshotIds();
    for (const badHost of ['evil.example:80', `evil.example:${h.server.port}`, '127.0.0.1', `127.0.0.1:${h.server.port + 1}`, `[::1]:${h.server.port}`]) {
      const res = await h.raw(deleteBuild({ host: badHost, authorization: `Bearer ${h.server.token}` }));
      expect(res.status, badHost).toBe(403);
    }
    // The page itself is not served to a rebinding host either.
    expect((await h.raw({ path: '/', headers: { host: `evil.example:${h.server.port}` } })).status).toBe(403);
    expect(await snapshotIds()).toEqual(before);
  });

  it('another Origin, even with the right token (a cross-site request)', async () => {
    const before = await snapshotIds();
    for (const origin of ['https://evil.example', `http://127.0.0.1:${h.server.port + 1}`, 'null', `https://127.0.0.1:${h.server.port}`]) {
      const res = await h.raw(deleteBuild({ origin, authorization: `Bearer ${h.server.token}` }));
      expect(res.status, origin).toBe(403);
    }
    const crossSite = await h.raw(deleteBuild({ 'sec-fetch-site': 'cross-site', authorization: `Bearer ${h.server.token}` }));
    expect(crossSite.status).toBe(403);
    expect(await snapshotIds()).toEqual(before);
  });

  it('settings changes without the token', async () => {
    const res = await h.raw({
      method: 'POST',
      path: '/api/updateSettings',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ defaultCutoff: 0.9 }),
    });
    expect(res.status).toBe(401);
    const settings = await h.call<{ defaultCutoff: number | null }>('getSettings');
    expect(settings.ok && settings.value.defaultCutoff).toBe(null);
  });

  it('uploads without the token, and keeps no file of them', async () => {
    const res = await h.raw({ method: 'POST', path: '/api/upload?name=x.avro', body: Buffer.alloc(1024) });
    expect(res.status).toBe(401);
    const uploads = path.join(h.dataDir, 'uploads');
    expect(fs.existsSync(uploads) ? fs.readdirSync(uploads) : []).toEqual([]);
  });

  it('the event stream without the token, or from another Origin', async () => {
    expect((await h.raw({ path: '/api/events' })).status).toBe(401);
    expect((await h.raw({ path: '/api/events?token=wrong' })).status).toBe(401);
    expect((await h.raw({ path: `/api/events?token=${h.server.token}`, headers: { origin: 'https://evil.example' } })).status).toBe(403);
  });

  it('a simple cross-site form post: no JSON content type', async () => {
    const res = await h.raw({
      ...deleteBuild({ authorization: `Bearer ${h.server.token}` }),
      headers: { 'content-type': 'text/plain', authorization: `Bearer ${h.server.token}` },
    });
    expect(res.status).toBe(415);
  });
});

describe('browser mode accepts', () => {
  it('the token as a bearer header or X-SMW-Token, from its own origin on 127.0.0.1 or localhost', async () => {
    const accepted: Array<Record<string, string>> = [
      { authorization: `Bearer ${h.server.token}` },
      { 'x-smw-token': h.server.token, origin: `http://${host}` },
      { authorization: `Bearer ${h.server.token}`, host: `localhost:${h.server.port}`, origin: `http://localhost:${h.server.port}` },
    ];
    for (const headers of accepted) {
      const res = await h.raw({ method: 'POST', path: '/api/appInfo', headers: { 'content-type': 'application/json', ...headers }, body: '{}' });
      expect(res.status).toBe(200);
      expect(JSON.parse(res.text).ok).toBe(true);
    }
  });

  it('serves the page (no token needed) with the Content-Security-Policy and no referrer', async () => {
    const res = await h.raw({ path: '/' });
    expect(res.status).toBe(200);
    expect(res.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.text).toContain('<div id="root">');
  });

  it('serves no file outside the renderer folder', async () => {
    for (const p of ['/../package.json', '/%2e%2e/%2e%2e/etc/passwd', '/..%2f..%2fetc%2fpasswd']) {
      expect((await h.raw({ path: p })).status, p).toBe(404);
    }
  });
});

describe('the guard, as functions', () => {
  it('knows its host and origins', () => {
    expect(checkHost('127.0.0.1:8080', 8080)).toBe(true);
    expect(checkHost('LOCALHOST:8080', 8080)).toBe(true);
    expect(checkHost('localhost.evil.example:8080', 8080)).toBe(false);
    expect(checkHost(undefined, 8080)).toBe(false);
    expect(checkOrigin(undefined, 8080)).toBe(true);
    expect(checkOrigin('http://localhost:8080', 8080)).toBe(true);
    expect(checkOrigin('http://localhost:8081', 8080)).toBe(false);
  });

  it('makes 256-bit tokens and compares them whole', () => {
    const token = newToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/u);
    expect(newToken()).not.toBe(token);
    expect(tokenMatches(token, token)).toBe(true);
    expect(tokenMatches(token.slice(0, 20), token)).toBe(false);
    expect(tokenMatches(`${token}x`, token)).toBe(false);
    expect(tokenMatches(undefined, token)).toBe(false);
  });
});
