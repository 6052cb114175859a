// The joined analysis of a (build, feedback pull) kept beside the snapshots, so that opening the
// app on a build of millions of entries shows its first view without reading the build again:
// the per-item stats, the individual histogram and each item's histogram bins (everything the
// overview, the rows and the bin filter need; the detail pane and the JSON report read the
// build). One file per pair in analyses/, named after the two snapshot files — a snapshot's
// file name changes with every replacement, so a stale analysis is never read — written under
// a temporary name and renamed, removed with either snapshot. A cache: any file may be deleted.

import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ITEM_BIN_WORDS, type AuthenticityStats } from '../../shared/authenticity';

export const ANALYSES_DIR = 'analyses';
/** Bumped when the layout or the meaning of the stored arrays changes. */
const FORMAT = 'smw-analysis/1';
const MAGIC = Buffer.from('SMWA');
const BYTE_ORDER = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 'little' : 'big';

export interface AnalysisKey {
  buildFile: string;
  feedbackFile: string;
  /** Items of the feedback pull and entries of the build: a file that disagrees is not used. */
  items: number;
  entries: number;
}

export function analysisFileName(buildFile: string, feedbackFile: string): string {
  return `${buildFile.replace(/\.sqlite$/u, '')}~${feedbackFile.replace(/\.sqlite$/u, '')}.analysis`;
}

/** The snapshot files an analysis file belongs to, or null when the name is not one. */
export function analysisSnapshotFiles(name: string): [string, string] | null {
  const m = /^(.+\.[1-9][0-9]*)~(.+\.[1-9][0-9]*)\.analysis$/u.exec(name);
  return m ? [`${m[1]}.sqlite`, `${m[2]}.sqlite`] : null;
}

function arrays(stats: AuthenticityStats): ArrayBufferView[] {
  return [stats.itemDomain, stats.count, stats.min, stats.mean, stats.max, stats.itemBins, stats.status];
}

/** Writes the stats; best effort (a read-only workspace just recomputes next time). */
export function writeAnalysis(dataDir: string, key: AnalysisKey, stats: AuthenticityStats): void {
  const dir = path.join(dataDir, ANALYSES_DIR);
  const file = path.join(dir, analysisFileName(key.buildFile, key.feedbackFile));
  const temp = `${file}.${process.pid}-${crypto.randomBytes(4).toString('hex')}.tmp`;
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const header = Buffer.from(`${JSON.stringify({ format: FORMAT, byteOrder: BYTE_ORDER, ...key, individual: stats.individual })}\n`);
    // Each array starts at a multiple of 8 bytes, so it can be read in place.
    const pad = (n: number) => (8 - (n % 8)) % 8;
    const parts: Buffer[] = [MAGIC, Buffer.alloc(4), header, Buffer.alloc(pad(8 + header.length))];
    parts[1].writeUInt32LE(header.length);
    for (const a of arrays(stats)) {
      parts.push(Buffer.from(a.buffer, a.byteOffset, a.byteLength), Buffer.alloc(pad(a.byteLength)));
    }
    fs.writeFileSync(temp, Buffer.concat(parts), { mode: 0o600 });
    fs.renameSync(temp, file);
  } catch {
    fs.rmSync(temp, { force: true });
  }
}

/** The stored stats of the pair, or null when there are none that fit (missing, stale, damaged). */
export function readAnalysis(dataDir: string, key: AnalysisKey): AuthenticityStats | null {
  const file = path.join(dataDir, ANALYSES_DIR, analysisFileName(key.buildFile, key.feedbackFile));
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch {
    return null;
  }
  try {
    if (!bytes.subarray(0, 4).equals(MAGIC)) return null;
    const headerLength = bytes.readUInt32LE(4);
    const header = JSON.parse(bytes.subarray(8, 8 + headerLength).toString('utf8')) as AnalysisKey & {
      format: string;
      byteOrder: string;
      individual: number[];
    };
    if (header.format !== FORMAT || header.byteOrder !== BYTE_ORDER || header.items !== key.items || header.entries !== key.entries) return null;
    if (header.buildFile !== key.buildFile || header.feedbackFile !== key.feedbackFile) return null;
    const n = key.items;
    // Copied out of the file's buffer: typed arrays of their own, aligned whatever Node gave us.
    let at = 8 + headerLength;
    at += (8 - (at % 8)) % 8;
    const take = <T extends ArrayBufferView>(make: (length: number) => T, length: number, size: number): T => {
      const out = make(length);
      const bytesNeeded = length * size;
      if (at + bytesNeeded > bytes.length) throw new Error('short');
      new Uint8Array(out.buffer, out.byteOffset, out.byteLength).set(bytes.subarray(at, at + bytesNeeded));
      at += bytesNeeded + ((8 - (bytesNeeded % 8)) % 8);
      return out;
    };
    const itemDomain = take((l) => new Int32Array(l), n, 4);
    const count = take((l) => new Uint32Array(l), n, 4);
    const min = take((l) => new Float64Array(l), n, 8);
    const mean = take((l) => new Float64Array(l), n, 8);
    const max = take((l) => new Float64Array(l), n, 8);
    const itemBins = take((l) => new Uint32Array(l), n * ITEM_BIN_WORDS, 4);
    const status = take((l) => new Uint8Array(l), n, 1);
    if (!Array.isArray(header.individual) || header.individual.length !== 50) return null;
    return { itemDomain, count, min, mean, max, itemBins, status, individual: header.individual };
  } catch {
    return null;
  }
}

/** Removes analyses whose build or feedback snapshot file is no longer referenced, and temp files. */
export function removeStaleAnalyses(dataDir: string, referenced: ReadonlySet<string>, now = Date.now()): void {
  const dir = path.join(dataDir, ANALYSES_DIR);
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const files = analysisSnapshotFiles(name);
    const file = path.join(dir, name);
    try {
      // A temporary file is another process's write in progress unless it is old.
      const stale =
        files === null ? name.endsWith('.tmp') && now - fs.statSync(file).mtimeMs > 600_000 : !referenced.has(files[0]) || !referenced.has(files[1]);
      if (stale) fs.rmSync(file, { force: true });
    } catch {
      // gone already, or in use (Windows): the next open tries again
    }
  }
}
