// Server-sent events: every ApiEvent of the core goes to every open page.

import type { ServerResponse } from 'node:http';
import type { ApiEvent } from '../../shared/api';

const KEEPALIVE_MS = 25_000;

export class EventStreams {
  private readonly clients = new Set<ServerResponse>();
  private readonly keepalive: ReturnType<typeof setInterval>;

  constructor() {
    // A comment line now and then keeps proxies and idle timeouts from closing the stream.
    this.keepalive = setInterval(() => this.write(': keepalive\n\n'), KEEPALIVE_MS);
    this.keepalive.unref();
  }

  add(res: ServerResponse, headers: Record<string, string>): void {
    res.writeHead(200, {
      ...headers,
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    });
    res.write('retry: 2000\n: connected\n\n');
    this.clients.add(res);
    res.on('close', () => this.clients.delete(res));
  }

  send(event: ApiEvent): void {
    this.write(`data: ${JSON.stringify(event)}\n\n`);
  }

  get size(): number {
    return this.clients.size;
  }

  close(): void {
    clearInterval(this.keepalive);
    for (const res of this.clients) res.end();
    this.clients.clear();
  }

  private write(chunk: string): void {
    for (const res of this.clients) res.write(chunk);
  }
}
