// Plain data shared by the core, the CLI and the renderer (DESIGN.md §2–§6).
// Nothing here imports Node, Electron or React.

export type SnapshotKind = 'sender-model' | 'reputation' | 'feedback' | 'context';
export type BuildKind = 'sender-model' | 'reputation';
/** What a file can be imported as; context snapshots are pulled (DESIGN §8), or come with the demo. */
export type ImportKind = Exclude<SnapshotKind, 'context'>;

/** An organisation id: a number when the id is an integer, else a string (DESIGN §4). */
export type Org = number | string;

/** Where a problem was found in a source: a line of a text file, or a row/record id. */
export interface Problem {
  line?: number;
  row?: number | string;
  field: string;
  value: string;
  reason: string;
}

export interface ImportReport {
  id: string;
  kind: SnapshotKind;
  kept: number;
  skipped: number;
  rejected: number;
  replaced: number;
  problems: Problem[];
  /** A context pull's own figures (DESIGN §6 `pull context --json`); kept = lookups answered, rejected = failed. */
  context?: ContextPullSummary;
}

export interface ContextPullSummary {
  feedback: string;
  domains: number;
  addresses: number;
  lookups: number;
  failed: number;
}

export interface SnapshotInfo {
  id: string;
  kind: SnapshotKind;
  source: string;
  createdAt: string; // ISO 8601
  rows: number;
  bytes: number;
  version?: string;
  threshold?: number;
  demo?: boolean;
  /** A context snapshot's own: the feedback pull (and build) it was pulled for (DESIGN §8). */
  context?: { feedback: string; build?: string };
}

export type AuthenticityStatus = 'scored' | 'uncovered-cidr' | 'uncovered-domain';
export type ReputationStatus = 'scored' | 'uncovered-org' | 'uncovered-domain';
export type Transition = 'fixed' | 'regressed' | 'changed' | 'unchanged';

export interface ModelMatch {
  entry: string;
  score: number;
}

export interface AuthenticityItemReport {
  org: Org;
  domain: string;
  cidr: string;
  status: AuthenticityStatus;
  count: number;
  min: number | null;
  mean: number | null;
  max: number | null;
  underCutoff: boolean;
  matches: ModelMatch[];
  comments: string[];
}

export interface OrgSummary {
  org: Org;
  items: number;
  underCutoff: number;
  uncovered: number;
  findings: number;
}

export interface FindingsReport {
  build: string;
  feedback: string;
  cutoff: number;
  summary: {
    items: number;
    scored: number;
    uncoveredCidr: number;
    uncoveredDomain: number;
    underCutoff: number;
    findings: number;
  };
  orgs: OrgSummary[];
  histograms: { individual: number[]; cidrAveraged: number[] };
  items: AuthenticityItemReport[];
}

export interface ReputationItemReport {
  org: Org;
  domain: string;
  status: ReputationStatus;
  risk: number | null;
  score: number | null;
  underCutoff: boolean;
  reasons: string[];
}

export interface ReputationReport {
  build: string;
  feedback: string;
  cutoff: number;
  summary: {
    items: number;
    scored: number;
    uncoveredOrg: number;
    uncoveredDomain: number;
    underCutoff: number;
    findings: number;
  };
  orgs: OrgSummary[];
  histogram: number[];
  items: ReputationItemReport[];
}

export interface TransitionCounts {
  fixed: number;
  regressed: number;
  changed: number;
  unchanged: number;
}

export interface AuthenticityCompareItem {
  org: Org;
  domain: string;
  cidr: string;
  base: { status: AuthenticityStatus; count: number; mean: number | null; underCutoff: boolean };
  candidate: { status: AuthenticityStatus; count: number; mean: number | null; underCutoff: boolean };
  deltaMean: number | null;
  transition: Transition;
}

export interface ReputationCompareItem {
  org: Org;
  domain: string;
  base: { status: ReputationStatus; score: number | null; underCutoff: boolean };
  candidate: { status: ReputationStatus; score: number | null; underCutoff: boolean };
  deltaScore: number | null;
  transition: Transition;
}

export interface CompareReport<Item = AuthenticityCompareItem | ReputationCompareItem> {
  kind: BuildKind;
  base: string;
  candidate: string;
  feedback: string;
  cutoff: number;
  transitions: TransitionCounts;
  orgs: Array<{ org: Org } & TransitionCounts>;
  items: Item[];
}

export type NoteStatus = 'open' | 'explained' | 'fixed' | 'wont-fix';
export type NoteScope = 'org' | 'domain' | 'finding';

/** A note is keyed by identity, never by a snapshot's row id (DESIGN §4). */
export interface NoteKey {
  org: Org;
  domain?: string; // (org, domain) and (org, domain, cidr) notes
  cidr?: string; // (org, domain, cidr) notes only
}

export interface Note extends NoteKey {
  scope: NoteScope;
  text: string;
  status: NoteStatus;
  tags: string[];
  /** The finding's numbers when the note was last written, to tell "changed since noted". */
  noted?: NotedFigures;
  createdAt: string;
  updatedAt: string;
}

export interface NotedFigures {
  build: string;
  status: string;
  count?: number;
  mean?: number | null;
  score?: number | null;
}
