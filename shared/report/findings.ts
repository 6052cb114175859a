// `smw findings` (DESIGN §6): the authenticity report of one build against one feedback pull, as
// JSON, CSV or text, written item by item as it is computed — the matches of each item are
// re-joined as it is written, so a report with tens of millions of matches needs no more
// memory than one item's. Each generator yields chunks of bytes; the caller writes each one
// out before asking for the next.

import { AUTHENTICITY_STATUSES, type AuthenticityAnalysis } from '../authenticity';
import { formatIPv6 } from '../cidr';
import { MatchSpan, type Matcher } from '../join';
import { cutoffCounts, isUnder, orgSummaries } from '../scored-items';
import { SENDER_CONTEXT_COLUMNS, type SenderContextSource } from '../sender-context';
import type { FindingsReport } from '../types';
import { asciiBytes, ByteChunks, writeOctet } from './byte-chunks';
import { contextCsvCells, writeContextJson } from './context-fields';
import { csvCell, csvList, csvRow, FINDINGS_CSV_COLUMNS } from './csv';
import { ScoreTexts } from './score-texts';
import { findingsByOrg, numberCell, textFigure, writeHistogram, writeOrg, writeOrgs } from './report-parts';

const ENTRY_KEY = asciiBytes('{"entry":"');
const SCORE_KEY = asciiBytes('","score":');

export interface FindingsInput {
  build: string;
  feedback: string;
  cutoff: number;
  analysis: AuthenticityAnalysis;
  /** The build's matcher: the JSON report lists every item's matches. */
  matcher?: Matcher;
  /** With --context: every item gains its sender context (DESIGN §8). */
  context?: SenderContextSource;
}

export function findingsSummary(input: FindingsInput): FindingsReport['summary'] {
  const { table } = input.analysis;
  const c = cutoffCounts(table, input.cutoff);
  return {
    items: c.items,
    scored: c.scored,
    uncoveredCidr: table.statusCounts[1],
    uncoveredDomain: table.statusCounts[2],
    underCutoff: c.underCutoff,
    findings: c.findings,
  };
}

export function* findingsJson(input: FindingsInput): Generator<Uint8Array, void, void> {
  const { analysis, matcher, cutoff, context } = input;
  if (!matcher) throw new Error('the JSON findings report needs the build (its matches)');
  const { index } = matcher;
  const out = new ByteChunks();
  const s = findingsSummary(input);
  out.ascii('{"build":').json(input.build).ascii(',"feedback":').json(input.feedback).ascii(',"cutoff":').num(cutoff);
  out.ascii(
    `,"summary":{"items":${s.items},"scored":${s.scored},"uncoveredCidr":${s.uncoveredCidr},"uncoveredDomain":${s.uncoveredDomain},"underCutoff":${s.underCutoff},"findings":${s.findings}}`,
  );
  writeOrgs(out, orgSummaries(analysis.table, cutoff));
  out.ascii(',"histograms":{"individual":');
  writeHistogram(out, analysis.histograms.individual);
  out.ascii(',"cidrAveraged":');
  writeHistogram(out, analysis.histograms.cidrAveraged);
  out.ascii('},"items":[');
  const span = new MatchSpan();
  const v4 = index.v4Start.length;
  const { v4Start, v4Prefix, v4Score, v6Score } = index;
  const scores = new ScoreTexts(v4);
  const { items, count, min, mean, max, status, itemDomain } = analysis;
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (i > 0) out.byte(44);
    out.ascii('{"org":');
    writeOrg(out, item.org);
    out.ascii(',"domain":').json(item.domain).ascii(',"cidr":"').ascii(item.cidrText).ascii('","status":"').ascii(AUTHENTICITY_STATUSES[status[i]]);
    out.ascii('","count":').num(count[i]).ascii(',"min":').num(min[i]).ascii(',"mean":').num(mean[i]).ascii(',"max":').num(max[i]);
    out.ascii(isUnder(analysis.table, i, cutoff) ? ',"underCutoff":true,"matches":[' : ',"underCutoff":false,"matches":[');
    if (count[i] > 0) {
      matcher.span(itemDomain[i], item.cidr, span);
      const { enclosing, enclosingCount, from } = span;
      const m = span.count;
      for (let k = 0; k < m; k++) {
        const e = k < enclosingCount ? enclosing[k] : from + k - enclosingCount;
        if (e < v4) {
          // The hot loop of a heavy report: `{"entry":"a.b.c.d/p","score":x}` byte by byte.
          out.room(80);
          const buf = out.buf;
          let at = out.at;
          if (k > 0) buf[at++] = 44;
          for (let j = 0; j < ENTRY_KEY.length; j++) buf[at++] = ENTRY_KEY[j];
          const start = v4Start[e];
          at = writeOctet(buf, at, start >>> 24);
          buf[at++] = 46;
          at = writeOctet(buf, at, (start >>> 16) & 255);
          buf[at++] = 46;
          at = writeOctet(buf, at, (start >>> 8) & 255);
          buf[at++] = 46;
          at = writeOctet(buf, at, start & 255);
          buf[at++] = 47;
          at = writeOctet(buf, at, v4Prefix[e]);
          for (let j = 0; j < SCORE_KEY.length; j++) buf[at++] = SCORE_KEY[j];
          at = scores.write(e, v4Score[e], buf, at);
          buf[at++] = 125;
          out.at = at;
        } else {
          const j = e - v4;
          if (k > 0) out.byte(44);
          out.bytes(ENTRY_KEY).ascii(formatIPv6(index.v6Hi[j], index.v6Lo[j])).byte(47).octet(index.v6Prefix[j]).bytes(SCORE_KEY).num(v6Score[j]).byte(125);
        }
        if (out.full) yield out.take();
      }
    }
    out.ascii('],"comments":[');
    item.comments.forEach((c, k) => {
      if (k > 0) out.byte(44);
      out.json(c);
    });
    out.byte(93);
    if (context) writeContextJson(out, context.contextOf({ org: item.org, domain: item.domain, cidr: item.cidrText }));
    out.byte(125);
    if (out.full) yield out.take();
  }
  out.ascii(']}\n');
  yield out.take();
}

export function* findingsCsv(input: FindingsInput): Generator<Uint8Array, void, void> {
  const { analysis, cutoff, context } = input;
  const out = new ByteChunks();
  csvRow(out, context ? [...FINDINGS_CSV_COLUMNS, ...SENDER_CONTEXT_COLUMNS] : FINDINGS_CSV_COLUMNS);
  const { items, count, min, mean, max, status } = analysis;
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    const cells = [
      csvCell(item.org),
      csvCell(item.domain),
      csvCell(item.cidrText),
      AUTHENTICITY_STATUSES[status[i]],
      String(count[i]),
      numberCell(min[i]),
      numberCell(mean[i]),
      numberCell(max[i]),
      String(isUnder(analysis.table, i, cutoff)),
      String(count[i]),
      csvList(item.comments),
    ];
    if (context) cells.push(...contextCsvCells(context.contextOf({ org: item.org, domain: item.domain, cidr: item.cidrText })));
    csvRow(out, cells);
    if (out.full) yield out.take();
  }
  yield out.take();
}

/** For a person: the notebook's `Org 54 - 12 items` summary, then the findings under each org. */
export function* findingsText(input: FindingsInput): Generator<Uint8Array, void, void> {
  const { analysis, cutoff } = input;
  const out = new ByteChunks();
  const s = findingsSummary(input);
  out.text(`Build ${input.build} against feedback ${input.feedback}, cutoff ${input.cutoff}\n`);
  out.text(
    `${s.items} items: ${s.scored} scored (${s.underCutoff} at or under the cutoff), ${s.uncoveredCidr} with nothing of the model in the CIDR, ${s.uncoveredDomain} with the domain not in the build — ${s.findings} findings\n\n`,
  );
  const { items, count, min, mean, max, status } = analysis;
  yield* findingsByOrg(out, items, analysis.table, cutoff, (i) => {
    const stats =
      status[i] === 0
        ? `min ${textFigure(min[i])}  mean ${textFigure(mean[i])}  max ${textFigure(max[i])}  (${count[i]} model ${count[i] === 1 ? 'entry' : 'entries'})`
        : AUTHENTICITY_STATUSES[status[i]];
    out.text(`- ${items[i].domain}  ${items[i].cidrText}  ${stats}\n`);
    for (const c of items[i].comments) out.text(`    ${c}\n`);
  });
  yield out.take();
}
