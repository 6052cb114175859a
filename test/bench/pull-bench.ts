// Pull throughput against a local S3 API server (s3rver on 127.0.0.1, in its own process so that
// serving does not share the puller's event loop), for the closing note. A dev script:
// it uses the test suite's build generator.
//
//   npx tsx test/bench/pull-bench.ts [--entries 2000000] [--codec deflate|snappy|null] [--layout build|rows] [--runs 3]
//
// Measures, on the same object, the median of --runs:
//   transfer   GetObject body read to the end, nothing else (the network path's ceiling);
//   pull       pullS3 into a fresh workspace: transfer + content check + decode + snapshot write;
//   import     importSenderModel of the same file from disk (the pull's ceiling without S3).

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { spawn } from 'node:child_process';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { generateBuild, writeBuild } from './generate';
import { freePort } from '../support/servers/free-port';
import type { AvroCodec } from '../../main/avro-writer/index';
import { importSenderModel } from '../../main/ingest';
import { Workspace } from '../../main/workspace/workspace';
import { pullS3 } from '../../main/pull/pull-s3';
import { createS3Client } from '../../main/pull/s3-client';
import { openS3Download } from '../../main/pull/s3-download';

const { values } = parseArgs({
  options: {
    entries: { type: 'string', default: '2000000' },
    codec: { type: 'string', default: 'deflate' },
    layout: { type: 'string', default: 'build' },
    runs: { type: 'string', default: '3' },
  },
});
const entries = Number(values.entries);
const codec = values.codec as AvroCodec;
const layout = values.layout as 'build' | 'rows';
const runs = Number(values.runs);

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'smw-bench-pull-'));
const file = path.join(work, 'sendermodels-2016-08-22_02:25:57.avro');
const key = `bench/${path.basename(file)}`;

let t = performance.now();
const written = writeBuild(generateBuild({ entries, shape: 'skewed', seed: 42 }), file, layout, codec);
console.log(
  `build: ${written.entries.toLocaleString('en-US')} entries, ${written.domains.toLocaleString('en-US')} domains, ${(written.bytes / 1e6).toFixed(1)} MB (${layout} layout, ${codec}), written in ${((performance.now() - t) / 1000).toFixed(1)} s`,
);

const port = await freePort();
const s3Dir = path.join(work, 's3');
const server = spawn(
  process.execPath,
  [
    '--input-type=module',
    '-e',
    `import S3rver from 's3rver'; await new S3rver({ address: '127.0.0.1', port: ${port}, silent: true, directory: ${JSON.stringify(s3Dir)} }).run(); console.log('ready');`,
  ],
  { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'inherit'] },
);
await new Promise<void>((resolve, reject) => {
  server.stdout!.on('data', (d: Buffer) => d.toString().includes('ready') && resolve());
  server.once('exit', (code) => reject(new Error(`s3rver exited (${code})`)));
});
const s3 = { endpoint: `http://127.0.0.1:${port}`, region: 'us-east-1' };
Object.assign(process.env, { AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER', AWS_EC2_METADATA_DISABLED: 'true' });
try {
  const seed = new S3Client({ endpoint: s3.endpoint, region: s3.region, forcePathStyle: true, requestChecksumCalculation: 'WHEN_REQUIRED' });
  await seed.send(new CreateBucketCommand({ Bucket: 'bench' }));
  await seed.send(new PutObjectCommand({ Bucket: 'bench', Key: key, Body: fs.readFileSync(file) }));
  seed.destroy();
  const client = createS3Client({ endpoint: s3.endpoint, region: s3.region });
  const rows: Array<{ what: string; seconds: number[]; kept?: number }> = [
    { what: 'transfer (GetObject body only)', seconds: [] },
    { what: 'pull (S3 → snapshot)', seconds: [] },
    { what: 'import (local file → snapshot)', seconds: [] },
  ];
  for (let run = 0; run < runs; run++) {
    t = performance.now();
    const download = await openS3Download(client, { bucket: 'bench', key });
    let bytes = 0;
    for await (const chunk of download.chunks) bytes += chunk.byteLength;
    if (bytes !== written.bytes) throw new Error(`transfer got ${bytes} of ${written.bytes} bytes`);
    rows[0].seconds.push((performance.now() - t) / 1000);

    const pulled = fs.mkdtempSync(path.join(work, 'ws-'));
    const ws = Workspace.open(pulled);
    t = performance.now();
    const report = await pullS3(ws, { kind: 'sender-model', bucket: 'bench', key, endpoint: s3.endpoint }, { client });
    rows[1].seconds.push((performance.now() - t) / 1000);
    rows[1].kept = report.kept;
    ws.close();

    const imported = fs.mkdtempSync(path.join(work, 'ws-'));
    const ws2 = Workspace.open(imported);
    t = performance.now();
    const direct = await importSenderModel(ws2, file, { name: path.basename(file), source: file });
    rows[2].seconds.push((performance.now() - t) / 1000);
    rows[2].kept = direct.kept;
    ws2.close();
    fs.rmSync(pulled, { recursive: true, force: true });
    fs.rmSync(imported, { recursive: true, force: true });
  }
  client.destroy();
  console.log(`median of ${runs} runs, s3rver (own process) on 127.0.0.1, Node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? '?'})`);
  for (const row of rows) {
    const s = median(row.seconds);
    const mbps = written.bytes / 1e6 / s;
    const eps = (row.kept ?? written.entries) / s;
    console.log(
      `${row.what.padEnd(32)} ${s.toFixed(2).padStart(6)} s  ${mbps.toFixed(1).padStart(7)} MB/s  ${Math.round(eps).toLocaleString('en-US').padStart(11)} entries/s`,
    );
  }
} finally {
  server.kill();
  fs.rmSync(work, { recursive: true, force: true });
}

function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}
