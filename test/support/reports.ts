// The streamed report writers of shared/report/, collected and parsed: what a reader of
// `smw findings --json` and friends gets, for tests that compare against objects.
import type { AuthenticityAnalysis } from '../../shared/authenticity';
import { Matcher } from '../../shared/join';
import { compareJson } from '../../shared/report/compare';
import { findingsJson } from '../../shared/report/findings';
import { reputationJson } from '../../shared/report/reputation';
import type { ReputationAnalysis } from '../../shared/reputation';
import type { SenderModelIndex } from '../../shared/sender-model-index';
import type { CompareReport, FindingsReport, ReputationReport } from '../../shared/types';

/** Every chunk, copied as it comes (the writers reuse their buffer), as one UTF-8 string. */
export function collect(chunks: Iterable<Uint8Array>): string {
  const parts: Buffer[] = [];
  for (const chunk of chunks) parts.push(Buffer.from(chunk));
  return Buffer.concat(parts).toString('utf8');
}

export function findingsObject(
  analysis: AuthenticityAnalysis,
  index: SenderModelIndex,
  ids: { build: string; feedback: string },
  cutoff: number,
): FindingsReport {
  return JSON.parse(collect(findingsJson({ ...ids, cutoff, analysis, matcher: new Matcher(index) }))) as FindingsReport;
}

export function reputationObject(analysis: ReputationAnalysis, ids: { build: string; feedback: string }, cutoff: number): ReputationReport {
  return JSON.parse(collect(reputationJson({ ...ids, cutoff, analysis }))) as ReputationReport;
}

export function compareObject(
  a: AuthenticityAnalysis | ReputationAnalysis,
  b: AuthenticityAnalysis | ReputationAnalysis,
  ids: { base: string; candidate: string; feedback: string },
  cutoff: number,
): CompareReport {
  const input =
    a.kind === 'sender-model'
      ? { kind: 'sender-model' as const, a, b: b as AuthenticityAnalysis }
      : { kind: 'reputation' as const, a, b: b as ReputationAnalysis };
  return JSON.parse(collect(compareJson({ ...ids, cutoff, ...input }))) as CompareReport;
}
