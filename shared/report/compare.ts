// `smw compare` (DESIGN §6): two builds of one kind against the same feedback and cutoff — per
// item both sides, the delta and the transition — as JSON, CSV or text, in the base's order.

import { AUTHENTICITY_STATUSES, type AuthenticityAnalysis } from '../authenticity';
import { deltaOf, transitionAt, transitionCounts, TRANSITIONS } from '../compare';
import { REPUTATION_STATUSES, type ReputationAnalysis } from '../reputation';
import { isUnder, type ScoredItems } from '../scored-items';
import { SENDER_CONTEXT_COLUMNS, type SenderContextSource } from '../sender-context';
import type { BuildKind, TransitionCounts } from '../types';
import { ByteChunks } from './byte-chunks';
import { contextCsvCells, writeContextJson } from './context-fields';
import { COMPARE_AUTHENTICITY_CSV_COLUMNS, COMPARE_REPUTATION_CSV_COLUMNS, csvCell, csvRow } from './csv';
import { numberCell, textFigure, writeNullable, writeOrg } from './report-parts';

export type CompareInput = {
  base: string;
  candidate: string;
  feedback: string;
  cutoff: number;
} & (
  | { kind: 'sender-model'; a: AuthenticityAnalysis; b: AuthenticityAnalysis; context?: SenderContextSource }
  | { kind: 'reputation'; a: ReputationAnalysis; b: ReputationAnalysis; context?: undefined }
);

/** The regressed count, for --fail-on-regression. */
export function compareTransitions(input: CompareInput): TransitionCounts {
  return transitionCounts(input.a.table, input.b.table, input.cutoff).transitions;
}

function statusNames(kind: BuildKind): readonly string[] {
  return kind === 'sender-model' ? AUTHENTICITY_STATUSES : REPUTATION_STATUSES;
}

function writeSide(out: ByteChunks, input: CompareInput, side: 'a' | 'b', i: number): void {
  const t: ScoredItems = input[side].table;
  out.ascii('{"status":"').ascii(statusNames(input.kind)[t.status[i]]);
  if (input.kind === 'sender-model') out.ascii('","count":').num(input[side].count[i]).ascii(',"mean":');
  else out.ascii('","score":');
  writeNullable(out, t.value[i]);
  out.ascii(isUnder(t, i, input.cutoff) ? ',"underCutoff":true}' : ',"underCutoff":false}');
}

export function* compareJson(input: CompareInput): Generator<Uint8Array, void, void> {
  const { a, b, cutoff } = input;
  const out = new ByteChunks();
  const { transitions, orgs } = transitionCounts(a.table, b.table, cutoff);
  out
    .ascii('{"kind":"')
    .ascii(input.kind)
    .ascii('","base":')
    .json(input.base)
    .ascii(',"candidate":')
    .json(input.candidate)
    .ascii(',"feedback":')
    .json(input.feedback)
    .ascii(',"cutoff":')
    .num(cutoff);
  out.ascii(
    `,"transitions":{"fixed":${transitions.fixed},"regressed":${transitions.regressed},"changed":${transitions.changed},"unchanged":${transitions.unchanged}},"orgs":[`,
  );
  orgs.forEach((o, k) => {
    out.ascii(k === 0 ? '{"org":' : ',{"org":');
    writeOrg(out, o.org);
    out.ascii(`,"fixed":${o.fixed},"regressed":${o.regressed},"changed":${o.changed},"unchanged":${o.unchanged}}`);
  });
  out.ascii('],"items":[');
  for (let i = 0; i < a.items.length; i++) {
    const item = a.items[i];
    if (i > 0) out.byte(44);
    out.ascii('{"org":');
    writeOrg(out, item.org);
    out.ascii(',"domain":').json(item.domain);
    if (input.kind === 'sender-model') out.ascii(',"cidr":"').ascii(input.a.items[i].cidrText).byte(34);
    out.ascii(',"base":');
    writeSide(out, input, 'a', i);
    out.ascii(',"candidate":');
    writeSide(out, input, 'b', i);
    out.ascii(input.kind === 'sender-model' ? ',"deltaMean":' : ',"deltaScore":');
    writeNullable(out, deltaOf(a.table, b.table, i));
    out
      .ascii(',"transition":"')
      .ascii(transitionAt(a.table, b.table, i, cutoff))
      .byte(34);
    if (input.kind === 'sender-model' && input.context) {
      const it = input.a.items[i];
      writeContextJson(out, input.context.contextOf({ org: it.org, domain: it.domain, cidr: it.cidrText }));
    }
    out.byte(125);
    if (out.full) yield out.take();
  }
  out.ascii(']}\n');
  yield out.take();
}

export function* compareCsv(input: CompareInput): Generator<Uint8Array, void, void> {
  const { a, b, cutoff } = input;
  const out = new ByteChunks();
  const context = input.kind === 'sender-model' ? input.context : undefined;
  const header = input.kind === 'sender-model' ? COMPARE_AUTHENTICITY_CSV_COLUMNS : COMPARE_REPUTATION_CSV_COLUMNS;
  csvRow(out, context ? [...header, ...SENDER_CONTEXT_COLUMNS] : header);
  const names = statusNames(input.kind);
  for (let i = 0; i < a.items.length; i++) {
    const item = a.items[i];
    const side = (t: ScoredItems, counts?: Uint32Array) =>
      counts
        ? [names[t.status[i]], String(counts[i]), numberCell(t.value[i]), String(isUnder(t, i, cutoff))]
        : [names[t.status[i]], numberCell(t.value[i]), String(isUnder(t, i, cutoff))];
    const cells = [csvCell(item.org), csvCell(item.domain)];
    if (input.kind === 'sender-model') {
      cells.push(csvCell(input.a.items[i].cidrText), ...side(a.table, input.a.count), ...side(b.table, input.b.count));
    } else {
      cells.push(...side(a.table), ...side(b.table));
    }
    cells.push(numberCell(deltaOf(a.table, b.table, i)), transitionAt(a.table, b.table, i, cutoff));
    if (context) {
      const it = (input.a as AuthenticityAnalysis).items[i];
      cells.push(...contextCsvCells(context.contextOf({ org: it.org, domain: it.domain, cidr: it.cidrText })));
    }
    csvRow(out, cells);
    if (out.full) yield out.take();
  }
  yield out.take();
}

/** For a person: the counts, per org, then the regressed, fixed and changed items. */
export function* compareText(input: CompareInput): Generator<Uint8Array, void, void> {
  const { a, b, cutoff } = input;
  const out = new ByteChunks();
  const { transitions: t, orgs } = transitionCounts(a.table, b.table, cutoff);
  out.text(`Compare ${input.base} → ${input.candidate} (${input.kind}) against feedback ${input.feedback}, cutoff ${cutoff}\n`);
  out.text(`${t.fixed} fixed, ${t.regressed} regressed, ${t.changed} changed, ${t.unchanged} unchanged\n\n`);
  for (const o of orgs)
    out.text(`Org ${String(o.org).padStart(2)} - ${o.fixed} fixed, ${o.regressed} regressed, ${o.changed} changed, ${o.unchanged} unchanged\n`);
  const names = statusNames(input.kind);
  for (const transition of ['regressed', 'fixed', 'changed'] as const) {
    if (t[transition] === 0) continue;
    out.text(`\n${transition[0].toUpperCase()}${transition.slice(1)}:\n`);
    for (let i = 0; i < a.items.length; i++) {
      if (transitionAt(a.table, b.table, i, cutoff) !== transition) continue;
      const item = a.items[i];
      const what = input.kind === 'sender-model' ? `${item.domain}  ${input.a.items[i].cidrText}` : item.domain;
      out.text(
        `- Org ${item.org}  ${what}  ${names[a.table.status[i]]} ${textFigure(a.table.value[i])} → ${names[b.table.status[i]]} ${textFigure(b.table.value[i])}\n`,
      );
      if (out.full) yield out.take();
    }
  }
  yield out.take();
}

export { TRANSITIONS };
