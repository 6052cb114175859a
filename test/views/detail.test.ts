// The detail pane: matches in A and B, the /24 and /48 neighbourhood, the feedback rows behind
// an item, links out from the Settings templates, and the notes on the finding.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCidr, type Cidr } from '../../shared/cidr';
import { SenderModelAccumulator } from '../../shared/sender-model-accumulator';
import { apiArgs } from '../../shared/api';
import { blockEntries, neighbourhoodText as neighbourhoodBlock, neighbours } from '../../main/views/neighbourhood';
import { findDomain } from '../../shared/join';
import { goldenWorkspace } from './golden-workspace';

let env: Awaited<ReturnType<typeof goldenWorkspace>>;
beforeAll(async () => {
  env = await goldenWorkspace();
});
afterAll(() => env.dispose());

const detail = (org: number | string, domain: string, cidr: string, buildB?: string) =>
  env.views.authenticityDetail(apiArgs.authenticityDetail.parse({ buildA: 'sendermodels-1', buildB, cutoff: 0.3, org, domain, cidr }));

describe('authenticity detail', () => {
  it('lists the matched entries and the domain’s other entries in the same /24', async () => {
    const d = await detail(1, 'list.example', '192.0.2.77/32');
    expect(d.matchesA).toEqual([{ entry: '192.0.2.77/32', score: 0.9 }]);
    expect(d.neighbourhood).toBe('192.0.2.0/24');
    expect(d.neighbourhoodA).toEqual([
      { entry: '192.0.2.10/32', score: 0.12 },
      { entry: '192.0.2.11/32', score: 0.25 },
      { entry: '192.0.2.12/32', score: 0.31 },
    ]);
  });

  it('shows the neighbourhood of an item the model does not cover, and B’s new match', async () => {
    const d = await detail(3, 'quiet.example', '203.0.113.0/28', 'sendermodels-2');
    expect(d.row.a.status).toBe('uncovered-cidr');
    expect(d.matchesA).toEqual([]);
    expect(d.neighbourhoodA).toEqual([{ entry: '203.0.113.200/32', score: 0.7 }]);
    expect(d.matchesB).toEqual([{ entry: '203.0.113.9/32', score: 0.1 }]);
    expect(d.neighbourhoodB).toEqual([{ entry: '203.0.113.200/32', score: 0.7 }]);
    expect(d.row.transition).toBe('changed');
  });

  it('gives the feedback rows behind an item, in row order, with their comments', async () => {
    const d = await detail(1, 'list.example', '192.0.2.0/28');
    expect(d.feedbackRows).toEqual([
      { row: 1, org: 1, domain: 'list.example', cidrs: ['192.0.2.0/28', '192.0.2.77/32'], comments: 'newsletter provider' },
      { row: 12, org: 1, domain: 'list.example', cidrs: ['192.0.2.0/28'], comments: 'repeated row' },
    ]);
  });

  it('finds the item from a hand-written key (upper case, host bits, bare address)', async () => {
    const d = await detail('1', 'Shop.Example.', '198.51.100.3');
    expect(d.row).toMatchObject({ org: 1, domain: 'shop.example', cidr: '198.51.100.3/32' });
    expect(d.matchesA).toEqual([{ entry: '198.51.100.0/29', score: 0.2 }]);
    await expect(detail(1, 'shop.example', '10.0.0.1')).rejects.toThrow(/no feedback item \(org 1, shop.example, 10.0.0.1\/32\)/);
  });

  it('builds links from the Settings templates, URL-encoded, with the CIDR’s first address as {ip}', async () => {
    env.ws.setSettings({
      linkTemplates: [
        { name: 'Messages', url: 'https://portal.example/messages?domain={domain}&ip={ip}&org={org}' },
        { name: 'Range', url: 'https://portal.example/range/{cidr}' },
      ],
    });
    const d = await detail(4, 'xn--mnchen-3ya.example', '203.0.113.90/32');
    expect(d.links).toEqual([
      { name: 'Messages', url: 'https://portal.example/messages?domain=xn--mnchen-3ya.example&ip=203.0.113.90&org=4' },
      { name: 'Range', url: 'https://portal.example/range/203.0.113.90%2F32' },
    ]);
    // A reputation item has no CIDR: templates that need one are left out.
    const r = await env.views.reputationDetail(apiArgs.reputationDetail.parse({ buildA: 'reputation-1', org: 1, domain: 'list.example' }));
    expect(r.links.map((l) => l.name)).toEqual([]);
  });

  it('returns the notes on the org, the domain and the finding', async () => {
    env.ws.upsertNote({ org: 3 }, { text: 'org three', status: 'open' });
    env.ws.upsertNote({ org: 3, domain: 'v6.example', cidr: '2001:db8:1::/48' }, { text: 'v6 block', status: 'explained', tags: ['PTR neighbourhood'] });
    const d = await detail(3, 'v6.example', '2001:db8:1::/48');
    expect(d.notes.map((n) => [n.scope, n.text])).toEqual([
      ['org', 'org three'],
      ['finding', 'v6 block'],
    ]);
    expect(d.neighbourhood).toBe('2001:db8:1::/48');
    expect(d.matchesA.map((m) => m.entry)).toEqual(['2001:db8:1::10/128', '2001:db8:1::11/128']);
    expect(d.neighbourhoodA).toEqual([]);
  });
});

describe('reputation detail', () => {
  it('shows this org’s score and the domain’s scores for other orgs, with reasons', async () => {
    const d = await env.views.reputationDetail(
      apiArgs.reputationDetail.parse({ buildA: 'reputation-1', buildB: 'reputation-2', org: 2, domain: 'shop.example' }),
    );
    expect(d.matchesA).toEqual([{ entry: 'org 2', score: 0.9 }]);
    expect(d.neighbourhoodA).toEqual([{ entry: 'org 9', score: 0.5 }]);
    expect(d.matchesB?.[0].score).toBeCloseTo(0.2, 12);
    expect(d.row.transition).toBe('regressed');
    expect(d.feedbackRows).toEqual([{ row: 14, org: 2, domain: 'shop.example', label: 'trusted', comments: '' }]);
  });
});

describe('neighbourhood blocks', () => {
  const cidr = (text: string): Cidr => {
    const parsed = parseCidr(text);
    if (!parsed.ok) throw new Error(parsed.reason);
    return parsed.cidr;
  };
  const sink = new SenderModelAccumulator();
  const where = { record: 1, path: 'models' };
  sink.beginDomain('n.example', where);
  for (const [entry, score] of [
    ['10.0.0.0/16', 0.5],
    ['10.0.1.1', 0.1],
    ['10.0.1.128/25', 0.2],
    ['10.0.2.1', 0.3],
    ['2001:db8:5::1', 0.4],
    ['2001:db8:5:ffff::/64', 0.6],
    ['2001:db8:6::1', 0.7],
  ] as const) {
    sink.addEntry(entry, score, () => where);
  }
  const { index } = sink.finish();
  const d = findDomain(index.domains, 'n.example');

  it('takes the /24 or /48 around the feedback CIDR, or the CIDR itself when wider', () => {
    expect(neighbourhoodBlock(cidr('10.0.1.7/32'))).toBe('10.0.1.0/24');
    expect(neighbourhoodBlock(cidr('10.0.0.0/16'))).toBe('10.0.0.0/16');
    expect(neighbourhoodBlock(cidr('2001:db8:5:1::/64'))).toBe('2001:db8:5::/48');
  });

  it('finds the entries starting inside the block by binary search, both families', () => {
    // The /16 that contains the block matches the item; it is never a neighbour.
    expect(blockEntries(index, d, cidr('10.0.1.7'))).toHaveLength(2);
    expect(neighbours(index, d, cidr('10.0.1.7'), []).entries.map((e) => e.entry)).toEqual(['10.0.1.1/32', '10.0.1.128/25']);
    expect(neighbours(index, d, cidr('2001:db8:5::9'), []).entries.map((e) => e.entry)).toEqual(['2001:db8:5::1/128', '2001:db8:5:ffff::/64']);
    expect(blockEntries(index, -1, cidr('10.0.1.7'))).toEqual([]);
  });
});
