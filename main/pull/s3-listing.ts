// The builds under an S3 bucket and prefix, newest first, with the build time read from the
// name (sender models `sendermodels-YYYY-MM-DD_HH:MM:SS.avro`, reputation builds
// `reputation-<epoch seconds>.json`; other names get their S3 date) and whether the workspace
// already holds that very object (same bucket, key and ETag).

import { ListObjectsV2Command, type ListObjectsV2CommandOutput, type S3Client } from '@aws-sdk/client-s3';
import type { S3BuildListing } from '../../shared/api';
import type { SnapshotInfo } from '../../shared/types';
import type { SnapshotMeta } from '../workspace/registry';
import { defaultIdFromName } from '../workspace/snapshot-id';
import { describeS3Error, PullCancelledError } from './errors';
import { createS3Client, endpointLabel, type CreateS3ClientOptions, type S3Location } from './s3-client';

export interface ListS3BuildsArgs extends S3Location {
  bucket: string;
  prefix?: string;
}

export interface ListS3BuildsOptions {
  signal?: AbortSignal;
  /** Stop after this many objects (default 10 000): a prefix is a folder of builds, not a data lake. */
  maxObjects?: number;
  client?: S3Client;
  clientOptions?: CreateS3ClientOptions;
}

/** What the listing needs of the workspace: its snapshots and where they came from. */
export interface PulledLookup {
  list(): SnapshotInfo[];
  getMeta(id: string): SnapshotMeta;
}

export interface ParsedBuildName {
  kind: S3BuildListing['kind'];
  /** ISO 8601 (UTC), when the name carries the build time. */
  buildTime?: string;
}

const SENDER_MODEL_NAME = /^sendermodels?-(\d{4})-(\d{2})-(\d{2})_(\d{2}):(\d{2}):(\d{2})\.avro$/i;
const REPUTATION_NAME = /^reputation-(\d{1,12}(?:\.\d+)?)\.json$/i;

/** The kind and build time a key's base name tells; names of no known pattern give the kind by extension. */
export function parseBuildName(key: string): ParsedBuildName {
  const base = key.slice(key.lastIndexOf('/') + 1);
  const sm = SENDER_MODEL_NAME.exec(base);
  if (sm) {
    const [, y, mo, d, h, mi, s] = sm;
    const iso = `${y}-${mo}-${d}T${h}:${mi}:${s}Z`;
    const t = Date.parse(iso);
    // Date.parse rolls 2016-02-30 over to March; a name that is not a real date gets no time.
    if (Number.isFinite(t) && new Date(t).toISOString() === `${y}-${mo}-${d}T${h}:${mi}:${s}.000Z`) {
      return { kind: 'sender-model', buildTime: new Date(t).toISOString() };
    }
    return { kind: 'sender-model' };
  }
  const rep = REPUTATION_NAME.exec(base);
  if (rep) {
    const ms = Math.round(Number(rep[1]) * 1000);
    return Number.isFinite(ms) ? { kind: 'reputation', buildTime: new Date(ms).toISOString() } : { kind: 'reputation' };
  }
  if (/\.avro$/i.test(base)) return { kind: 'sender-model' };
  if (/\.json$/i.test(base)) return { kind: 'reputation' };
  return { kind: 'other' };
}

export async function listS3Builds(ws: PulledLookup, args: ListS3BuildsArgs, options: ListS3BuildsOptions = {}): Promise<{ builds: S3BuildListing[] }> {
  const client = options.client ?? createS3Client(args, options.clientOptions);
  const prefix = args.prefix ?? '';
  const max = options.maxObjects ?? 10_000;
  const context = { bucket: args.bucket, prefix, endpoint: args.endpoint, region: args.region, profile: args.profile };
  const pulled = pulledObjects(ws, args.bucket, endpointLabel(args));
  const builds: S3BuildListing[] = [];
  try {
    let token: string | undefined;
    do {
      let page: ListObjectsV2CommandOutput;
      try {
        page = await client.send(new ListObjectsV2Command({ Bucket: args.bucket, Prefix: prefix, ContinuationToken: token }), { abortSignal: options.signal });
      } catch (err) {
        if (options.signal?.aborted) throw new PullCancelledError(`listing s3://${args.bucket}/${prefix}`);
        throw describeS3Error(err, context);
      }
      for (const object of page.Contents ?? []) {
        if (!object.Key || object.Key.endsWith('/')) continue; // "folder" placeholders
        builds.push(listing(object.Key, object.Size ?? 0, object.LastModified, object.ETag, pulled));
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token && builds.length < max);
  } finally {
    if (!options.client) client.destroy();
  }
  builds.sort((a, b) => (a.buildTime < b.buildTime ? 1 : a.buildTime > b.buildTime ? -1 : a.key < b.key ? -1 : 1));
  return { builds: builds.slice(0, max) };
}

function listing(
  key: string,
  size: number,
  lastModified: Date | undefined,
  etag: string | undefined,
  pulled: Map<string, Set<string | undefined>>,
): S3BuildListing {
  const parsed = parseBuildName(key);
  const modified = lastModified ? lastModified.toISOString() : new Date(0).toISOString();
  let suggestedId = '';
  try {
    suggestedId = defaultIdFromName(key);
  } catch {
    // A key whose name yields no id: the analyst types one.
  }
  const etags = pulled.get(key);
  const isPulled = etags !== undefined && (etags.has(undefined) || etag === undefined || etags.has(unquote(etag)));
  return {
    key,
    kind: parsed.kind,
    buildTime: parsed.buildTime ?? modified,
    size,
    lastModified: modified,
    ...(etag !== undefined ? { etag } : {}),
    pulled: isPulled,
    suggestedId,
  };
}

/** key → ETags of the snapshots pulled from this bucket at this endpoint (undefined: pulled without one). */
function pulledObjects(ws: PulledLookup, bucket: string, endpoint: string | undefined): Map<string, Set<string | undefined>> {
  const byKey = new Map<string, Set<string | undefined>>();
  for (const snapshot of ws.list()) {
    if (!snapshot.source.startsWith('s3://')) continue;
    let meta: SnapshotMeta;
    try {
      meta = ws.getMeta(snapshot.id);
    } catch {
      continue; // deleted since list()
    }
    if (meta.bucket !== bucket || typeof meta.key !== 'string') continue;
    if ((typeof meta.endpoint === 'string' ? meta.endpoint : undefined) !== endpoint) continue;
    const etags = byKey.get(meta.key) ?? new Set<string | undefined>();
    etags.add(typeof meta.etag === 'string' ? unquote(meta.etag) : undefined);
    byKey.set(meta.key, etags);
  }
  return byKey;
}

function unquote(etag: string): string {
  return etag.replace(/^W\//, '').replace(/^"|"$/g, '');
}
