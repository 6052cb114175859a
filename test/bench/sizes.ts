// The bench's sizes: what each run generates, ingests, joins and asks of the peers.

import type { AvroCodec } from '../../main/avro-writer/index';
import type { Layout, Shape } from './generate';

export type SizeName = 'smoke' | 'default' | 'large';

export interface IngestCase {
  shape: Shape;
  layout: Layout;
  codec: AvroCodec;
  /** This import's snapshot is the dataset's build for the join and the peers. */
  forJoin?: boolean;
  /** Also run the import step by step, with time and RSS after each step. */
  phases?: boolean;
  /**
   * Run it with glibc's malloc asking for transparent huge pages (GLIBC_TUNABLES), to show what
   * page faults cost on this machine. Informative: not in the headline or the targets.
   */
  hugePages?: boolean;
}

export interface BenchSize {
  name: SizeName;
  seed: number;
  /** Entries of each build (skewed and uniform). */
  entries: number;
  /** Feedback items per build. */
  items: number;
  ingest: IngestCase[];
  joinRuns: number;
  /** The report bench's heavy shape (test/bench/heavy/): two builds of this size, this many feedback CIDRs. */
  reports: { entries: number; items: number; seed: number };
  peers: {
    duckdb: boolean;
    /** Longest the SQLite query may run; beyond it a random sample of items runs and is scaled. */
    sqliteBudgetMs: number;
    /** Comparisons the notebook makes on its sample (~2.4 µs each on the 2-core machine). */
    notebookComparisons: number;
    /** Datasets the peers run on. */
    shapes: Shape[];
  };
}

export const SIZES: Record<SizeName, BenchSize> = {
  smoke: {
    name: 'smoke',
    seed: 42,
    entries: 20_000,
    items: 1_000,
    ingest: [
      { shape: 'skewed', layout: 'build', codec: 'snappy', forJoin: true },
      { shape: 'skewed', layout: 'build', codec: 'deflate' },
      { shape: 'skewed', layout: 'build', codec: 'null' },
      { shape: 'skewed', layout: 'build', codec: 'snappy', phases: true },
      { shape: 'uniform', layout: 'rows', codec: 'deflate', forJoin: true },
    ],
    joinRuns: 2,
    reports: { entries: 50_000, items: 2_000, seed: 7 },
    peers: { duckdb: true, sqliteBudgetMs: 2_000, notebookComparisons: 100_000, shapes: ['skewed', 'uniform'] },
  },
  default: {
    name: 'default',
    seed: 42,
    entries: 5_000_000,
    items: 50_000,
    ingest: [
      { shape: 'skewed', layout: 'build', codec: 'snappy', forJoin: true },
      { shape: 'skewed', layout: 'build', codec: 'deflate' },
      { shape: 'skewed', layout: 'build', codec: 'null' },
      { shape: 'uniform', layout: 'rows', codec: 'deflate', forJoin: true },
    ],
    joinRuns: 5,
    reports: { entries: 5_000_000, items: 50_000, seed: 7 },
    peers: { duckdb: true, sqliteBudgetMs: 4_000, notebookComparisons: 2_000_000, shapes: ['skewed'] },
  },
  large: {
    name: 'large',
    seed: 42,
    entries: 20_000_000,
    items: 50_000,
    ingest: [
      { shape: 'skewed', layout: 'build', codec: 'snappy', forJoin: true },
      { shape: 'skewed', layout: 'build', codec: 'deflate' },
      { shape: 'skewed', layout: 'build', codec: 'null' },
      { shape: 'skewed', layout: 'build', codec: 'snappy', phases: true },
      { shape: 'skewed', layout: 'build', codec: 'snappy', hugePages: true },
      { shape: 'uniform', layout: 'rows', codec: 'deflate', forJoin: true },
      { shape: 'uniform', layout: 'rows', codec: 'snappy' },
    ],
    joinRuns: 5,
    // The report bench's shape is the 5M-entry one at every size: at 20M it would write
    // 4 GB of JSON per run and DuckDB's range join would need tens of GB for 80M matches.
    reports: { entries: 5_000_000, items: 50_000, seed: 7 },
    peers: { duckdb: true, sqliteBudgetMs: 20_000, notebookComparisons: 8_000_000, shapes: ['skewed', 'uniform'] },
  },
};
