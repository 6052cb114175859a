// The reports of DESIGN §6 (findings, reputation, compare) from snapshots in a workspace: the
// CLI prints them, the app exports them.

import { findingsReport } from '../../shared/authenticity';
import { compareAuthenticity, compareReputation } from '../../shared/compare';
import { effectiveCutoff } from '../../shared/cutoff';
import { reputationReport } from '../../shared/reputation';
import type { CompareReport, FindingsReport, ReputationReport } from '../../shared/types';
import { SnapshotNotUsableError, type SnapshotCache } from '../workspace/snapshot-cache';

export interface ReportRequest {
  build: string;
  feedback?: string;
  cutoff?: number;
}

export function findingsFor(cache: SnapshotCache, request: ReportRequest): FindingsReport {
  const feedback = request.feedback ?? cache.latestFeedbackId();
  cache.snapshot(feedback, 'feedback');
  const index = cache.senderModel(request.build);
  const cutoff = effectiveCutoff(request.cutoff, index.threshold);
  return findingsReport(cache.authenticity(request.build, feedback), index, { build: request.build, feedback }, cutoff);
}

export function reputationFor(cache: SnapshotCache, request: ReportRequest): ReputationReport {
  const feedback = request.feedback ?? cache.latestFeedbackId();
  cache.snapshot(feedback, 'feedback');
  cache.snapshot(request.build, 'reputation');
  // Reputation builds carry no threshold: the given cutoff, else 0.3.
  const cutoff = effectiveCutoff(request.cutoff, null);
  return reputationReport(cache.reputation(request.build, feedback), { build: request.build, feedback }, cutoff);
}

export function compareFor(cache: SnapshotCache, request: { base: string; candidate: string; feedback?: string; cutoff?: number }): CompareReport {
  const base = cache.snapshot(request.base, ['sender-model', 'reputation']);
  const candidate = cache.snapshot(request.candidate, ['sender-model', 'reputation']);
  if (base.kind !== candidate.kind) {
    throw new SnapshotNotUsableError(`compare takes two builds of the same kind: '${base.id}' is a ${base.kind}, '${candidate.id}' a ${candidate.kind}`);
  }
  const feedback = request.feedback ?? cache.latestFeedbackId();
  cache.snapshot(feedback, 'feedback');
  const ids = { base: base.id, candidate: candidate.id, feedback };
  if (base.kind === 'sender-model') {
    const cutoff = effectiveCutoff(request.cutoff, cache.senderModel(base.id).threshold);
    return compareAuthenticity(cache.authenticity(base.id, feedback), cache.authenticity(candidate.id, feedback), ids, cutoff);
  }
  const cutoff = effectiveCutoff(request.cutoff, null);
  return compareReputation(cache.reputation(base.id, feedback), cache.reputation(candidate.id, feedback), ids, cutoff);
}
