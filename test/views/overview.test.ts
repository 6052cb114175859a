// Overview counts, histograms, org lists, transitions, the cutoff's source and the threshold
// curve, against the golden JSON of test/fixtures/golden (DESIGN §4, §6).

import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiArgs } from '../../shared/api';
import type { CompareReport, FindingsReport, ReputationReport } from '../../shared/types';
import { golden, goldenWorkspace } from './golden-workspace';

const json = <T>(name: string) => JSON.parse(readFileSync(golden(name), 'utf8')) as T;
let env: Awaited<ReturnType<typeof goldenWorkspace>>;
beforeAll(async () => {
  env = await goldenWorkspace();
});
afterAll(() => env.dispose());

describe('authenticity overview', () => {
  it('gives the summary, org list and histograms of `smw findings` at the same cutoff', async () => {
    const expected = json<FindingsReport>('findings-sendermodels-1.json');
    const o = await env.views.authenticityOverview(apiArgs.authenticityOverview.parse({ buildA: 'sendermodels-1', cutoff: 0.3 }));
    const s = expected.summary;
    expect(o.summaryA).toEqual({
      items: s.items,
      scored: s.scored,
      uncovered: s.uncoveredCidr + s.uncoveredDomain,
      underCutoff: s.underCutoff,
      findings: s.findings,
    });
    expect(
      o.orgs.map(({ org, itemsA, underCutoffA, uncoveredA, findingsA }) => ({
        org,
        items: itemsA,
        underCutoff: underCutoffA,
        uncovered: uncoveredA,
        findings: findingsA,
      })),
    ).toEqual(expected.orgs);
    expect(o.histogramsA).toEqual(expected.histograms);
    expect(o).toMatchObject({ kind: 'sender-model', feedback: 'feedback', buildA: 'sendermodels-1', cutoff: 0.3, cutoffSource: 'given' });
    expect(o.summaryB).toBeUndefined();
  });

  it('scopes the cards, histograms and curve to one org, with the all-orgs summary beside them', async () => {
    const expected = json<FindingsReport>('findings-sendermodels-1.json');
    const all = await env.views.authenticityOverview(apiArgs.authenticityOverview.parse({ buildA: 'sendermodels-1', cutoff: 0.3 }));
    for (const org of expected.orgs) {
      const o = await env.views.authenticityOverview(apiArgs.authenticityOverview.parse({ buildA: 'sendermodels-1', cutoff: 0.3, org: org.org }));
      const items = expected.items.filter((i) => i.org === org.org);
      const scored = items.filter((i) => i.status === 'scored');
      expect(o.org).toBe(org.org);
      expect(o.summaryA).toEqual({ items: org.items, scored: scored.length, uncovered: org.uncovered, underCutoff: org.underCutoff, findings: org.findings });
      expect(o.allOrgs?.summaryA).toEqual(all.summaryA);
      // CIDR-averaged: one per scored item's mean; individual: one per distinct (domain, entry).
      const bins = (values: number[]) =>
        values.reduce((h, v) => {
          h[Math.min(49, Math.max(0, Math.floor(v * 50 + 1e-9)))]++;
          return h;
        }, new Array<number>(50).fill(0));
      expect(o.histogramsA.cidrAveraged).toEqual(bins(scored.map((i) => i.mean!)));
      const distinct = new Map<string, number>();
      for (const i of items) for (const m of i.matches) distinct.set(`${i.domain} ${m.entry}`, m.score);
      expect(o.histogramsA.individual).toEqual(bins([...distinct.values()]));
      expect(o.thresholdCurve.aboveA[30]).toBeCloseTo(scored.filter((i) => i.mean! > 0.3 + 1e-9).length / items.length, 12);
      expect(o.orgs).toEqual(all.orgs);
    }
  });

  it('moves the counts with the cutoff: at 0.1 no item is under it, at 1 every scored one is', async () => {
    const at = (cutoff: number) => env.views.authenticityOverview(apiArgs.authenticityOverview.parse({ buildA: 'sendermodels-1', cutoff }));
    expect((await at(0.1)).summaryA).toMatchObject({ underCutoff: 0, findings: 3 });
    expect((await at(1)).summaryA).toMatchObject({ underCutoff: 9, findings: 12 });
    // 0.31 is exactly list.example's mean for org 2: at the cutoff counts as under it.
    expect((await at(0.31)).orgs.find((x) => x.org === 2)).toMatchObject({ underCutoffA: 1, findingsA: 1 });
  });

  it('compares A and B with the transitions `smw compare` reports, overall and per org', async () => {
    const expected = json<CompareReport>('compare-sendermodels-1-2.json');
    const o = await env.views.authenticityOverview(apiArgs.authenticityOverview.parse({ buildA: 'sendermodels-1', buildB: 'sendermodels-2', cutoff: 0.3 }));
    expect(o.transitions).toEqual(expected.transitions);
    expect(o.orgs.map((x) => ({ org: x.org, ...x.transitions }))).toEqual(expected.orgs);
    const b = json<FindingsReport>('findings-sendermodels-2.json');
    expect(o.summaryB).toMatchObject({ items: b.summary.items, underCutoff: b.summary.underCutoff, findings: b.summary.findings });
    expect(o.histogramsB).toEqual(b.histograms);
    expect(o.orgs.map((x) => x.findingsB)).toEqual(b.orgs.map((x) => x.findings));
  });

  it('takes the cutoff given, else the analyst default, else the build threshold, else 0.3', async () => {
    const { views, ws } = env;
    const args = (cutoff?: number, buildA = 'sendermodels-1') => apiArgs.authenticityOverview.parse({ buildA, cutoff });
    expect(await views.authenticityOverview(args(0.42))).toMatchObject({ cutoff: 0.42, cutoffSource: 'given' });
    expect(await views.authenticityOverview(args())).toMatchObject({ cutoff: 0.3, cutoffSource: 'build' });
    expect(await views.reputationOverview(apiArgs.reputationOverview.parse({ buildA: 'reputation-1' }))).toMatchObject({
      cutoff: 0.3,
      cutoffSource: 'default',
    });
    ws.setSettings({ defaultCutoff: 0.5 });
    try {
      expect(await views.authenticityOverview(args())).toMatchObject({ cutoff: 0.5, cutoffSource: 'settings' });
    } finally {
      ws.setSettings({ defaultCutoff: null });
    }
  });

  it('draws the threshold curve: the share of all items scored above each cutoff', async () => {
    const o = await env.views.authenticityOverview(apiArgs.authenticityOverview.parse({ buildA: 'sendermodels-1', buildB: 'sendermodels-2' }));
    const { cutoffs, aboveA, aboveB } = o.thresholdCurve;
    expect(cutoffs).toHaveLength(101);
    expect(cutoffs[30]).toBe(0.3);
    const items = json<FindingsReport>('findings-sendermodels-1.json').items;
    const share = (c: number) => items.filter((i) => i.mean !== null && i.mean > c + 1e-9).length / items.length;
    cutoffs.forEach((c, k) => expect(aboveA[k]).toBeCloseTo(share(c), 12));
    expect(aboveA[0]).toBe(9 / 12);
    expect(aboveA[100]).toBe(0);
    expect(aboveB).toHaveLength(101);
  });

  it('refuses a reputation build in the authenticity view with a message that says so', async () => {
    await expect(env.views.authenticityOverview(apiArgs.authenticityOverview.parse({ buildA: 'reputation-1' }))).rejects.toThrow(
      /reputation, not a sender-model/,
    );
  });
});

describe('reputation overview', () => {
  it('gives the summary, org list and histogram of `smw reputation`', async () => {
    const expected = json<ReputationReport>('reputation-reputation-1.json');
    const o = await env.views.reputationOverview(apiArgs.reputationOverview.parse({ buildA: 'reputation-1', cutoff: 0.3 }));
    expect(o.summaryA).toEqual({ items: 4, scored: 2, uncovered: 2, underCutoff: 1, findings: 3 });
    expect(o.orgs.map((x) => ({ org: x.org, items: x.itemsA, underCutoff: x.underCutoffA, uncovered: x.uncoveredA, findings: x.findingsA }))).toEqual(
      expected.orgs,
    );
    expect(o.histogramsA).toEqual({ reputation: expected.histogram });
  });

  it('compares two reputation builds with the transitions of `smw compare`', async () => {
    const expected = json<CompareReport>('compare-reputation-1-2.json');
    const o = await env.views.reputationOverview(apiArgs.reputationOverview.parse({ buildA: 'reputation-1', buildB: 'reputation-2', cutoff: 0.3 }));
    expect(o.transitions).toEqual(expected.transitions);
    expect(o.orgs.map((x) => ({ org: x.org, ...x.transitions }))).toEqual(expected.orgs);
  });
});
