// Who may talk to browser mode: only pages this server served, on this machine. The Host header
// must name the server itself (a DNS-rebinding page has its own host name there), an Origin,
// when the browser sends one, must be the server's own (cross-site requests), and every API
// request must carry the token printed in the Open line.

import crypto from 'node:crypto';

export interface GuardOptions {
  port: number;
  token: string;
}

export type GuardVerdict = { ok: true } | { ok: false; status: 401 | 403; reason: string };

/** 32 random bytes, base64url: what the Open line carries. */
export function newToken(): string {
  return crypto.randomBytes(32).toString('base64url');
}

export function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

export function allowedOrigins(port: number): string[] {
  return allowedHosts(port).map((host) => `http://${host}`);
}

export function checkHost(host: string | undefined, port: number): boolean {
  return host !== undefined && allowedHosts(port).includes(host.toLowerCase());
}

/** No Origin is fine (same-origin GETs, curl); one that is present must be ours. */
export function checkOrigin(origin: string | undefined, port: number): boolean {
  return origin === undefined || allowedOrigins(port).includes(origin.toLowerCase());
}

/** Constant-time comparison, so the token cannot be guessed a character at a time. */
export function tokenMatches(given: string | undefined | null, token: string): boolean {
  if (typeof given !== 'string') return false;
  const a = crypto.createHash('sha256').update(given).digest();
  const b = crypto.createHash('sha256').update(token).digest();
  return crypto.timingSafeEqual(a, b) && given.length === token.length;
}

/** The token of a request: `Authorization: Bearer …`, `X-SMW-Token`, or (event streams only) `?token=`. */
export function requestToken(headers: Record<string, string | string[] | undefined>, query: URLSearchParams | null): string | undefined {
  const auth = single(headers.authorization);
  if (auth !== undefined) {
    const m = /^Bearer\s+(\S+)$/iu.exec(auth);
    if (m) return m[1];
  }
  return single(headers['x-smw-token']) ?? query?.get('token') ?? undefined;
}

/** Host and Origin for every request; the token for API requests. */
export function checkRequest(
  req: { headers: Record<string, string | string[] | undefined> },
  options: GuardOptions,
  needsToken: boolean,
  query: URLSearchParams | null = null,
): GuardVerdict {
  if (!checkHost(single(req.headers.host), options.port)) {
    return { ok: false, status: 403, reason: `refused: this server answers only to 127.0.0.1:${options.port} and localhost:${options.port}` };
  }
  if (!checkOrigin(single(req.headers.origin), options.port)) {
    return { ok: false, status: 403, reason: 'refused: requests from other sites are not accepted' };
  }
  // Browsers mark requests a cross-site page makes, even without an Origin header.
  const site = single(req.headers['sec-fetch-site']);
  if (site !== undefined && site !== 'same-origin' && site !== 'none') {
    return { ok: false, status: 403, reason: 'refused: requests from other sites are not accepted' };
  }
  if (needsToken && !tokenMatches(requestToken(req.headers, query), options.token)) {
    return { ok: false, status: 401, reason: 'refused: this request needs the token of the Open link that `npm run web` printed' };
  }
  return { ok: true };
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
