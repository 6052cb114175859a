// Every failure the issue lists, as the analyst reads it: what happened, where, what to do.
// The errors are built as the SDK, `pg` and Node throw them; the integration suites check that
// the real servers produce them.

import { describe, expect, it } from 'vitest';
import { describePgError, describeS3Error, PullError } from '../../main/pull/errors';

const s3 = { bucket: 'builds', key: 'models/sendermodels-2016-08-22_02:25:57.avro', region: 'eu-west-1' };
const where = 's3://builds/models/sendermodels-2016-08-22_02:25:57.avro';

function sdkError(name: string, status: number, message = name): Error {
  return Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status }, $fault: status >= 500 ? 'server' : 'client' });
}

function nodeError(code: string, message: string, extra: object = {}): Error {
  return Object.assign(new Error(message), { code, ...extra });
}

describe('S3 errors', () => {
  it.each([
    [
      'DNS failure',
      nodeError('ENOTFOUND', 'getaddrinfo ENOTFOUND minio.corp', { hostname: 'minio.corp' }),
      { endpoint: 'https://minio.corp:9000' },
      'dns',
      /^cannot find the host 'minio\.corp:9000' \(no such host name\) for s3:\/\/builds\/.*; check the host name, and that you are on the network or VPN/,
    ],
    [
      'connection refused',
      nodeError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:9000'),
      { endpoint: 'http://127.0.0.1:9000' },
      'refused',
      /^connection refused by 127\.0\.0\.1:9000 for s3:.*; is http:\/\/127\.0\.0\.1:9000 the right endpoint, and is the S3 service running\?$/,
    ],
    [
      'timeout',
      Object.assign(new Error('the request socket did not establish a connection'), { name: 'TimeoutError' }),
      {},
      'timeout',
      /^s3\.eu-west-1\.amazonaws\.com did not answer in time for s3:.*; check your network or VPN and try again$/,
    ],
    [
      'unknown access key',
      sdkError('InvalidAccessKeyId', 403),
      {},
      'credentials',
      /does not know the AWS access key of the credentials in use .*; check AWS_ACCESS_KEY_ID or the profile/,
    ],
    [
      'wrong secret',
      sdkError('SignatureDoesNotMatch', 403),
      { profile: 'analytics' },
      'credentials',
      /rejected the signature: the secret key of the profile 'analytics' does not match its access key/,
    ],
    [
      'expired SSO session',
      sdkError('ExpiredToken', 400),
      { profile: 'analytics' },
      'credentials',
      /has expired; sign in again \(aws sso login --profile analytics\)/,
    ],
    [
      'SSO never signed in',
      Object.assign(
        new Error(
          "The SSO session token associated with profile=corp was not found or is invalid. To refresh this SSO session run 'aws sso login' with the corresponding profile.",
        ),
        { name: 'CredentialsProviderError' },
      ),
      { profile: 'corp' },
      'no-credentials',
      /^the SSO session of the profile 'corp' has expired or was never started; run aws sso login --profile corp, then pull again$/,
    ],
    [
      'no credentials at all',
      Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' }),
      {},
      'no-credentials',
      /^no AWS credentials for s3:.*; use --profile \(aws sso login for an SSO profile\), AWS_PROFILE, or AWS_ACCESS_KEY_ID/,
    ],
    [
      'access denied',
      sdkError('AccessDenied', 403),
      {},
      'access-denied',
      /^access denied to s3:\/\/builds\/models\/.* for the credentials in use .*; ask for s3:GetObject on the bucket, or use a profile that has it/,
    ],
    [
      'no such bucket',
      sdkError('NoSuchBucket', 404),
      {},
      'not-found',
      /^there is no bucket 'builds' at s3\.eu-west-1\.amazonaws\.com; check the bucket name and --region$/,
    ],
    [
      'no such key',
      sdkError('NoSuchKey', 404),
      {},
      'not-found',
      /^there is no object s3:\/\/builds\/models\/sendermodels-2016-08-22_02:25:57\.avro; list the builds under its prefix/,
    ],
    ['wrong region', sdkError('PermanentRedirect', 301), {}, 'wrong-region', /is in another region than eu-west-1; give its region with --region/],
    [
      'server error',
      sdkError('InternalError', 500, 'We encountered an internal error'),
      {},
      'server',
      /failed to serve .*\(InternalError: We encountered an internal error\); try again in a few minutes/,
    ],
    [
      'server gone mid-transfer',
      nodeError('ECONNREFUSED', 'connect ECONNREFUSED'),
      { endpoint: 'http://127.0.0.1:9000', bytesDone: 5_000_000, bytesTotal: 20_000_000 },
      'interrupted',
      /^127\.0\.0\.1:9000 went away in the middle of s3:.* after 5\.00 MB of 20\.0 MB \(connection refused .*\); nothing was saved; pull again when it is back$/,
    ],
    [
      'connection reset',
      nodeError('ECONNRESET', 'aborted'),
      { bytesDone: 1000 },
      'interrupted',
      /the connection to .* dropped during s3:.* after 1000 bytes; nothing was saved/,
    ],
  ])('%s', (_, err, ctx, kind, message) => {
    const mapped = describeS3Error(err, { ...s3, ...ctx });
    expect(mapped).toBeInstanceOf(PullError);
    expect(mapped.kind).toBe(kind);
    expect(mapped.message).toMatch(message);
    expect(mapped.message).not.toContain('\n');
  });

  it('asks for list permission when listing fails', () => {
    expect(describeS3Error(sdkError('AccessDenied', 403), { bucket: 'builds', prefix: 'models/' }).message).toMatch(
      /^access denied to s3:\/\/builds\/models\/ .*s3:GetObject and s3:ListBucket/,
    );
  });

  it('reports a cancelled request as a cancellation', () => {
    const abort = Object.assign(new Error('Request aborted'), { name: 'AbortError' });
    expect(describeS3Error(abort, s3)).toMatchObject({
      kind: 'cancelled',
      message: `the pull of ${where} was cancelled; nothing was saved and the workspace is as it was`,
    });
  });
});

describe('PostgreSQL errors', () => {
  const pg = { host: 'db.example', port: 5432, database: 'feedback', user: 'analyst', table: 'user_response', statementTimeoutMs: 120_000 };
  const pgError = (code: string, message: string) => Object.assign(new Error(message), { code, severity: 'FATAL' });

  it.each([
    [
      'wrong password',
      pgError('28P01', 'password authentication failed for user "analyst"'),
      'credentials',
      "PostgreSQL at db.example:5432 rejected the password of user 'analyst'; check it (set PGPASSWORD or add it to ~/.pgpass)",
    ],
    [
      'no access (pg_hba)',
      pgError('28000', 'no pg_hba.conf entry for host "10.1.1.1", user "analyst", database "feedback", no encryption'),
      'access-denied',
      /^PostgreSQL at db\.example:5432 does not let user 'analyst' into database 'feedback' \(no pg_hba\.conf entry .*\); ask the DBA for access, or check the user name and the SSL mode$/,
    ],
    [
      'no such database',
      pgError('3D000', 'database "feedback" does not exist'),
      'not-found',
      "there is no database 'feedback' at db.example:5432; check the database name in the connection",
    ],
    [
      'no such table',
      pgError('42P01', 'relation "user_response" does not exist'),
      'not-found',
      /^there is no table 'user_response' in database 'feedback' at db\.example:5432; check the table name/,
    ],
    [
      'no read permission',
      pgError('42501', 'permission denied for table user_response'),
      'access-denied',
      /ask the DBA for GRANT SELECT ON user_response TO analyst$/,
    ],
    [
      'statement timeout',
      pgError('57014', 'canceling statement due to statement timeout'),
      'timeout',
      /^reading 'user_response' from database 'feedback' at db\.example:5432 was stopped by the server after 120 s \(statement_timeout\); try again when the server is less busy/,
    ],
    [
      'server shut down',
      pgError('57P01', 'terminating connection due to administrator command'),
      'interrupted',
      /^the PostgreSQL server at db\.example:5432 shut the connection down \(terminating .*\); nothing was saved; pull again when it is back$/,
    ],
    [
      'DNS failure',
      nodeError('ENOTFOUND', 'getaddrinfo ENOTFOUND db.example'),
      'dns',
      /^cannot find the host 'db\.example:5432' \(no such host name\) for database 'feedback' at db\.example:5432; check the host name/,
    ],
    [
      'connection refused',
      nodeError('ECONNREFUSED', 'connect ECONNREFUSED 10.0.0.5:5432'),
      'refused',
      /^connection refused by db\.example:5432 for database 'feedback' .*; check the host and port, and that PostgreSQL is running and listening there$/,
    ],
    [
      'connect timeout',
      new Error('Connection terminated due to connection timeout'),
      'timeout',
      /^db\.example:5432 did not answer in time for database 'feedback' at db\.example:5432; check the host and port, your network or VPN, and any firewall$/,
    ],
    [
      'no password given',
      new Error('SASL: SCRAM-SERVER-FIRST-MESSAGE: client password must be a string'),
      'no-credentials',
      "PostgreSQL at db.example:5432 wants a password for user 'analyst' and none was given; set PGPASSWORD or add it to ~/.pgpass",
    ],
    ['server without SSL', new Error('The server does not support SSL connections'), 'tls', /does not offer SSL, but the SSL mode requires it/],
    [
      'untrusted certificate',
      nodeError('SELF_SIGNED_CERT_IN_CHAIN', 'self-signed certificate in certificate chain'),
      'tls',
      /^the TLS certificate of db\.example:5432 was not accepted .*; check the host name, the CA file and the SSL mode$/,
    ],
    [
      'server gone mid-read',
      new Error('Connection terminated unexpectedly'),
      'interrupted',
      /^the connection to PostgreSQL at db\.example:5432 was lost; nothing was saved/,
    ],
  ])('%s', (_, err, kind, message) => {
    const mapped = describePgError(err, pg);
    expect(mapped.kind).toBe(kind);
    if (typeof message === 'string') expect(mapped.message).toBe(message);
    else expect(mapped.message).toMatch(message);
  });

  it('never repeats a password it was given', () => {
    const err = pgError('28P01', 'password authentication failed for user "analyst"');
    expect(describePgError(err, { ...pg, passwordHint: 'enter it again' }).message).toBe(
      "PostgreSQL at db.example:5432 rejected the password of user 'analyst'; check it (enter it again)",
    );
  });
});
