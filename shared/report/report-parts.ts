// Pieces every report writes the same way: orgs, histograms, the org summary lines of the text
// form, figures for a person.

import { isFinding, orgSummaries, type ScoredItems } from '../scored-items';
import type { Org, OrgSummary } from '../types';
import type { ByteChunks } from './byte-chunks';

export function writeOrg(out: ByteChunks, org: Org): void {
  if (typeof org === 'number') out.num(org);
  else out.json(org);
}

/** `,"orgs":[{"org", "items", "underCutoff", "uncovered", "findings"}, …]` */
export function writeOrgs(out: ByteChunks, orgs: readonly OrgSummary[]): void {
  out.ascii(',"orgs":[');
  orgs.forEach((o, k) => {
    out.ascii(k === 0 ? '{"org":' : ',{"org":');
    writeOrg(out, o.org);
    out.ascii(`,"items":${o.items},"underCutoff":${o.underCutoff},"uncovered":${o.uncovered},"findings":${o.findings}}`);
  });
  out.byte(93);
}

export function writeHistogram(out: ByteChunks, bins: readonly number[]): void {
  out.byte(91).ascii(bins.join(',')).byte(93);
}

/** The notebook's summary: `Org 54 -  12 items`, for each org with findings. */
export function orgCountLines(orgs: ReadonlyArray<{ org: Org; findings: number }>): string[] {
  return orgs.filter((o) => o.findings > 0).map((o) => `Org ${String(o.org).padStart(2)} - ${String(o.findings).padStart(3)} items`);
}

/** A figure for a person: three decimals, or — when there is none. */
export function textFigure(v: number | null): string {
  return v === null || v !== v ? '—' : v.toFixed(3);
}

/** A CSV cell of a number; empty for NaN or null (not scored). */
export function numberCell(v: number | null): string {
  return v === null || v !== v ? '' : String(v);
}

/** A JSON number, or null for NaN (not scored). */
export function writeNullable(out: ByteChunks, v: number | null): void {
  if (v === null || v !== v) out.ascii('null');
  else out.num(v);
}

/**
 * The body of a text report: the org summary lines, then each finding under its org's heading,
 * as `writeFinding(i)` writes it to `out`. Yields a chunk whenever one is full.
 */
export function* findingsByOrg(
  out: ByteChunks,
  items: ReadonlyArray<{ org: Org }>,
  table: ScoredItems,
  cutoff: number,
  writeFinding: (i: number) => void,
): Generator<Uint8Array, void, void> {
  for (const line of orgCountLines(orgSummaries(table, cutoff))) out.text(`${line}\n`);
  let org: string | null = null;
  for (let i = 0; i < items.length; i++) {
    if (!isFinding(table, i, cutoff)) continue;
    if (String(items[i].org) !== org) {
      org = String(items[i].org);
      out.text(`\nOrg ${org}\n`);
    }
    writeFinding(i);
    if (out.full) yield out.take();
  }
}
