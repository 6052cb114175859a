// `smw reputation` (DESIGN §6): the reputation report of one build against the trusted-domain
// feedback, as JSON, CSV or text, written item by item.

import { REPUTATION_STATUSES, type ReputationAnalysis } from '../reputation';
import { cutoffCounts, isUnder, orgSummaries } from '../scored-items';
import { ByteChunks } from './byte-chunks';
import { csvCell, csvList, csvRow, REPUTATION_CSV_COLUMNS } from './csv';
import type { ReputationReport } from '../types';
import { findingsByOrg, numberCell, textFigure, writeHistogram, writeNullable, writeOrg, writeOrgs } from './report-parts';

export interface ReputationInput {
  build: string;
  feedback: string;
  cutoff: number;
  analysis: ReputationAnalysis;
}

export function reputationSummary(input: ReputationInput): ReputationReport['summary'] {
  const { table } = input.analysis;
  const c = cutoffCounts(table, input.cutoff);
  return {
    items: c.items,
    scored: c.scored,
    uncoveredOrg: table.statusCounts[1],
    uncoveredDomain: table.statusCounts[2],
    underCutoff: c.underCutoff,
    findings: c.findings,
  };
}

export function* reputationJson(input: ReputationInput): Generator<Uint8Array, void, void> {
  const { analysis, cutoff } = input;
  const out = new ByteChunks();
  const s = reputationSummary(input);
  out.ascii('{"build":').json(input.build).ascii(',"feedback":').json(input.feedback).ascii(',"cutoff":').num(cutoff);
  out.ascii(
    `,"summary":{"items":${s.items},"scored":${s.scored},"uncoveredOrg":${s.uncoveredOrg},"uncoveredDomain":${s.uncoveredDomain},"underCutoff":${s.underCutoff},"findings":${s.findings}}`,
  );
  writeOrgs(out, orgSummaries(analysis.table, cutoff));
  out.ascii(',"histogram":');
  writeHistogram(out, analysis.histograms.reputation);
  out.ascii(',"items":[');
  const { items, status, risk, score, reasons } = analysis;
  for (let i = 0; i < items.length; i++) {
    if (i > 0) out.byte(44);
    out.ascii('{"org":');
    writeOrg(out, items[i].org);
    out.ascii(',"domain":').json(items[i].domain).ascii(',"status":"').ascii(REPUTATION_STATUSES[status[i]]).ascii('","risk":');
    writeNullable(out, risk[i]);
    out.ascii(',"score":');
    writeNullable(out, score[i]);
    out.ascii(isUnder(analysis.table, i, cutoff) ? ',"underCutoff":true,"reasons":[' : ',"underCutoff":false,"reasons":[');
    reasons[i].forEach((r, k) => {
      if (k > 0) out.byte(44);
      out.json(r);
    });
    out.ascii(']}');
    if (out.full) yield out.take();
  }
  out.ascii(']}\n');
  yield out.take();
}

export function* reputationCsv(input: ReputationInput): Generator<Uint8Array, void, void> {
  const { analysis, cutoff } = input;
  const out = new ByteChunks();
  csvRow(out, REPUTATION_CSV_COLUMNS);
  const { items, status, risk, score, reasons } = analysis;
  for (let i = 0; i < items.length; i++) {
    csvRow(out, [
      csvCell(items[i].org),
      csvCell(items[i].domain),
      REPUTATION_STATUSES[status[i]],
      numberCell(risk[i]),
      numberCell(score[i]),
      String(isUnder(analysis.table, i, cutoff)),
      csvList(reasons[i]),
    ]);
    if (out.full) yield out.take();
  }
  yield out.take();
}

export function* reputationText(input: ReputationInput): Generator<Uint8Array, void, void> {
  const { analysis, cutoff } = input;
  const out = new ByteChunks();
  const s = reputationSummary(input);
  out.text(`Reputation build ${input.build} against feedback ${input.feedback}, cutoff ${input.cutoff}\n`);
  out.text(
    `${s.items} trusted items: ${s.scored} scored (${s.underCutoff} at or under the cutoff), ${s.uncoveredOrg} with the org not in the build, ${s.uncoveredDomain} with the domain not in the build — ${s.findings} findings\n\n`,
  );
  const { items, status, risk, score, reasons } = analysis;
  yield* findingsByOrg(out, items, analysis.table, cutoff, (i) => {
    const stats = status[i] === 0 ? `reputation ${textFigure(score[i])} (risk ${textFigure(risk[i])})` : REPUTATION_STATUSES[status[i]];
    out.text(`- ${items[i].domain}  ${stats}${reasons[i].length ? `  ${reasons[i].join(', ')}` : ''}\n`);
  });
  yield out.take();
}
