// DNS servers for tests, all on 127.0.0.1 and a free port:
//   - startDnsmasq(lines): Debian's dnsmasq (`dnsmasq-base`) answering only from its config —
//     `txt-record=`, `ptr-record=`, `host-record=` (A/AAAA and their PTR), `mx-host=`; every
//     other name is NXDOMAIN (`local=/#/`), a known name asked for another type answers no data.
//   - startSilentDns(): a UDP socket that reads queries and never answers (timeouts).
//   - startRefusingDns(): answers every query REFUSED.
// Each is stopped by the test that started it.
//
// Traps worth knowing: dnsmasq lower-cases PTR targets; `host-record=` also makes the PTR of its
// addresses; TXT strings longer than 255 bytes must be given as several strings.

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import dgram from 'node:dgram';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './free-port';

export interface TestDns {
  /** `127.0.0.1:PORT`, as `--dns` takes it. */
  server: string;
  port: number;
  /** Queries received (the silent and refusing servers count them). */
  queries(): number;
  stop(): Promise<void>;
}

export function dnsmasqPath(): string | null {
  for (const candidate of ['/usr/sbin/dnsmasq', '/usr/bin/dnsmasq']) if (fs.existsSync(candidate)) return candidate;
  const which = spawnSync('which', ['dnsmasq'], { encoding: 'utf8' });
  return which.status === 0 ? which.stdout.trim() : null;
}

/**
 * `cacheSize`: dnsmasq's cache also holds the host-record names, hashed by a table sized from it;
 * 0 (the default here) keeps forwarded answers from being cached between a test's cases.
 */
export async function startDnsmasq(records: string[], { cacheSize = 0 } = {}): Promise<TestDns> {
  const binary = dnsmasqPath();
  if (!binary) throw new Error('dnsmasq is not installed: apt-get install dnsmasq-base (.ci/run does)');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'smw-dnsmasq-'));
  for (let attempt = 0; ; attempt++) {
    const port = await freePort();
    const conf = path.join(dir, 'dnsmasq.conf');
    fs.writeFileSync(
      conf,
      [
        `port=${port}`,
        'listen-address=127.0.0.1',
        'bind-interfaces',
        'no-resolv',
        'no-hosts',
        'no-negcache',
        'local=/#/',
        `cache-size=${cacheSize}`,
        ...records,
        '',
      ].join('\n'),
    );
    const child = spawn(binary, ['--keep-in-foreground', `--conf-file=${conf}`, '--pid-file=', '--user=root', '--log-facility=-'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const started = await new Promise<{ ok: true } | { ok: false; output: string }>((resolve) => {
      let output = '';
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        // dnsmasq logs "started" once its sockets are bound.
        if (/started, version/.test(output)) resolve({ ok: true });
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      child.once('exit', () => resolve({ ok: false, output }));
    });
    if (started.ok) {
      return { server: `127.0.0.1:${port}`, port, queries: () => -1, stop: () => stopChild(child, dir) };
    }
    if (attempt < 3 && /in use/i.test(started.output)) continue;
    fs.rmSync(dir, { recursive: true, force: true });
    throw new Error(`dnsmasq did not start: ${started.output.trim()}`);
  }
}

function stopChild(child: ChildProcess, dir: string): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      fs.rmSync(dir, { recursive: true, force: true });
      resolve();
    };
    if (child.exitCode !== null || child.signalCode !== null) return done();
    child.once('exit', done);
    child.kill('SIGTERM');
  });
}

/** A socket that reads every query and answers none. */
export function startSilentDns(): Promise<TestDns> {
  return udpServer(() => null);
}

/** Answers every query with its own header, the question, and RCODE 5 (REFUSED). */
export function startRefusingDns(): Promise<TestDns> {
  return udpServer((query) => {
    if (query.length < 12) return null;
    const answer = Buffer.from(query);
    answer[2] = 0x80 | (query[2] & 0x79); // QR, keep opcode and RD
    answer[3] = 0x80 | 5; // RA, REFUSED
    answer.writeUInt16BE(0, 6); // no answers, authority or additional records
    answer.writeUInt16BE(0, 8);
    answer.writeUInt16BE(0, 10);
    return answer.subarray(0, questionEnd(query));
  });
}

function questionEnd(query: Buffer): number {
  let at = 12;
  while (at < query.length && query[at] !== 0) at += query[at] + 1;
  return Math.min(query.length, at + 5);
}

async function udpServer(reply: (query: Buffer) => Buffer | null): Promise<TestDns> {
  const socket = dgram.createSocket('udp4');
  let count = 0;
  socket.on('message', (message, from) => {
    count++;
    const answer = reply(message);
    if (answer) socket.send(answer, from.port, from.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const { port } = socket.address();
  return {
    server: `127.0.0.1:${port}`,
    port,
    queries: () => count,
    stop: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}
