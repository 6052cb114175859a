// The findings table's queries: the default order of `smw findings`, every filter, stable
// sorting on every column, paging, note badges — on the golden workspace.

import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiArgs, type FindingRow, type RowFilter, type RowSort } from '../../shared/api';
import type { FindingsReport } from '../../shared/types';
import { golden, goldenWorkspace } from './golden-workspace';

let env: Awaited<ReturnType<typeof goldenWorkspace>>;
beforeAll(async () => {
  env = await goldenWorkspace();
});
afterAll(() => env.dispose());

const A = 'sendermodels-1';
const B = 'sendermodels-2';
const rows = (args: { filter?: RowFilter; sort?: RowSort; offset?: number; limit?: number; buildB?: string; cutoff?: number } = {}) =>
  env.views.authenticityRows(apiArgs.authenticityRows.parse({ buildA: A, cutoff: 0.3, ...args }));
const keys = (page: { rows: FindingRow[] }) => page.rows.map((r) => `${r.org} ${r.domain} ${r.cidr}`);

describe('authenticity rows', () => {
  it('lists every item in the order and with the figures of `smw findings`', async () => {
    const expected = JSON.parse(readFileSync(golden('findings-sendermodels-1.json'), 'utf8')) as FindingsReport;
    const page = await rows();
    expect(page.total).toBe(12);
    expect(keys(page)).toEqual(expected.items.map((i) => `${i.org} ${i.domain} ${i.cidr}`));
    page.rows.forEach((row, k) => {
      const item = expected.items[k];
      expect(row.a).toMatchObject({
        status: item.status,
        count: item.count,
        underCutoff: item.underCutoff,
        finding: item.underCutoff || item.status !== 'scored',
      });
      if (item.mean === null) expect(row.a.mean).toBeNull();
      else expect(row.a.mean).toBeCloseTo(item.mean, 12);
      expect(row.comments).toEqual(item.comments);
    });
  });

  it('shows uncovered items among the findings, not hidden', async () => {
    const page = await rows({ filter: { findingsOnly: true } });
    expect(page.total).toBe(8);
    expect(page.rows.filter((r) => r.a.status !== 'scored').map((r) => r.domain)).toEqual(['quiet.example', 'bad.example', 'unknown.example']);
  });

  it('filters by text over org, domain, CIDR and comments, all words required', async () => {
    expect(keys(await rows({ filter: { text: 'LIST.example' } }))).toEqual([
      '1 list.example 192.0.2.0/28',
      '1 list.example 192.0.2.77/32',
      '2 list.example 192.0.2.12/32',
    ]);
    expect(keys(await rows({ filter: { text: 'repeated' } }))).toEqual(['1 list.example 192.0.2.0/28']);
    expect(keys(await rows({ filter: { text: '2001:db8:2' } }))).toEqual(['3 v6.example 2001:db8:2::1/128']);
    expect((await rows({ filter: { text: 'list 77' } })).total).toBe(1);
    expect((await rows({ filter: { text: 'no such thing' } })).total).toBe(0);
  });

  it('filters by org, status, the under-cutoff pseudo status and a histogram bin', async () => {
    expect((await rows({ filter: { org: 3 } })).total).toBe(4);
    expect((await rows({ filter: { org: '3' } })).total).toBe(4);
    expect(keys(await rows({ filter: { statuses: ['uncovered-domain'] } }))).toEqual(['4 bad.example 192.0.2.55/32', '4 unknown.example 192.0.2.99/32']);
    expect((await rows({ filter: { statuses: ['under-cutoff'] } })).total).toBe(5);
    // CIDR-averaged bin 11 = [0.22, 0.24): list.example's /28 with mean 0.2267.
    expect(keys(await rows({ filter: { bin: { histogram: 'cidrAveraged', index: 11 } } }))).toEqual(['1 list.example 192.0.2.0/28']);
    // Individual bin 6 = [0.12, 0.14): the entry 192.0.2.10 (0.12) behind the same item.
    expect(keys(await rows({ filter: { bin: { histogram: 'individual', index: 6 } } }))).toEqual(['1 list.example 192.0.2.0/28']);
    await expect(rows({ filter: { statuses: ['sideways'] } })).rejects.toThrow(/unknown status filter 'sideways'/);
  });

  it('filters by transition when comparing, and gives B, Δ and the transition per row', async () => {
    const fixed = await rows({ buildB: B, filter: { transitions: ['fixed'] } });
    expect(keys(fixed)).toEqual(['1 list.example 192.0.2.0/28']);
    expect(fixed.rows[0].b?.mean).toBeCloseTo((0.62 + 0.71 + 0.31) / 3, 12);
    expect(fixed.rows[0].delta).toBeCloseTo((0.62 + 0.71 + 0.31) / 3 - (0.12 + 0.25 + 0.31) / 3, 12);
    expect(fixed.rows[0].transition).toBe('fixed');
    expect(keys(await rows({ buildB: B, filter: { transitions: ['regressed'] } }))).toEqual(['1 shop.example 198.51.100.4/30']);
    expect((await rows({ buildB: B, filter: { transitions: ['changed', 'unchanged'] } })).total).toBe(10);
  });

  it('sorts on every column, stably, with empty values last both ways', async () => {
    const asc = await rows({ sort: { column: 'mean', direction: 'asc' } });
    const means = asc.rows.map((r) => r.a.mean);
    expect(means.slice(0, 9)).toEqual([...means.slice(0, 9)].sort((x, y) => x! - y!));
    expect(means.slice(9)).toEqual([null, null, null]);
    // Ties keep the default order: the three uncovered items stay org, domain, CIDR.
    expect(asc.rows.slice(9).map((r) => r.domain)).toEqual(['quiet.example', 'bad.example', 'unknown.example']);
    const desc = await rows({ sort: { column: 'mean', direction: 'desc' } });
    expect(desc.rows[0].a.mean).toBe(0.9);
    expect(desc.rows.slice(9).map((r) => r.a.mean)).toEqual([null, null, null]);
    expect(keys(await rows({ sort: { column: 'domain', direction: 'asc' } }))[0]).toBe('4 bad.example 192.0.2.55/32');
    expect(keys(await rows({ sort: { column: 'cidr', direction: 'desc' } }))[0]).toBe('3 v6.example 2001:db8:2::1/128');
    expect(keys(await rows({ sort: { column: 'org', direction: 'desc' } }))[0]).toBe('4 bad.example 192.0.2.55/32');
    expect((await rows({ sort: { column: 'count', direction: 'desc' } })).rows[0].a.count).toBe(3);
    expect((await rows({ sort: { column: 'status', direction: 'desc' } })).rows[0].a.status).toBe('uncovered-domain');
    for (const column of ['min', 'max', 'meanB', 'delta', 'transition', 'note', 'score', 'risk', 'scoreB'] as const) {
      for (const direction of ['asc', 'desc'] as const) {
        const page = await rows({ buildB: B, sort: { column, direction } });
        expect(page.total, `${column} ${direction}`).toBe(12);
        expect(new Set(keys(page)).size).toBe(12);
      }
    }
    const byTransition = await rows({ buildB: B, sort: { column: 'transition', direction: 'asc' } });
    expect(byTransition.rows.slice(0, 2).map((r) => r.transition)).toEqual(['fixed', 'regressed']);
  });

  it('pages through the sorted, filtered list', async () => {
    const all = keys(await rows({ sort: { column: 'max', direction: 'asc' } }));
    const p1 = await rows({ sort: { column: 'max', direction: 'asc' }, offset: 0, limit: 5 });
    const p2 = await rows({ sort: { column: 'max', direction: 'asc' }, offset: 5, limit: 5 });
    const p3 = await rows({ sort: { column: 'max', direction: 'asc' }, offset: 10, limit: 5 });
    expect([...keys(p1), ...keys(p2), ...keys(p3)]).toEqual(all);
    expect([p1.total, p2.offset, p3.rows.length]).toEqual([12, 5, 2]);
    expect((await rows({ offset: 50 })).rows).toEqual([]);
  });

  it('badges rows with their most specific note and marks it changed when the numbers moved', async () => {
    const { ws } = env;
    const key = { org: 1, domain: 'list.example', cidr: '192.0.2.0/28' };
    ws.upsertNote({ org: 1 }, { text: 'org one', status: 'open' });
    ws.upsertNote(key, {
      text: 'mailing list',
      status: 'explained',
      tags: ['mailing list'],
      noted: { build: A, status: 'scored', count: 3, mean: (0.12 + 0.25 + 0.31) / 3 },
    });
    try {
      const page = await rows({ filter: { org: 1 } });
      expect(page.rows[0].note).toEqual({ scope: 'finding', status: 'explained', tags: ['mailing list'], changedSinceNoted: false });
      expect(page.rows[1].note).toMatchObject({ scope: 'org', status: 'open', changedSinceNoted: false });
      // Noted on A; with A on screen as B's base the figures of A still hold…
      expect((await rows({ buildB: B, filter: { org: 1 } })).rows[0].note?.changedSinceNoted).toBe(false);
      // …but looking at build 2 as A, the mean moved from 0.227 to 0.547.
      const later = await env.views.authenticityRows(apiArgs.authenticityRows.parse({ buildA: B, filter: { org: 1 } }));
      expect(later.rows[0].note?.changedSinceNoted).toBe(true);
      const byNote = await rows({ sort: { column: 'note', direction: 'asc' } });
      expect(byNote.rows[0].note?.status).toBe('open');
      expect(byNote.rows.slice(0, 4).every((r) => r.org === 1)).toBe(true);
      expect(byNote.rows[4].note).toBeUndefined();
    } finally {
      ws.deleteNote({ org: 1 });
      ws.deleteNote(key);
    }
  });
});

describe('reputation rows', () => {
  const rep = (args: { filter?: RowFilter; sort?: RowSort; buildB?: string } = {}) =>
    env.views.reputationRows(apiArgs.reputationRows.parse({ buildA: 'reputation-1', cutoff: 0.3, ...args }));

  it('lists the trusted-domain items with score, risk and reasons', async () => {
    const page = await rep();
    expect(page.rows.map((r) => [r.org, r.domain, r.a.status, r.a.score, r.reasons])).toEqual([
      [1, 'list.example', 'scored', 0.25, ['cousin_domain']],
      [2, 'shop.example', 'scored', 0.9, []],
      [3, 'v6.example', 'uncovered-org', null, []],
      [4, 'nowhere.example', 'uncovered-domain', null, []],
    ]);
    expect(page.rows[0].cidr).toBeUndefined();
  });

  it('filters by reasons text and sorts by score and risk', async () => {
    expect((await rep({ filter: { text: 'cousin' } })).rows.map((r) => r.domain)).toEqual(['list.example']);
    expect((await rep({ sort: { column: 'score', direction: 'desc' } })).rows.map((r) => r.domain)).toEqual([
      'shop.example',
      'list.example',
      'v6.example',
      'nowhere.example',
    ]);
    expect((await rep({ sort: { column: 'risk', direction: 'desc' } })).rows[0].domain).toBe('list.example');
    expect((await rep({ buildB: 'reputation-2', filter: { transitions: ['regressed'] } })).rows.map((r) => r.domain)).toEqual(['shop.example']);
  });
});
