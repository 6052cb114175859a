// Browser mode's HTTP server, on 127.0.0.1 only: the built renderer, `POST /api/<method>` with
// a JSON body answered by the same core as the Electron window, `GET /api/events` as
// server-sent events, `POST /api/upload` for dropped files, and `GET /api/download/<id>` for
// an export the core wrote (sent once, streamed from its file). Every request passes the
// Host/Origin guard; every API request needs the token.

import fs from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApiEvent, ApiResponse } from '../../shared/api';
import { CONTENT_SECURITY_POLICY } from '../api/content-security-policy';
import { checkCall } from '../api/dispatcher';
import { takeExport } from '../workspace/exports';
import { EventStreams } from './event-stream';
import { checkRequest, newToken } from './request-guard';
import { contentTypeOf, resolveStaticFile } from './static-files';
import { receiveUpload, UploadError } from './upload';

/** Large enough for a colleague's notes file (importNotes), small enough to refuse floods. */
export const MAX_JSON_BODY = 64 * 1024 * 1024;

export interface ServerOptions {
  call(method: string, args: unknown): Promise<ApiResponse<unknown>>;
  onEvent(listener: (event: ApiEvent) => void): () => void;
  /** The vite-built renderer (out/renderer/). */
  rendererDir: string;
  /** The workspace folder, for uploads/. */
  dataDir: string;
  /** 0 (default): a free port chosen by the OS. */
  port?: number;
  token?: string;
}

export interface RunningServer {
  port: number;
  token: string;
  /** `http://127.0.0.1:PORT/?token=…` — the Open line's link. */
  openUrl: string;
  origin: string;
  close(): Promise<void>;
}

const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  // The Open link carries the token in its query: never send it on as a Referer.
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), usb=(), serial=(), hid=()',
};

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const token = options.token ?? newToken();
  const streams = new EventStreams();
  const unsubscribe = options.onEvent((event) => streams.send(event));
  let port = 0;

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      console.error('[web] request failed:', err);
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: 'the server failed to answer; see its log' });
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const isApi = url.pathname === '/api' || url.pathname.startsWith('/api/');
    const isEvents = url.pathname === '/api/events';
    const isDownload = url.pathname.startsWith('/api/download/');
    // An event stream and a download cannot set headers: their token comes in the query.
    const verdict = checkRequest(req, { port, token }, isApi, isEvents || isDownload ? url.searchParams : null);
    if (!verdict.ok) return refuse(req, res, verdict.status, verdict.reason);

    if (!isApi) return serveStatic(req, res, url.pathname);
    if (isEvents) {
      if (req.method !== 'GET') return refuse(req, res, 405, 'use GET for /api/events');
      return streams.add(res, { ...SECURITY_HEADERS });
    }
    if (isDownload) {
      if (req.method !== 'GET') return refuse(req, res, 405, 'use GET for a download');
      return serveDownload(res, url.pathname.slice('/api/download/'.length));
    }
    if (req.method !== 'POST') return refuse(req, res, 405, `use POST for ${url.pathname}`);
    if (url.pathname === '/api/upload') {
      try {
        sendJson(res, 200, { ok: true, value: await receiveUpload(req, options.dataDir, url.searchParams.get('name') ?? '') });
      } catch (err) {
        sendJson(res, err instanceof UploadError ? err.status : 500, { ok: false, error: (err as Error).message });
      }
      return;
    }
    let method: string;
    try {
      method = decodeURIComponent(url.pathname.slice('/api/'.length));
    } catch {
      return refuse(req, res, 404, 'not an API method');
    }
    if (!isJson(req.headers['content-type'])) {
      return refuse(req, res, 415, 'send the arguments as JSON (Content-Type: application/json)');
    }
    const body = await readBody(req, MAX_JSON_BODY);
    if (body === null) return refuse(req, res, 413, `the arguments are larger than ${MAX_JSON_BODY / 1024 / 1024} MB`);
    let args: unknown;
    try {
      args = body.length === 0 ? undefined : JSON.parse(body.toString('utf8'));
    } catch {
      return sendJson(res, 400, { ok: false, error: 'the request body is not valid JSON' });
    }
    // An unknown method is 404 and arguments that do not fit are 400, with the body the core
    // would answer, so logs and clients tell them from a call that ran and failed.
    const checked = checkCall(method, args);
    if (!checked.ok) return sendJson(res, checked.status, { ok: false, error: checked.error });
    sendJson(res, 200, await options.call(method, args));
  }

  /** An export, sent once as an attachment straight from its file, then removed. */
  function serveDownload(res: ServerResponse, exportId: string): void {
    let file: ReturnType<typeof takeExport>;
    try {
      file = takeExport(options.dataDir, decodeURIComponent(exportId));
    } catch (err) {
      sendJson(res, 404, { ok: false, error: (err as Error).message });
      return;
    }
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': contentTypeOf(file.path),
      'Content-Length': String(file.bytes),
      'Content-Disposition': `attachment; filename="${file.fileName.replace(/[^\x20-\x7e]|"/gu, '_')}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
      'Cache-Control': 'no-store',
    });
    const stream = fs.createReadStream(file.path);
    // Removed once the file is closed (Windows cannot remove an open file).
    stream.on('close', file.done);
    stream.pipe(res);
    res.on('close', () => stream.destroy());
  }

  function serveStatic(req: IncomingMessage, res: ServerResponse, pathname: string): void {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      refuse(req, res, 405, 'only GET and HEAD are served here');
      return;
    }
    const file = resolveStaticFile(options.rendererDir, pathname);
    if (!file) {
      const missingUi = pathname === '/' && !resolveStaticFile(options.rendererDir, '/index.html');
      refuse(req, res, 404, missingUi ? `the UI is not built (no ${options.rendererDir}/index.html); run npm run build` : 'not found');
      return;
    }
    const stat = fs.statSync(file);
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': contentTypeOf(file),
      'Content-Length': String(stat.size),
      'Cache-Control': 'no-cache',
    });
    if (req.method === 'HEAD') return void res.end();
    fs.createReadStream(file).pipe(res);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port: options.port ?? 0 }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;

  return {
    port,
    token,
    origin,
    openUrl: `${origin}/?token=${token}`,
    async close() {
      unsubscribe();
      streams.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

function refuse(req: IncomingMessage, res: ServerResponse, status: number, reason: string): void {
  // The body of a refused request is never read: close the connection instead.
  res.setHeader('Connection', 'close');
  sendJson(res, status, { ok: false, error: reason });
  req.resume();
}

function sendJson(res: ServerResponse, status: number, body: ApiResponse<unknown>): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(text)),
    'Cache-Control': 'no-store',
  });
  res.end(text);
}

function isJson(contentType: string | undefined): boolean {
  return contentType !== undefined && /^application\/json\s*(;|$)/iu.test(contentType);
}

/** The whole body, or null when it is larger than `limit`. */
async function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks, size);
}
