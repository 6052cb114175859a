// The small pure parts of a pull: names → build times, first bytes → accepted or not, URLs →
// connection settings, the password file, SSL options, progress rates and the password store.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseCommand, parsePgUrl, redactUrl } from '../../main/cli/pull-command';
import { sniffBuild, sniffedChunks } from '../../main/pull/content-sniff';
import { PullError } from '../../main/pull/errors';
import { sslOptions } from '../../main/pull/pg-read';
import { choosePasswordStore, KeychainPasswordStore, keychainAvailable, type SafeStorageLike } from '../../main/pull/pg-password';
import { lookupPgPassword, matchPgPass } from '../../main/pull/pgpass';
import { ProgressTracker, RateMeter } from '../../main/pull/progress';
import { parseS3Url } from '../../main/pull/pull-s3';
import { parseBuildName } from '../../main/pull/s3-listing';
import { acquireSource } from '../../main/pull/source-lock';

const temps: string[] = [];
afterEach(() => {
  for (const dir of temps.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'smw-pull-unit-'));
  temps.push(dir);
  return dir;
}

async function collect(chunks: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of chunks) parts.push(Buffer.from(c));
  return Buffer.concat(parts);
}

async function* pieces(...parts: Array<string | Buffer>): AsyncGenerator<Uint8Array> {
  for (const p of parts) yield typeof p === 'string' ? Buffer.from(p) : p;
}

describe('build names', () => {
  it('reads the build time of a sender model from its name, as UTC', () => {
    expect(parseBuildName('models/sendermodels-2016-08-22_02:25:57.avro')).toEqual({ kind: 'sender-model', buildTime: '2016-08-22T02:25:57.000Z' });
  });

  it('reads the epoch seconds of a reputation build, fractions included', () => {
    expect(parseBuildName('activereputation/reputation-1472029516.15.json')).toEqual({ kind: 'reputation', buildTime: '2016-08-24T09:05:16.150Z' });
    expect(parseBuildName('reputation-1472029516.json').buildTime).toBe('2016-08-24T09:05:16.000Z');
  });

  it('gives other names no build time, and a kind by their extension', () => {
    expect(parseBuildName('x/latest.avro')).toEqual({ kind: 'sender-model' });
    expect(parseBuildName('x/rep.json')).toEqual({ kind: 'reputation' });
    expect(parseBuildName('x/README.md')).toEqual({ kind: 'other' });
    // Not a real date: no time rather than a rolled-over one.
    expect(parseBuildName('sendermodels-2016-02-30_00:00:00.avro')).toEqual({ kind: 'sender-model' });
  });
});

describe('content check', () => {
  it('accepts an Avro container by its magic bytes, also when they arrive split', async () => {
    expect(sniffBuild('sender-model', Buffer.from('Obj\x01rest', 'latin1'), false)).toEqual({ ok: true });
    expect(sniffBuild('sender-model', Buffer.from('Ob'), false)).toEqual({ ok: false, needMore: true });
    const out = await collect(sniffedChunks(pieces('O', 'bj', Buffer.from([1, 2, 3])), 'sender-model', 's3://b/k'));
    expect(out).toEqual(Buffer.from([0x4f, 0x62, 0x6a, 1, 2, 3]));
  });

  it('accepts a JSON array after a byte-order mark and whitespace', async () => {
    expect(sniffBuild('reputation', Buffer.from('\ufeff \n\t[["a.example", {}]]'), false)).toEqual({ ok: true });
    expect(await collect(sniffedChunks(pieces('  ', '\n', '[]'), 'reputation', 's3://b/k'))).toEqual(Buffer.from('  \n[]'));
  });

  it('rejects an HTML page answered with 200, quoting how it starts and saying what to check', async () => {
    const page = '<!DOCTYPE html>\n<html><head><title>Sign in</title></head><body>…</body></html>';
    await expect(collect(sniffedChunks(pieces(page), 'sender-model', 's3://b/sendermodels-1.avro', 'text/html'))).rejects.toThrow(
      /^s3:\/\/b\/sendermodels-1\.avro is not an Avro build: it starts with '<!DOCTYPE html> <html><head><title>Sign…'; the server answered with a web page/,
    );
    await expect(collect(sniffedChunks(pieces(page), 'reputation', 's3://b/r.json'))).rejects.toMatchObject({ kind: 'wrong-content' });
  });

  it('names the likely mix-up when a build of the other kind is pulled', () => {
    const avro = sniffBuild('reputation', Buffer.from('Obj\x01\x04', 'latin1'), false);
    expect(avro).toMatchObject({ ok: false, reason: 'it is an Avro file (a sender-model build?)' });
    const json = sniffBuild('sender-model', Buffer.from('[["a", {}]]'), false);
    expect(json).toMatchObject({ ok: false, reason: expect.stringContaining('it looks like JSON: a reputation build?') });
  });

  it('rejects an empty object, names known formats, NUL bytes and UTF-16, and shows other binary as hex', async () => {
    await expect(collect(sniffedChunks(pieces(), 'sender-model', 's3://b/k'))).rejects.toThrow(/is not an Avro build: it is empty/);
    expect(sniffBuild('sender-model', Buffer.from([0x1f, 0x8b, 8, 0, 0, 0]), false)).toMatchObject({ reason: 'it is gzip-compressed data' });
    expect(sniffBuild('reputation', Buffer.from([0xff, 0xfe, 0x5b, 0]), false)).toMatchObject({ reason: 'it is UTF-16 text' });
    expect(sniffBuild('sender-model', Buffer.from('\u0001\u0002ab\u0000cdefgh', 'latin1'), false)).toMatchObject({
      reason: 'it is binary (a NUL byte at byte 4)',
    });
    expect(sniffBuild('sender-model', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), false)).toMatchObject({
      reason: 'it starts with bytes 89 50 4e 47 0d 0a 1a 0a',
    });
  });
});

describe('smw pull arguments', () => {
  it('splits an s3:// URL into bucket and key, keys with slashes and colons included', () => {
    expect(parseS3Url('s3://builds/models/sendermodels-2016-08-22_02:25:57.avro')).toEqual({
      bucket: 'builds',
      key: 'models/sendermodels-2016-08-22_02:25:57.avro',
    });
    expect(() => parseS3Url('https://builds/x')).toThrow(/is not an S3 object URL; give one like s3:\/\/my-bucket/);
    expect(() => parseS3Url('s3://builds/')).toThrow(PullError);
  });

  it('reads a postgres:// URL with libpq defaults and SSL settings', () => {
    expect(parsePgUrl('postgres://analyst@db.example:6543/feedback?sslmode=verify-full&sslrootcert=/ca.pem', {}).args).toEqual({
      host: 'db.example',
      port: 6543,
      database: 'feedback',
      user: 'analyst',
      sslMode: 'verify-full',
      caFile: '/ca.pem',
      table: 'user_response',
    });
    expect(parsePgUrl('postgres://db.example', { PGUSER: 'me' }).args).toMatchObject({ user: 'me', database: 'me', port: 5432, sslMode: 'prefer' });
    expect(parsePgUrl('postgresql://u@[::1]/d', {}).args.host).toBe('::1');
    expect(() => parsePgUrl('mysql://u@h/d', {})).toThrow(/must be a postgres:\/\/ URL/);
    expect(() => parsePgUrl('postgres://u@h/d?sslmode=maybe', {})).toThrow(/sslmode 'maybe' is not one of/);
  });

  it('takes a password in the URL for the connection only, and never shows it', () => {
    const { args, passwordInUrl } = parsePgUrl('postgres://analyst:s3cr%40t@db.example/feedback', {});
    expect(args.password).toBe('s3cr@t');
    expect(passwordInUrl).toBe(true);
    const command = parseCommand(['feedback', '--pg', 'postgres://analyst:s3cr%40t@db.example/feedback'], {});
    expect(command.label).toBe('postgres://analyst@db.example:5432/feedback?table=user_response');
    expect(redactUrl('postgres://analyst:s3cr%40t@db.example/feedback')).toBe('postgres://analyst:***@db.example/feedback');
  });

  it('parses both forms of DESIGN §6, and says what is wrong with others', () => {
    expect(
      parseCommand([
        'sender-model',
        's3://b/k.avro',
        '--endpoint',
        'http://127.0.0.1:9000',
        '--region',
        'eu-west-1',
        '--profile',
        'p',
        '--id',
        'x',
        '--replace',
        '--json',
        '--data-dir',
        '/tmp/w',
      ]),
    ).toMatchObject({
      kind: 'sender-model',
      id: 'x',
      replace: true,
      json: true,
      s3: { bucket: 'b', key: 'k.avro', endpoint: 'http://127.0.0.1:9000', region: 'eu-west-1', profile: 'p' },
    });
    expect(parseCommand(['feedback', '--pg', 'postgres://u@h:1/d', '--table', 'fb.user_response'], {})).toMatchObject({
      kind: 'feedback',
      pg: { table: 'fb.user_response', port: 1 },
    });
    expect(() => parseCommand(['notes', 's3://b/k'])).toThrow(
      /cannot pull 'notes': use sender-model, reputation, feedback or context \(see smw pull --help\)$/,
    );
    expect(() => parseCommand(['feedback'], {})).toThrow(/needs --pg postgres:\/\/USER@HOST:PORT\/DB/);
    expect(() => parseCommand(['reputation', 's3://b/r.json', '--pg', 'postgres://u@h/d'])).toThrow(/--pg is for smw pull feedback/);
    expect(() => parseCommand(['sender-model', 's3://b/k', '--bogus'])).toThrow(/Unknown option '--bogus'/);
  });
});

describe('password file', () => {
  const key = { host: 'db.example', port: 5432, database: 'feedback', user: 'analyst' };

  it('takes the first matching line, with * wildcards and \\: escapes', () => {
    const text = ['# comment', 'other.example:*:*:*:nope', 'db.example:5432:*:analyst:pa\\:ss\\\\word', '*:*:*:*:fallback'].join('\n');
    expect(matchPgPass(text, key)).toBe('pa:ss\\word');
    expect(matchPgPass(text, { ...key, user: 'someone' })).toBe('fallback');
    expect(matchPgPass('db.example:5432:feedback:analyst', key)).toBeUndefined();
  });

  it('prefers PGPASSWORD, reads PGPASSFILE, and ignores a file others can read', () => {
    const dir = tempDir();
    const file = path.join(dir, 'pgpass');
    fs.writeFileSync(file, 'db.example:5432:feedback:analyst:from-file\n', { mode: 0o600 });
    expect(lookupPgPassword(key, { env: { PGPASSFILE: file } })).toBe('from-file');
    expect(lookupPgPassword(key, { env: { PGPASSFILE: file, PGPASSWORD: 'from-env' } })).toBe('from-env');
    fs.chmodSync(file, 0o644);
    expect(lookupPgPassword(key, { env: { PGPASSFILE: file }, platform: 'linux' })).toBeUndefined();
    expect(lookupPgPassword(key, { env: {}, home: dir })).toBeUndefined();
  });
});

describe('SSL modes', () => {
  it('maps libpq modes to TLS options: no check for require, chain and host for verify-full', () => {
    const dir = tempDir();
    const ca = path.join(dir, 'ca.pem');
    fs.writeFileSync(ca, '-----BEGIN CERTIFICATE-----\n');
    expect(sslOptions('disable', 'db.example')).toBe(false);
    expect(sslOptions('require', 'db.example')).toEqual({ rejectUnauthorized: false });
    expect(sslOptions('verify-full', 'db.example', ca)).toEqual({ ca: fs.readFileSync(ca), rejectUnauthorized: true, servername: 'db.example' });
    const verifyCa = sslOptions('verify-ca', '10.0.0.5', ca) as { checkServerIdentity?: unknown; servername?: string };
    expect(typeof verifyCa.checkServerIdentity).toBe('function');
    expect(verifyCa.servername).toBeUndefined();
    expect(() => sslOptions('verify-full', 'db.example', path.join(dir, 'missing.pem'))).toThrow(/cannot read the CA file .*missing\.pem \(ENOENT\)/);
  });
});

describe('progress', () => {
  it('measures the rate over the last seconds, not the whole pull', () => {
    const meter = new RateMeter(1000);
    meter.add(0, 0);
    meter.add(1000, 10_000_000);
    meter.add(2000, 10_000_000); // stalled for a second
    expect(meter.rate()).toBe(0);
  });

  it('reports at most every interval; phase changes and the first bytes at once', () => {
    let t = 0;
    const seen: string[] = [];
    const tracker = new ProgressTracker(
      (p) => seen.push(`${p.phase}:${p.bytesDone}`),
      () => t,
      100,
    );
    tracker.update({ phase: 'transferring', bytesTotal: 10 });
    t = 10;
    tracker.update({ bytesDone: 1 }); // the first bytes: at once
    t = 20;
    tracker.update({ bytesDone: 2 });
    t = 150;
    tracker.update({ bytesDone: 5 });
    tracker.update({ phase: 'done', bytesDone: 10 });
    expect(seen).toEqual(['transferring:0', 'transferring:1', 'transferring:5', 'done:10']);
  });
});

describe('one pull per source', () => {
  it('refuses a second pull of the same source until the first ends', () => {
    const release = acquireSource('s3|aws|b|k', 'a pull of s3://b/k');
    expect(() => acquireSource('s3|aws|b|k', 'another')).toThrow(/a pull of s3:\/\/b\/k is already running; wait for it to finish or cancel it/);
    const other = acquireSource('s3|aws|b|k2', 'a pull of s3://b/k2');
    release();
    acquireSource('s3|aws|b|k', 'again')();
    other();
  });
});

describe('PostgreSQL password store', () => {
  const fakeKeychain = (backend = 'gnome_libsecret'): SafeStorageLike => ({
    isEncryptionAvailable: () => true,
    encryptString: (s) => Buffer.from(`sealed:${Buffer.from(s).toString('hex')}`),
    decryptString: (b) => Buffer.from(b.toString().slice('sealed:'.length), 'hex').toString(),
    getSelectedStorageBackend: () => backend,
  });
  const key = { host: 'db.example', database: 'feedback', user: 'analyst' };

  it('keeps passwords sealed by the keychain, never in plain text', () => {
    const file = path.join(tempDir(), 'pg-passwords.json');
    const store = new KeychainPasswordStore(fakeKeychain(), file);
    store.set(key, 'hunter2');
    expect(fs.readFileSync(file, 'utf8')).not.toContain('hunter2');
    expect((fs.statSync(file).mode & 0o777).toString(8)).toBe('600');
    expect(new KeychainPasswordStore(fakeKeychain(), file).get({ ...key, port: 5432 })).toBe('hunter2');
    store.delete(key);
    expect(store.get(key)).toBeUndefined();
  });

  it('falls back to memory (ask at each pull) without a real keychain', () => {
    expect(keychainAvailable(undefined)).toBe(false);
    expect(keychainAvailable(fakeKeychain('basic_text'))).toBe(false);
    expect(keychainAvailable(fakeKeychain())).toBe(true);
    const file = path.join(tempDir(), 'pg-passwords.json');
    const store = choosePasswordStore(fakeKeychain('basic_text'), file);
    expect(store.persistent).toBe(false);
    store.set(key, 'hunter2');
    expect(store.get(key)).toBe('hunter2');
    expect(fs.existsSync(file)).toBe(false);
  });
});
