// The demo's context snapshot (DESIGN §8): imported with the demo, pulled (by the generator,
// without a network) for the demo feedback and build A, and telling the notebook's stories.

import { beforeAll, describe, expect, it } from 'vitest';
import { importDemo } from '../../main/ingest/index';
import { readSenderContext, type LoadedContext } from '../../main/workspace/context-store';
import { SnapshotCache } from '../../main/workspace/snapshot-cache';
import { Workspace } from '../../main/workspace/workspace';
import type { AuthenticityItem } from '../../shared/items';
import type { SenderContext } from '../../shared/sender-context';
import { neighboursOf, senderContextSource } from '../../shared/sender-context-of';
import { tempDir } from '../support/cli';

let data: LoadedContext;
let items: AuthenticityItem[];
let contextOf: (domain: string, cidr: string) => SenderContext | null;

beforeAll(async () => {
  const ws = Workspace.open(tempDir());
  try {
    await importDemo(ws);
    expect(ws.get('context-demo')).toMatchObject({ kind: 'context', demo: true, source: 'demo:context-demo.jsonl' });
    const db = ws.openSnapshot('context-demo');
    data = readSenderContext(db);
    db.close();
    items = new SnapshotCache(ws).feedback('feedback-demo').authenticityItems;
  } finally {
    ws.close();
  }
  const source = senderContextSource(data);
  contextOf = (domain, cidr) => source.contextOf({ org: 0, domain, cidr });
}, 60_000);

describe('the demo context snapshot', () => {
  it('was pulled for the demo feedback and build A, without a network, and covers every item', () => {
    expect(data.meta).toMatchObject({
      feedback: 'feedback-demo',
      build: 'sendermodels-2016-08-22_02:25:57',
      resolver: expect.stringMatching(/^demo /),
      pulledAt: '2016-08-29T06:00:00.000Z',
    });
    expect(items.length).toBeGreaterThan(3000);
    expect(items.filter((i) => contextOf(i.domain, i.cidrText) === null)).toEqual([]);
    const results = new Set(items.map((i) => contextOf(i.domain, i.cidrText)!.spf));
    for (const r of ['pass', 'fail', 'softfail', 'neutral', 'none', 'permerror', 'temperror', null]) expect(results, String(r)).toContain(r);
  });

  it("puts cerner.com's top two IPs in its SPF record (in SPF, under the cutoff in build A)", () => {
    expect(contextOf('cerner.com', '159.140.213.10/32')).toMatchObject({ spf: 'pass', spfMechanism: 'ip4:159.140.213.10' });
    expect(contextOf('cerner.com', '159.140.213.11/32')).toMatchObject({ spf: 'pass', spfMechanism: 'ip4:159.140.213.11' });
    expect(contextOf('cerner.com', '184.94.241.0/24')).toMatchObject({ spf: null, ptr: null });
  });

  it("shows coloradocyclist.com's list mail in one PTR neighbourhood under mcsv.net, in the provider's include and AS", () => {
    const mine = items.filter((i) => i.domain === 'coloradocyclist.com' && i.cidr.prefix === 32);
    expect(mine.length).toBeGreaterThan(50);
    for (const i of mine) {
      const c = contextOf(i.domain, i.cidrText)!;
      expect(c.ptr![0], i.cidrText).toMatch(/\.mcsv\.net$/);
      expect([c.spf, c.spfMechanism, c.fcrdns, c.asn]).toEqual(['pass', 'include:servers.mcsv.net', true, 64600]);
    }
  });

  it("names the EC2 alert senders' hosts in Amazon's AS, with no SPF for ec2.internal", () => {
    expect(contextOf('ip-172-18-19-67.ec2.internal', '184.72.111.30/32')).toEqual({
      spf: 'none',
      spfMechanism: null,
      ptr: ['ec2-184-72-111-30.compute-1.amazonaws.com'],
      fcrdns: true,
      asn: 14618,
      asName: 'AMAZON-AES',
    });
  });

  it("keeps the PTR names of build A's entries beside each item", () => {
    const neighbours = neighboursOf(data, 'coloradocyclist.com', '198.2.190.0/24');
    expect(neighbours.length).toBeGreaterThan(0);
    expect(neighbours.every((n) => n.ptr?.every((p) => p.endsWith('.mcsv.net')))).toBe(true);
  });
});
