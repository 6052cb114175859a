// The one API between the renderer and the core (DESIGN §5). Each method takes one plain-data
// argument and resolves to plain data. The argument schemas are zod, so the dispatcher in
// main/ validates every call at runtime; the renderer's client is typed from `AppApi` and does
// not know whether it talks IPC (Electron) or HTTP (browser mode).

import { z } from 'zod';
import type {
  AuthenticityStatus,
  CompareReport,
  ImportReport,
  ModelMatch,
  Note,
  NotedFigures,
  NoteKey,
  NoteStatus,
  Org,
  ReputationStatus,
  SnapshotInfo,
  SnapshotKind,
  Transition,
  TransitionCounts,
} from './types';
import { HISTOGRAM_NAMES, type HistogramName } from './cutoff';
import type { SenderContext } from './sender-context';
import type { NeighbourContext } from './sender-context-of';
import { FCRDNS_FILTERS, NETWORK_KINDS, SPF_FILTERS, type NetworkKind } from './sender-context-view';
import { isHttpUrl, PG_SSL_MODES, SETTINGS_SCHEMAS, type Settings } from './settings';
import { ID_PATTERN, ID_RULE_SHORT } from './snapshot-id';

const id = z.string().regex(ID_PATTERN, ID_RULE_SHORT);
const org = z.union([z.number().int(), z.string().min(1)]);
const cutoff = z.number().min(0).max(1);

export const viewContextSchema = z.object({
  feedback: id.optional(),
  buildA: id,
  buildB: id.optional(),
  cutoff: cutoff.optional(),
  /** A context snapshot (DESIGN §8): authenticity rows, detail and exports gain each item's sender context, as `--context ID`. */
  context: id.optional(),
});
export type ViewContext = z.infer<typeof viewContextSchema>;

export const rowFilterSchema = z.object({
  text: z.string().max(200).optional(),
  org: org.optional(),
  statuses: z.array(z.string()).optional(),
  transitions: z.array(z.enum(['fixed', 'regressed', 'changed', 'unchanged'])).optional(),
  /** Only items under the cutoff or not scored. */
  findingsOnly: z.boolean().optional(),
  /** A clicked histogram bin (0–49): individual / cidrAveraged (authenticity) or reputation. */
  bin: z.object({ histogram: z.enum(HISTOGRAM_NAMES), index: z.number().int().min(0).max(49), build: z.enum(['A', 'B']).optional() }).optional(),
  // The sender context's filters (DESIGN §8), with a context chosen.
  spf: z.array(z.enum(SPF_FILTERS)).optional(),
  fcrdns: z.array(z.enum(FCRDNS_FILTERS)).optional(),
  /** The cerner.com case: SPF passes the address, yet the item is scored at or under the cutoff. */
  inSpfUnderCutoff: z.boolean().optional(),
  /** One sending network: a registered domain of the PTR names, or an AS number. */
  network: z.object({ by: z.enum(NETWORK_KINDS), value: z.string().min(1).max(253) }).optional(),
});
export type RowFilter = z.infer<typeof rowFilterSchema>;

export const rowSortSchema = z.object({
  column: z.enum([
    'org',
    'domain',
    'cidr',
    'status',
    'count',
    'min',
    'mean',
    'max',
    'score',
    'risk',
    'meanB',
    'scoreB',
    'delta',
    'transition',
    'note',
    'spf',
    'ptr',
    'fcrdns',
    'asn',
  ]),
  direction: z.enum(['asc', 'desc']),
});
export type RowSort = z.infer<typeof rowSortSchema>;

const rowsArgs = viewContextSchema.extend({
  filter: rowFilterSchema.default({}),
  /** Also say where this item is in the listed order (a deep link scrolls the table to it). */
  locate: z.object({ org, domain: z.string().min(1), cidr: z.string().min(1).optional() }).optional(),
  sort: rowSortSchema.optional(),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(5000).default(200),
});

const noteKey = z
  .object({ org, domain: z.string().min(1).optional(), cidr: z.string().min(1).optional() })
  .refine((k) => k.cidr === undefined || k.domain !== undefined, { error: 'a note on a CIDR needs its domain too', path: ['domain'] });
const noteStatus = z.enum(['open', 'explained', 'fixed', 'wont-fix']);

export const s3LocationSchema = z.object({
  bucket: z.string().min(3).max(63),
  prefix: z.string().max(1024).default(''),
  region: z.string().optional(),
  endpoint: z.string().refine(isHttpUrl, 'the endpoint is an http:// or https:// URL').optional(),
  profile: z.string().optional(),
});

export const pgConnectionSchema = z.object({
  host: z.string().min(1),
  port: z.number().int().min(1).max(65535).default(5432),
  database: z.string().min(1),
  user: z.string().min(1),
  sslMode: z.enum(PG_SSL_MODES).default('prefer'),
  caFile: z.string().optional(),
  table: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$/, 'a table name like user_response or schema.table')
    .default('user_response'),
  /** Kept in memory for this pull only; never stored. */
  password: z.string().optional(),
});

/** `HOST[:PORT]`: an IP address (IPv6 with a port as `[::1]:53`) and an optional port. */
export const DNS_SERVER_PATTERN = /^(\[[0-9a-fA-F:.]+\]|[0-9.]+|[0-9a-fA-F:]+)(:\d{1,5})?$/;
export const DNS_SERVER_RULE = 'an IP address and an optional port, like 127.0.0.1:5353';

export const contextPullSchema = z.object({
  /** Default the feedback pull created last. */
  feedback: id.optional(),
  /** A sender-model build: the PTR names of the domain's entries in each item's /24 or /48 too. */
  build: id.optional(),
  /** `HOST[:PORT]` (an IP address; IPv6 with a port as `[::1]:53`); default the system's resolvers. */
  dns: z.string().regex(DNS_SERVER_PATTERN, DNS_SERVER_RULE).optional(),
  /** IP-to-AS tables on this machine: ip2asn TSV or GeoLite2-ASN .mmdb, gzip or not. */
  asn: z.array(z.string().min(1)).max(10).default([]),
  timeoutMs: z.number().int().min(1).max(600_000).default(2000),
  tries: z.number().int().min(1).max(10).default(2),
  id: id.optional(),
  replace: z.boolean().default(false),
});

export const settingsSchema = z.object(SETTINGS_SCHEMAS);
export type { Settings };

/** Every method's argument schema. The dispatcher rejects unknown methods and bad arguments. */
export const apiArgs = {
  appInfo: z.object({}),
  listSnapshots: z.object({}),
  deleteSnapshot: z.object({ id }),
  loadDemo: z.object({}),
  /** `path` is a file on this machine; `uploadId` a file the browser transport received. */
  startImport: z
    .object({
      kind: z.enum(['sender-model', 'reputation', 'feedback']),
      path: z.string().min(1).optional(),
      uploadId: z.string().optional(),
      name: z.string().optional(),
      id: id.optional(),
      replace: z.boolean().default(false),
    })
    .refine((a) => (a.path === undefined) !== (a.uploadId === undefined), {
      error: 'give the file to import either as path (a file on this machine) or as uploadId (a file sent to /api/upload), not both',
      path: ['path'],
    }),
  listS3Builds: s3LocationSchema,
  startS3Pull: s3LocationSchema
    .omit({ prefix: true })
    .extend({ key: z.string().min(1), kind: z.enum(['sender-model', 'reputation']), id: id.optional(), replace: z.boolean().default(false) }),
  startPgPull: pgConnectionSchema.extend({ id: id.optional(), replace: z.boolean().default(false) }),
  /** The sender context of a feedback pull (DESIGN §8), as `smw pull context` takes it. */
  startContextPull: contextPullSchema,
  listJobs: z.object({}),
  cancelJob: z.object({ jobId: z.string().min(1) }),
  /** `org`: the cards, histograms and curve of that org only (with the all-orgs figures for reference). */
  authenticityOverview: viewContextSchema.extend({ org: org.optional() }),
  authenticityRows: rowsArgs,
  authenticityDetail: viewContextSchema.extend({ org, domain: z.string().min(1), cidr: z.string().min(1) }),
  /** Findings grouped by sending network (DESIGN §8): a context is needed; `org` orders by that org's findings. */
  authenticityNetworks: viewContextSchema.extend({ context: id, by: z.enum(NETWORK_KINDS), org: org.optional() }),
  reputationOverview: viewContextSchema.extend({ org: org.optional() }),
  reputationRows: rowsArgs,
  reputationDetail: viewContextSchema.extend({ org, domain: z.string().min(1) }),
  exportRows: rowsArgs.extend({
    view: z.enum(['authenticity', 'reputation']),
    format: z.enum(['csv', 'json']),
    limit: z.number().int().min(1).max(10_000_000).default(10_000_000),
  }),
  /** The whole report of the view's context, as `smw findings|reputation|compare` writes it (with every match), as a job. */
  startReportExport: viewContextSchema.extend({ view: z.enum(['authenticity', 'reputation']), format: z.enum(['csv', 'json']) }),
  listNotes: z.object({}),
  /** The finding notes whose numbers moved since they were written, against these builds (the views' context). */
  noteChanges: z.object({ feedback: id.optional(), senderModel: id.optional(), reputation: id.optional() }),
  saveNote: z.object({
    key: noteKey,
    text: z.string().max(100_000),
    status: noteStatus,
    tags: z.array(z.string().min(1).max(60)).max(30),
    noted: z
      .object({
        build: z.string(),
        status: z.string(),
        count: z.number().optional(),
        mean: z.number().nullable().optional(),
        score: z.number().nullable().optional(),
      })
      .optional(),
  }),
  deleteNote: z.object({ key: noteKey }),
  exportNotes: z.object({ format: z.enum(['markdown', 'json']) }),
  importNotes: z.object({ text: z.string().min(1) }),
  getSettings: z.object({}),
  updateSettings: settingsSchema.partial(),
} as const;

export type ApiMethod = keyof typeof apiArgs;
export type ApiArgs<M extends ApiMethod> = z.input<(typeof apiArgs)[M]>;

// ---- Results ----

export interface AppInfo {
  version: string;
  dataDir: string;
  mode: 'electron' | 'browser';
  /** Whether a PostgreSQL password can be kept in the OS keychain; else it is asked each pull. */
  keychain: boolean;
}

export type JobState = {
  jobId: string;
  kind: 'import' | 'pull' | 'export';
  title: string;
  snapshotKind: SnapshotKind;
  state: 'running' | 'done' | 'failed' | 'cancelled';
  bytesDone: number;
  bytesTotal: number | null;
  rowsDone: number;
  /** When the job knows it (a context pull: names done of rowsTotal). */
  rowsTotal?: number | null;
  startedAt: string;
  endedAt?: string;
  error?: string;
  result?: ImportReport;
  /** An export job's file, ready to be saved. */
  exported?: ExportedFile;
};

export interface S3BuildListing {
  key: string;
  kind: 'sender-model' | 'reputation' | 'other';
  /** Build time parsed from the name, else the object's S3 date (ISO 8601). */
  buildTime: string;
  size: number;
  lastModified: string;
  etag?: string;
  pulled: boolean;
  suggestedId: string;
}

export interface SideSummary {
  items: number;
  scored: number;
  uncovered: number;
  underCutoff: number;
  findings: number;
}

export interface OverviewOrg {
  org: Org;
  itemsA: number;
  findingsA: number;
  underCutoffA: number;
  uncoveredA: number;
  findingsB?: number;
  transitions?: TransitionCounts;
}

export interface ThresholdCurve {
  /** Cutoffs 0, 0.01, …, 1. */
  cutoffs: number[];
  /** Share (0–1) of all feedback items scored above each cutoff. */
  aboveA: number[];
  aboveB?: number[];
}

export interface Overview {
  kind: 'sender-model' | 'reputation';
  feedback: string;
  buildA: string;
  buildB?: string;
  cutoff: number;
  /** Where the cutoff came from: given, the analyst's default, the build's threshold, or 0.3. */
  cutoffSource: 'given' | 'settings' | 'build' | 'default';
  summaryA: SideSummary;
  summaryB?: SideSummary;
  /** Authenticity: individual and cidrAveraged; reputation: reputation. 50 bins each. */
  histogramsA: Partial<Record<HistogramName, number[]>>;
  histogramsB?: Partial<Record<HistogramName, number[]>>;
  /** Every org, whatever the scope (the org list). */
  orgs: OverviewOrg[];
  transitions?: TransitionCounts;
  thresholdCurve: ThresholdCurve;
  /** When scoped to an org: which one; summaries, histograms, curve and transitions are its own. */
  org?: Org;
  /** Authenticity: the most characters of any item's CIDR text, so the table's column fits it. */
  cidrChars?: number;
  /** When scoped to an org: the same figures for all orgs, for reference. */
  allOrgs?: { summaryA: SideSummary; summaryB?: SideSummary; transitions?: TransitionCounts };
}

export interface NoteBadge {
  scope: 'org' | 'domain' | 'finding';
  status: NoteStatus;
  tags: string[];
  /** The finding's numbers moved since the note was written. */
  changedSinceNoted: boolean;
}

export interface SideFigures {
  status: AuthenticityStatus | ReputationStatus;
  count?: number;
  min?: number | null;
  mean?: number | null;
  max?: number | null;
  risk?: number | null;
  score?: number | null;
  underCutoff: boolean;
  finding: boolean;
}

export interface FindingRow {
  org: Org;
  domain: string;
  /** Authenticity only. */
  cidr?: string;
  a: SideFigures;
  b?: SideFigures;
  delta?: number | null;
  transition?: Transition;
  comments: string[];
  reasons?: string[];
  note?: NoteBadge;
  /** With a context chosen (authenticity): the item's sender context, null when the snapshot does not cover it. */
  context?: SenderContext | null;
}

export interface RowsPage {
  total: number;
  offset: number;
  rows: FindingRow[];
  /** With `locate`: the item's position in the listed order, -1 when the filters leave it out. */
  located?: number;
}

export interface FeedbackRowView {
  row: number | string;
  org: Org;
  domain: string;
  cidrs?: string[];
  label?: string;
  comments: string;
}

export interface FindingDetail {
  row: FindingRow;
  matchesA: ModelMatch[];
  matchesB?: ModelMatch[];
  /** The domain's other entries in the same /24 (IPv4) or /48 (IPv6). */
  neighbourhoodA: ModelMatch[];
  neighbourhoodB?: ModelMatch[];
  neighbourhood?: string;
  /** With a context chosen: the PTR names and forward confirmation of the build's entries in the block, as pulled. */
  neighbourhoodContext?: NeighbourContext[];
  feedbackRows: FeedbackRowView[];
  links: Array<{ name: string; url: string }>;
  notes: Note[];
}

/** One sending network and the items (and findings) of it, over all orgs and per org. */
export interface NetworkGroup {
  /** The registered domain (`mcsv.net`), or the AS number as text (`14618`). */
  network: string;
  /** `mcsv.net`, or `AS14618 AMAZON-AES`. */
  label: string;
  items: number;
  findings: number;
  /** The orgs with items in it, most findings first. */
  orgs: Array<{ org: Org; items: number; findings: number }>;
}

export interface NetworkGroups {
  by: NetworkKind;
  context: string;
  cutoff: number;
  /** Most findings first (of `org` when given, then of all orgs); at most MAX_NETWORKS of `total`. */
  networks: NetworkGroup[];
  total: number;
  /** Items with no network of this kind (no PTR names, a wider CIDR, no AS, not covered). */
  without: { items: number; findings: number };
}

/** A finding note whose finding's numbers moved since it was written: what was noted, what is now. */
export interface NoteChange {
  key: NoteKey;
  /** The build the figures are of now (the view's build A of that kind). */
  build: string;
  noted: NotedFigures;
  now: SideFigures;
  /** What moved. */
  fields: Array<'status' | 'count' | 'mean' | 'score'>;
}

/** A file the core wrote to the workspace's exports/, handed over once (saved or downloaded). */
export interface ExportedFile {
  exportId: string;
  fileName: string;
  mimeType: string;
  bytes: number;
}

export interface ExportFile {
  fileName: string;
  mimeType: string;
  text: string;
}

export interface ApiResults {
  appInfo: AppInfo;
  listSnapshots: { snapshots: SnapshotInfo[] };
  deleteSnapshot: { deleted: string };
  loadDemo: { imported: string[] };
  startImport: { jobId: string };
  listS3Builds: { builds: S3BuildListing[] };
  startS3Pull: { jobId: string };
  startPgPull: { jobId: string };
  startContextPull: { jobId: string };
  listJobs: { jobs: JobState[] };
  cancelJob: { cancelled: boolean };
  authenticityOverview: Overview;
  authenticityRows: RowsPage;
  authenticityDetail: FindingDetail;
  authenticityNetworks: NetworkGroups;
  reputationOverview: Overview;
  reputationRows: RowsPage;
  reputationDetail: FindingDetail;
  exportRows: ExportedFile;
  startReportExport: { jobId: string };
  listNotes: { notes: Note[] };
  noteChanges: { changes: NoteChange[] };
  saveNote: { note: Note };
  deleteNote: { deleted: boolean };
  exportNotes: ExportFile;
  importNotes: { added: number; merged: number; unchanged: number };
  getSettings: Settings;
  updateSettings: Settings;
}

export type AppApi = { [M in ApiMethod]: (args: ApiArgs<M>) => Promise<ApiResults[M]> };

/** What travels back: a value, or an error a user can read. */
export type ApiResponse<T> = { ok: true; value: T } | { ok: false; error: string };

/** What the Electron preload exposes as `window.smw` (transport only). */
export interface SmwBridge {
  call(method: string, args: unknown): Promise<ApiResponse<unknown>>;
  onEvent(listener: (event: ApiEvent) => void): () => void;
  /** The path of a dropped file (a sandboxed page cannot see paths; Electron's webUtils can). */
  pathForFile(file: File): string;
  /** Asks where to save an export (a Save dialog) and moves it there. */
  saveExport(exportId: string): Promise<{ saved: string } | { cancelled: true } | { error: string }>;
}

/** Pushed from the core to every window: job progress and snapshot-list changes. */
export type ApiEvent = { type: 'job'; job: JobState } | { type: 'snapshots-changed' } | { type: 'notes-changed' };

export type { CompareReport };
