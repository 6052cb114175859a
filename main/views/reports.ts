// The reports of DESIGN §6 (findings, reputation, compare) from snapshots in a workspace: what
// each report is about — builds, feedback pull, cutoff (DESIGN §4), context — resolved and
// loaded, ready for the streamed writers of shared/report/. The CLI prints them; the app's
// exports write the same bytes to a file.

import { effectiveCutoff } from '../../shared/cutoff';
import { Matcher } from '../../shared/join';
import type { CompareInput } from '../../shared/report/compare';
import type { FindingsInput } from '../../shared/report/findings';
import type { ReputationInput } from '../../shared/report/reputation';
import type { SenderContextSource } from '../../shared/sender-context';
import { SnapshotNotUsableError, type SnapshotCache } from '../workspace/snapshot-cache';

export interface ReportRequest {
  build: string;
  feedback?: string;
  cutoff?: number;
  /** A context snapshot's source (--context): its feedback pull is the default --feedback. */
  context?: SenderContextSource;
}

/**
 * The feedback pull a report or a view is of: the one named, else the context snapshot's (a
 * context is of one feedback pull, DESIGN §8), else the one created last.
 */
export function feedbackOf(
  cache: Pick<SnapshotCache, 'snapshot' | 'latestFeedbackId'>,
  request: { feedback?: string; context?: Pick<SenderContextSource, 'feedback'> },
): string {
  const feedback = request.feedback ?? request.context?.feedback ?? cache.latestFeedbackId();
  cache.snapshot(feedback, 'feedback');
  return feedback;
}

/** `matches`: the JSON report lists each item's matches, so it needs the build itself. */
export function findingsInput(cache: SnapshotCache, request: ReportRequest, options: { matches: boolean }): FindingsInput {
  cache.snapshot(request.build, 'sender-model');
  const feedback = feedbackOf(cache, request);
  const threshold = cache.snapshot(request.build).threshold;
  const cutoff = effectiveCutoff(request.cutoff, threshold);
  const analysis = cache.authenticity(request.build, feedback);
  const input: FindingsInput = { build: request.build, feedback, cutoff, analysis };
  if (options.matches) input.matcher = new Matcher(cache.senderModel(request.build));
  if (request.context) input.context = request.context;
  return input;
}

export function reputationInput(cache: SnapshotCache, request: ReportRequest): ReputationInput {
  cache.snapshot(request.build, 'reputation');
  const feedback = feedbackOf(cache, request);
  // Reputation builds carry no threshold: the given cutoff, else 0.3.
  const cutoff = effectiveCutoff(request.cutoff, null);
  return { build: request.build, feedback, cutoff, analysis: cache.reputation(request.build, feedback) };
}

export function compareInput(
  cache: SnapshotCache,
  request: { base: string; candidate: string; feedback?: string; cutoff?: number; context?: SenderContextSource },
): CompareInput {
  const base = cache.snapshot(request.base, ['sender-model', 'reputation']);
  const candidate = cache.snapshot(request.candidate, ['sender-model', 'reputation']);
  if (base.kind !== candidate.kind) {
    throw new SnapshotNotUsableError(`compare takes two builds of the same kind: '${base.id}' is a ${base.kind}, '${candidate.id}' a ${candidate.kind}`);
  }
  const feedback = feedbackOf(cache, request);
  const ids = { base: base.id, candidate: candidate.id, feedback };
  if (base.kind === 'sender-model') {
    const cutoff = effectiveCutoff(request.cutoff, base.threshold);
    const input: CompareInput = {
      kind: 'sender-model',
      ...ids,
      cutoff,
      a: cache.authenticity(base.id, feedback),
      b: cache.authenticity(candidate.id, feedback),
    };
    if (request.context) input.context = request.context;
    return input;
  }
  const cutoff = effectiveCutoff(request.cutoff, null);
  return { kind: 'reputation', ...ids, cutoff, a: cache.reputation(base.id, feedback), b: cache.reputation(candidate.id, feedback) };
}
