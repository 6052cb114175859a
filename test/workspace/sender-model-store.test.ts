import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { readDomainEntries, readSenderModelIndex, writeSenderModelIndex } from '../../main/workspace/sender-model-store';
import { Workspace } from '../../main/workspace/workspace';
import type { SenderModelIndex } from '../../shared/sender-model-index';
import { tempDir } from './temp-dir';

interface DomainSpec {
  domain: string;
  v4?: Array<[start: number, prefix: number, score: number]>;
  v6?: Array<[hi: bigint, lo: bigint, prefix: number, score: number]>;
}

function buildIndex(specs: DomainSpec[], version: string | null = 'v1', threshold: number | null = 0.3): SenderModelIndex {
  const v4 = specs.flatMap((s) => s.v4 ?? []);
  const v6 = specs.flatMap((s) => s.v6 ?? []);
  const v4Offsets = new Uint32Array(specs.length + 1);
  const v6Offsets = new Uint32Array(specs.length + 1);
  specs.forEach((s, d) => {
    v4Offsets[d + 1] = v4Offsets[d] + (s.v4?.length ?? 0);
    v6Offsets[d + 1] = v6Offsets[d] + (s.v6?.length ?? 0);
  });
  return {
    domains: specs.map((s) => s.domain),
    v4Offsets,
    v4Start: Uint32Array.from(v4.map((e) => e[0])),
    v4Prefix: Uint8Array.from(v4.map((e) => e[1])),
    v4Score: Float64Array.from(v4.map((e) => e[2])),
    v6Offsets,
    v6Hi: BigUint64Array.from(v6.map((e) => e[0])),
    v6Lo: BigUint64Array.from(v6.map((e) => e[1])),
    v6Prefix: Uint8Array.from(v6.map((e) => e[2])),
    v6Score: Float64Array.from(v6.map((e) => e[3])),
    version,
    threshold,
  };
}

function roundTrip(index: SenderModelIndex): SenderModelIndex {
  const db = new Database(':memory:');
  writeSenderModelIndex(db, index);
  const back = readSenderModelIndex(db);
  db.close();
  return back;
}

const sample: DomainSpec[] = [
  {
    domain: 'a.example',
    v4: [
      [0xc0000201, 32, 0.9],
      [0xc6336400, 24, 0.1],
    ],
  }, // 192.0.2.1/32, 198.51.100.0/24
  { domain: 'b.example' }, // a domain whose entries were all dropped
  {
    domain: 'c.example',
    v4: [[0x0a000000, 8, 0.5]],
    v6: [
      [0x20010db800000000n, 0n, 48, 0.25],
      [0xffffffffffffffffn, 0xfffffffffffffffen, 128, 1],
    ],
  },
  { domain: 'd.example', v6: [[0x20010db800020000n, 1n, 128, 0]] },
];

describe('sender-model store', () => {
  it('round-trips IPv4 and IPv6 entries, empty domains, version and threshold', () => {
    const index = buildIndex(sample);
    expect(roundTrip(index)).toEqual(index);
  });

  it('round-trips a build with no entries and no domains, and null version and threshold', () => {
    const index = buildIndex([], null, null);
    expect(roundTrip(index)).toEqual(index);
  });

  it('writes from typed arrays that are slices of bigger buffers', () => {
    const index = buildIndex(sample);
    const padded = new Float64Array(index.v4Score.length + 3);
    padded.set(index.v4Score, 3);
    const sliced = { ...index, v4Score: padded.subarray(3) };
    expect(roundTrip(sliced).v4Score).toEqual(index.v4Score);
  });

  it('reads one domain for the detail pane, and null for a domain the build does not have', () => {
    const db = new Database(':memory:');
    writeSenderModelIndex(db, buildIndex(sample));
    const c = readDomainEntries(db, 'c.example')!;
    expect([...c.v4Start]).toEqual([0x0a000000]);
    expect([...c.v6Hi]).toEqual([0x20010db800000000n, 0xffffffffffffffffn]);
    expect([...c.v6Lo]).toEqual([0n, 0xfffffffffffffffen]);
    expect([...c.v6Prefix]).toEqual([48, 128]);
    expect([...c.v6Score]).toEqual([0.25, 1]);
    expect(readDomainEntries(db, 'b.example')!.v4Start.length).toBe(0);
    expect(readDomainEntries(db, 'nope.example')).toBeNull();
    db.close();
  });

  it('refuses an index whose arrays disagree, before writing anything', () => {
    const db = new Database(':memory:');
    const bad = { ...buildIndex(sample), v4Prefix: new Uint8Array(1) };
    expect(() => writeSenderModelIndex(db, bad)).toThrow(/IPv4 arrays differ in length/);
    const unsorted = buildIndex([{ domain: 'z.example' }, { domain: 'a.example' }]);
    expect(() => writeSenderModelIndex(db, unsorted)).toThrow(/not sorted and unique at a\.example/);
    expect(db.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'domain_entries'").pluck().get()).toBe(0);
    db.close();
  });

  it('says so when a snapshot file is not a sender-model build', () => {
    const db = new Database(':memory:');
    expect(() => readSenderModelIndex(db)).toThrow(/no build_meta table; is this a sender-model snapshot\?/);
    db.close();
  });

  it('stores and reads 2M entries across 50k domains (timings printed, not asserted)', async () => {
    const domains = 50_000;
    const v4PerDomain = 32;
    const v6PerDomain = 8;
    const specs = { domains: [] as string[], v4: domains * v4PerDomain, v6: domains * v6PerDomain };
    for (let d = 0; d < domains; d++) specs.domains.push(`domain-${String(d).padStart(6, '0')}.example`);
    const index: SenderModelIndex = {
      domains: specs.domains,
      v4Offsets: Uint32Array.from({ length: domains + 1 }, (_, d) => d * v4PerDomain),
      v4Start: Uint32Array.from({ length: specs.v4 }, (_, i) => (i * 2654435761) >>> 0),
      v4Prefix: Uint8Array.from({ length: specs.v4 }, (_, i) => 24 + (i % 9)),
      v4Score: Float64Array.from({ length: specs.v4 }, (_, i) => (i % 1000) / 1000),
      v6Offsets: Uint32Array.from({ length: domains + 1 }, (_, d) => d * v6PerDomain),
      v6Hi: BigUint64Array.from({ length: specs.v6 }, (_, i) => 0x20010db800000000n + BigInt(i)),
      v6Lo: BigUint64Array.from({ length: specs.v6 }, (_, i) => BigInt(i) * 7n),
      v6Prefix: Uint8Array.from({ length: specs.v6 }, (_, i) => 48 + (i % 81)),
      v6Score: Float64Array.from({ length: specs.v6 }, (_, i) => (i % 997) / 997),
      version: 'bench',
      threshold: 0.3,
    };

    const ws = Workspace.open(tempDir('bench'));
    const t0 = performance.now();
    const info = await ws.writeSnapshot('sender-model', 'bench', { source: 'generated' }, (db) => {
      writeSenderModelIndex(db, index);
      return { rows: specs.v4 + specs.v6 };
    });
    const t1 = performance.now();
    const db = ws.openSnapshot('bench');
    const t2 = performance.now();
    const back = readSenderModelIndex(db);
    const t3 = performance.now();
    const one = readDomainEntries(db, 'domain-025000.example');
    const t4 = performance.now();
    db.close();
    ws.close();

    console.log(
      `[sender-model store] ${specs.v4 + specs.v6} entries, ${domains} domains, file ${(info.bytes / 1e6).toFixed(1)} MB: ` +
        `write+commit ${(t1 - t0).toFixed(0)} ms, read all ${(t3 - t2).toFixed(0)} ms, read one domain ${(t4 - t3).toFixed(2)} ms`,
    );
    expect(back.domains.length).toBe(domains);
    expect(Buffer.compare(Buffer.from(back.v4Start.buffer), Buffer.from(index.v4Start.buffer))).toBe(0);
    expect(Buffer.compare(Buffer.from(back.v6Lo.buffer), Buffer.from(index.v6Lo.buffer))).toBe(0);
    expect(Buffer.compare(Buffer.from(back.v6Score.buffer), Buffer.from(index.v6Score.buffer))).toBe(0);
    expect([...back.v4Offsets.subarray(0, 3)]).toEqual([0, 32, 64]);
    expect(one?.v4Start.length).toBe(v4PerDomain);
  });
});
