// A proxy in front of a real server that holds one answer mid-transfer until the test lets it
// go: the first GET whose path matches sends its headers and `afterBytes` bytes of its body,
// then nothing more until `release()`. A test then acts (cancels) while the transfer is
// certainly under way, whatever the machine's speed, without waiting for a fixed time.
//
//   const proxy = await startHoldingProxy(s3.endpoint);
//   const held = proxy.hold((path) => path.includes('big/'), 1 << 20);
//   … start the pull through proxy.endpoint …
//   await held;          // 1 MB has gone out and the rest is held
//   … cancel, check …
//   proxy.release();

import http from 'node:http';
import type net from 'node:net';
import { freePort } from './free-port';

export interface HoldingProxy {
  endpoint: string;
  /** Holds the next GET whose path matches; resolves once `afterBytes` of its body have gone out. */
  hold(match: (path: string) => boolean, afterBytes: number): Promise<void>;
  /** Lets a held answer go on. */
  release(): void;
  stop(): Promise<void>;
}

export async function startHoldingProxy(target: string): Promise<HoldingProxy> {
  const upstream = new URL(target);
  let rule: { match: (path: string) => boolean; afterBytes: number; held: () => void } | null = null;
  let releases: Array<() => void> = [];
  const sockets = new Set<net.Socket>();

  const server = http.createServer((req, res) => {
    // The headers as they came, Host included: the client signed them.
    const forward = http.request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      const current = rule && req.method === 'GET' && rule.match(req.url ?? '') ? rule : null;
      if (current) rule = null;
      if (!current) return void answer.pipe(res);
      let sent = 0;
      let holding = false;
      answer.on('data', (chunk: Buffer) => {
        if (holding) return;
        const room = current.afterBytes - sent;
        if (chunk.length < room) {
          sent += chunk.length;
          res.write(chunk);
          return;
        }
        holding = true;
        answer.pause();
        res.write(chunk.subarray(0, room), () => current.held());
        const rest = chunk.subarray(room);
        releases.push(() => {
          res.write(rest);
          answer.pipe(res);
          answer.resume();
        });
      });
      answer.on('end', () => {
        if (!holding) res.end();
      });
    });
    forward.on('error', () => res.destroy());
    res.on('close', () => forward.destroy());
    req.pipe(forward);
  });
  server.on('connection', (socket: net.Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));

  return {
    endpoint: `http://127.0.0.1:${port}`,
    hold(match, afterBytes) {
      return new Promise<void>((resolve) => (rule = { match, afterBytes, held: resolve }));
    },
    release() {
      const pending = releases;
      releases = [];
      for (const go of pending) go();
    },
    async stop() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}
