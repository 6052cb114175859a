// The `app://smw/…` protocol: the renderer's files from out/renderer/, with the app's
// Content-Security-Policy, and nothing else (no other host, nothing outside the folder).

import fs from 'node:fs';
import { CONTENT_SECURITY_POLICY } from '../api/content-security-policy';
import { contentTypeOf, resolveStaticFile } from '../server/static-files';
import { APP_HOST, APP_SCHEME } from './security';

export interface AppFileAnswer {
  status: 200 | 403 | 404;
  file?: string;
  headers: Record<string, string>;
}

const BASE_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'no-cache',
};

/** What to answer for a request URL (pure apart from checking that the file exists). */
export function appFileFor(requestUrl: string, rendererDir: string): AppFileAnswer {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return { status: 403, headers: { ...BASE_HEADERS } };
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return { status: 403, headers: { ...BASE_HEADERS } };
  const file = resolveStaticFile(rendererDir, url.pathname);
  if (!file) return { status: 404, headers: { ...BASE_HEADERS } };
  return { status: 200, file, headers: { ...BASE_HEADERS, 'Content-Type': contentTypeOf(file) } };
}

/** The handler for `protocol.handle(APP_SCHEME, …)`. */
export function appProtocolHandler(rendererDir: string): (request: Request) => Promise<Response> {
  return async (request) => {
    const answer = appFileFor(request.url, rendererDir);
    if (!answer.file) return new Response(null, { status: answer.status, headers: answer.headers });
    const body = await fs.promises.readFile(answer.file);
    return new Response(body, { status: 200, headers: answer.headers });
  };
}
