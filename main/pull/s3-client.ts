// An S3 client for one location. Credentials come from the SDK's default chain (environment,
// shared config and credentials files, SSO profiles, container and instance roles), with a
// named profile when one is given: nothing here reads, stores or logs a secret. A custom
// endpoint (MinIO, Ceph, a local test server) uses path-style addressing.

import { S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import { PullError } from './errors';

export interface S3Location {
  region?: string;
  /** An S3-compatible endpoint, `http(s)://host:port`; default AWS. */
  endpoint?: string;
  /** A profile of ~/.aws/config or ~/.aws/credentials (SSO profiles too); default the chain's. */
  profile?: string;
}

export interface S3ClientTimeouts {
  /** TCP + TLS connect (ms). */
  connectionTimeoutMs?: number;
  /** From sending a request to its response headers (ms). */
  requestTimeoutMs?: number;
  /** A socket that carries no bytes for this long is dropped (ms); the download's own stall timer is shorter. */
  socketTimeoutMs?: number;
  /** Attempts per request for errors the SDK retries (throttling, 5xx, refused connections). */
  maxAttempts?: number;
}

export const DEFAULT_TIMEOUTS: Required<S3ClientTimeouts> = {
  connectionTimeoutMs: 10_000,
  requestTimeoutMs: 60_000,
  socketTimeoutMs: 120_000,
  maxAttempts: 3,
};

/** Used when neither --region, AWS_REGION nor the profile names one: S3 redirects from there. */
export const FALLBACK_REGION = 'us-east-1';

export interface CreateS3ClientOptions extends S3ClientTimeouts {
  /** Tests only: explicit credentials instead of the default chain. */
  credentials?: S3ClientConfig['credentials'];
}

export function createS3Client(location: S3Location, options: CreateS3ClientOptions = {}): S3Client {
  const t = { ...DEFAULT_TIMEOUTS, ...definedOnly(options) };
  const endpoint = location.endpoint ? checkEndpoint(location.endpoint) : undefined;
  return new S3Client({
    // A provider, so that the chain (AWS_REGION, the profile's region) is asked first and a
    // missing region is not an error: S3 answers a wrong region with a redirect we follow.
    region: location.region ?? (async () => (await chainRegion(location.profile)) ?? FALLBACK_REGION),
    followRegionRedirects: true,
    ...(location.profile ? { profile: location.profile } : {}),
    ...(endpoint ? { endpoint, forcePathStyle: true } : {}),
    ...(options.credentials ? { credentials: options.credentials } : {}),
    maxAttempts: t.maxAttempts,
    requestHandler: {
      connectionTimeout: t.connectionTimeoutMs,
      requestTimeout: t.requestTimeoutMs,
      // Without it the request timeout is only logged; with it, a server that accepts the
      // connection and never answers fails the request.
      throwOnRequestTimeout: true,
      socketTimeout: t.socketTimeoutMs,
    },
  });
}

/** The region the SDK's chain gives (env, then the profile), or undefined when none does. */
async function chainRegion(profile: string | undefined): Promise<string | undefined> {
  const probe = new S3Client(profile ? { profile } : {});
  try {
    return await probe.config.region();
  } catch {
    return undefined;
  } finally {
    probe.destroy();
  }
}

function checkEndpoint(endpoint: string): string {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new PullError('usage', `--endpoint '${endpoint}' is not a URL; give one like https://minio.example:9000`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new PullError('usage', `--endpoint '${endpoint}' must start with http:// or https://`);
  }
  if (url.username || url.password) {
    // Keys in a URL end up in shell history and logs; the SDK's chain is the place for them.
    throw new PullError('usage', '--endpoint must not contain credentials; use a profile (--profile) or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY');
  }
  return url.origin + (url.pathname === '/' ? '' : url.pathname);
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** The endpoint as recorded in a snapshot's meta and shown in messages (never with credentials). */
export function endpointLabel(location: S3Location): string | undefined {
  return location.endpoint ? checkEndpoint(location.endpoint) : undefined;
}
