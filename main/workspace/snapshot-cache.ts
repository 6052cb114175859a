// Loads snapshots and keeps the expensive results: a build's typed arrays, a feedback pull's
// items, and each (build, feedback) analysis. A few recent builds stay in memory (each can be
// hundreds of MB at 20M entries); analyses are cheap next to them and follow their build.

import type Database from 'better-sqlite3';
import path from 'node:path';
import { authenticityAnalysis, authenticityStats, type AuthenticityAnalysis } from '../../shared/authenticity';
import type { AuthenticityFeedback, ReputationFeedback } from '../../shared/feedback';
import type { AuthenticityItem, ReputationItem } from '../../shared/items';
import { analyseReputation, type ReputationAnalysis } from '../../shared/reputation';
import type { ReputationBuild } from '../../shared/reputation-build';
import type { SenderContextSource } from '../../shared/sender-context';
import { senderContextSource } from '../../shared/sender-context-of';
import type { SenderModelIndex } from '../../shared/sender-model-index';
import type { SnapshotInfo, SnapshotKind } from '../../shared/types';
import { readSenderContext, type LoadedContext } from './context-store';
import { readSenderModelIndex } from './sender-model-store';
import type { Workspace } from './workspace';
import { readAnalysis, writeAnalysis, type AnalysisKey } from './analysis-store';
import { readFeedback, readFeedbackItems } from './feedback-store';
import { readReputationBuild } from './reputation-store';

export interface FeedbackPull {
  authenticityItems: AuthenticityItem[];
  reputationItems: ReputationItem[];
  /** The normalised rows behind the items, read on first use (the detail pane shows them). */
  rows(): { authenticity: AuthenticityFeedback[]; reputation: ReputationFeedback[] };
}

export class SnapshotNotUsableError extends Error {}

const MAX_BUILDS = 3;

export class SnapshotCache {
  /** Insertion order is recency order: the first key is the least recently used. */
  private readonly loaded = new Map<string, { createdAt: string; value: unknown }>();
  private readonly analyses = new Map<string, AuthenticityAnalysis | ReputationAnalysis>();

  constructor(readonly workspace: Workspace) {}

  snapshot(id: string, kind?: SnapshotKind | SnapshotKind[]): SnapshotInfo {
    const info = this.workspace.get(id);
    if (!info) throw new SnapshotNotUsableError(`no snapshot '${id}' in this workspace (see \`smw list\`)`);
    const kinds = kind === undefined ? undefined : Array.isArray(kind) ? kind : [kind];
    if (kinds && !kinds.includes(info.kind)) {
      throw new SnapshotNotUsableError(`snapshot '${id}' is a ${info.kind}, not a ${kinds.join(' or ')}`);
    }
    return info;
  }

  /** The feedback snapshot created last (DESIGN §6: the default of --feedback). */
  latestFeedbackId(): string {
    const latest = this.workspace.latest('feedback');
    if (!latest)
      throw new SnapshotNotUsableError('no feedback pull in this workspace: import one (smw import feedback FILE) or pull one (smw pull feedback --pg …)');
    return latest.id;
  }

  senderModel(id: string): SenderModelIndex {
    return this.load(id, 'sender-model', readSenderModelIndex);
  }

  reputationBuild(id: string): ReputationBuild {
    return this.load(id, 'reputation', readReputationBuild);
  }

  /** A context snapshot (DESIGN §8): the sender context of each item, evaluated offline from its answers. */
  senderContext(id: string): SenderContextSource {
    return this.contextSnapshot(id).source;
  }

  /** The loaded context snapshot itself (its answers, neighbours and meta), for the detail pane. */
  contextData(id: string): LoadedContext {
    return this.contextSnapshot(id).data;
  }

  private contextSnapshot(id: string): { data: LoadedContext; source: SenderContextSource } {
    return this.load(id, 'context', (db) => {
      const data = readSenderContext(db);
      return { data, source: senderContextSource(data) };
    });
  }

  feedback(id: string): FeedbackPull {
    return this.load(id, 'feedback', (db) => {
      let rows: ReturnType<FeedbackPull['rows']> | undefined;
      const read = () => {
        const snapshot = this.workspace.openSnapshot(id);
        try {
          return readFeedback(snapshot);
        } finally {
          snapshot.close();
        }
      };
      return { ...readFeedbackItems(db), rows: () => (rows ??= read()) };
    });
  }

  /**
   * The analysis of a build against a feedback pull: stored beside the snapshots once computed
   * (analysis-store.ts), so a later run or a reopened app reads the stats back and needs the
   * build itself only for matches.
   */
  authenticity(buildId: string, feedbackId: string): AuthenticityAnalysis {
    return this.analysis(`a\u0000${buildId}\u0000${feedbackId}`, [buildId, feedbackId], () => {
      const items = this.feedback(feedbackId).authenticityItems;
      const key: AnalysisKey = {
        buildFile: path.basename(this.workspace.snapshotPath(buildId)),
        feedbackFile: path.basename(this.workspace.snapshotPath(feedbackId)),
        items: items.length,
        entries: this.snapshot(buildId).rows,
      };
      const stored = readAnalysis(this.workspace.dataDir, key);
      if (stored) return authenticityAnalysis(items, stored);
      const stats = authenticityStats(this.senderModel(buildId), items);
      writeAnalysis(this.workspace.dataDir, key, stats);
      return authenticityAnalysis(items, stats);
    }) as AuthenticityAnalysis;
  }

  reputation(buildId: string, feedbackId: string): ReputationAnalysis {
    return this.analysis(`r\u0000${buildId}\u0000${feedbackId}`, [buildId, feedbackId], () =>
      analyseReputation(this.reputationBuild(buildId), this.feedback(feedbackId).reputationItems),
    ) as ReputationAnalysis;
  }

  /** Forget a snapshot (deleted or replaced) and every analysis that used it. */
  invalidate(id: string): void {
    this.loaded.delete(id);
    for (const key of [...this.analyses.keys()]) if (key.split('\u0000').slice(1).includes(id)) this.analyses.delete(key);
  }

  private analysis(key: string, ids: string[], compute: () => AuthenticityAnalysis | ReputationAnalysis) {
    this.dropIfReplaced(ids);
    let analysis = this.analyses.get(key);
    if (!analysis) {
      analysis = compute();
      this.analyses.set(key, analysis);
    }
    return analysis;
  }

  /** A snapshot replaced under the same id (`--replace`, a new pull) has a new createdAt. */
  private dropIfReplaced(ids: string[]): void {
    for (const id of ids) {
      const cached = this.loaded.get(id);
      const info = this.workspace.get(id);
      if (cached && (!info || info.createdAt !== cached.createdAt)) this.invalidate(id);
    }
  }

  private load<T>(id: string, kind: SnapshotKind, read: (db: Database.Database) => T): T {
    this.dropIfReplaced([id]);
    const info = this.snapshot(id, kind);
    const cached = this.loaded.get(id);
    if (cached) {
      this.loaded.delete(id);
      this.loaded.set(id, cached);
      return cached.value as T;
    }
    const db = this.workspace.openSnapshot(id);
    let value: T;
    try {
      value = read(db);
    } finally {
      db.close();
    }
    this.loaded.set(id, { createdAt: info.createdAt, value });
    const builds = [...this.loaded.entries()].filter(([key]) => this.workspace.get(key)?.kind !== 'feedback');
    if (builds.length > MAX_BUILDS) this.invalidate(builds[0][0]);
    return value;
  }
}
