// The pure analysis against ../shared/golden: the Avro contents come from Python's reader
// (records.json), so this checks DESIGN §4 without our own Avro reader in the loop.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyseAuthenticity } from '../../shared/authenticity';
import { parseFeedbackJsonl } from '../../shared/feedback';
import { authenticityItems, reputationItems } from '../../shared/items';
import { analyseReputation } from '../../shared/reputation';
import { parseReputationJson } from '../../shared/reputation-build';
import { SenderModelAccumulator } from '../../shared/sender-model-accumulator';
import { compareObject, findingsObject, reputationObject } from '../support/reports';
import { expectSameReport } from '../support/same-report';

const golden = (name: string) => readFileSync(new URL(`../fixtures/golden/${name}`, import.meta.url), 'utf8');
const where = () => ({ record: 1, path: 'models' });

function buildFrom(name: string) {
  const { records } = JSON.parse(golden(`${name}.records.json`)) as { records: Array<Record<string, unknown>> };
  const sink = new SenderModelAccumulator();
  for (const record of records) {
    const models = (record.models as Array<{ domain: string; cidrs: Array<{ cidr: string; score: number | null }> }>) ?? [record];
    for (const model of models as Array<{ domain: string; cidrs: Array<{ cidr: string; score: number | null }> }>) {
      sink.beginDomain(model.domain, where());
      for (const entry of model.cidrs) sink.addEntry(entry.cidr, entry.score, where);
    }
  }
  return sink.finish();
}

const feedback = parseFeedbackJsonl(golden('feedback.jsonl'));
const items = authenticityItems(feedback.authenticity);

describe('analysis on the golden examples', () => {
  it('reports bad feedback rows and entries one by one without stopping', () => {
    expect(feedback.problems.map((p) => [p.row, p.field, p.value])).toEqual([
      [9, 'suggestion.matches.ip', '300.1.1.1'],
      [9, 'suggestion.matches.ip', '192.0.2.0/40'],
      [11, 'suggestion', '{oops'],
    ]);
    expect(feedback.skipped).toBe(1);
  });

  for (const n of [1, 2]) {
    it(`gives the findings of sendermodels-${n} exactly`, () => {
      const { index } = buildFrom(`sendermodels-${n}`);
      const report = findingsObject(analyseAuthenticity(index, items), index, { build: `sendermodels-${n}`, feedback: 'feedback' }, 0.3);
      expectSameReport(report, JSON.parse(golden(`findings-sendermodels-${n}.json`)));
    });
  }

  it('keeps the later score of an entry listed twice and counts the replacement', () => {
    const { index, stats } = buildFrom('sendermodels-2');
    const edge = index.domains.indexOf('edge.example');
    expect(index.v4Score[index.v4Offsets[edge]]).toBe(0.3);
    expect(stats.replaced).toBeGreaterThanOrEqual(1);
  });

  it('compares two sender-model builds with the transitions of the golden example', () => {
    const a = analyseAuthenticity(buildFrom('sendermodels-1').index, items);
    const b = analyseAuthenticity(buildFrom('sendermodels-2').index, items);
    const report = compareObject(a, b, { base: 'sendermodels-1', candidate: 'sendermodels-2', feedback: 'feedback' }, 0.3);
    expectSameReport(report, JSON.parse(golden('compare-sendermodels-1-2.json')));
  });

  it('gives the reputation items and compares two reputation builds', () => {
    const repItems = reputationItems(feedback.reputation);
    const r1 = analyseReputation(parseReputationJson(golden('reputation-1.json'), 'reputation-1.json').build, repItems);
    const r2 = analyseReputation(parseReputationJson(golden('reputation-2.json'), 'reputation-2.json').build, repItems);
    expectSameReport(reputationObject(r1, { build: 'reputation-1', feedback: 'feedback' }, 0.3), JSON.parse(golden('reputation-reputation-1.json')));
    expectSameReport(
      compareObject(r1, r2, { base: 'reputation-1', candidate: 'reputation-2', feedback: 'feedback' }, 0.3),
      JSON.parse(golden('compare-reputation-1-2.json')),
    );
  });
});
