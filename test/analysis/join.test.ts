import { describe, expect, it } from 'vitest';
import { analyseAuthenticity } from '../../shared/authenticity';
import { formatCidr, parseCidr, type Cidr } from '../../shared/cidr';
import { authenticityItems } from '../../shared/items';
import { SenderModelAccumulator } from '../../shared/sender-model-accumulator';
import { findingsObject } from '../support/reports';

const where = () => ({ record: 1, path: 'models[0]' });

function build(models: Record<string, Array<[string, number | null]>>) {
  const sink = new SenderModelAccumulator();
  for (const [domain, entries] of Object.entries(models)) {
    sink.beginDomain(domain, where());
    for (const [cidr, score] of entries) sink.addEntry(cidr, score, where);
  }
  return sink.finish();
}

function matchesOf(models: Record<string, Array<[string, number | null]>>, domain: string, feedback: string[]) {
  const { index } = build(models);
  const cidrs = feedback.map((f) => formatCidr((parseCidr(f) as { ok: true; cidr: Cidr }).cidr));
  const items = authenticityItems([{ seq: 1, rowId: 1, org: 1, domain, cidrs, comments: '' }]);
  const analysis = analyseAuthenticity(index, items);
  return findingsObject(analysis, index, { build: 'b', feedback: 'f' }, 0.3).items;
}

describe('matching feedback CIDRs to model entries by overlap', () => {
  it('finds entries inside the feedback CIDR and model prefixes that contain it', () => {
    const [item] = matchesOf(
      {
        'a.example': [
          ['10.0.0.0/8', 0.1],
          ['10.1.0.0/16', 0.2],
          ['10.1.2.0/24', 0.3],
          ['10.1.2.3', 0.4],
          ['10.1.2.200', 0.5],
          ['10.1.3.1', 0.6],
          ['11.0.0.1', 0.7],
        ],
      },
      'a.example',
      ['10.1.2.0/25'],
    );
    expect(item.matches.map((m) => m.entry)).toEqual(['10.0.0.0/8', '10.1.0.0/16', '10.1.2.0/24', '10.1.2.3/32']);
    expect(item.count).toBe(4);
  });

  it('finds containing prefixes even when a disjoint sibling sorts between them', () => {
    // 10.0.0.0/8 contains the feedback; 10.0.0.0/24 (before it) and 10.5.0.0/16 do not.
    const [item] = matchesOf(
      {
        'a.example': [
          ['10.0.0.0/8', 0.1],
          ['10.0.0.0/24', 0.2],
          ['10.5.0.0/16', 0.3],
          ['10.5.0.9', 0.35],
        ],
      },
      'a.example',
      ['10.9.9.9'],
    );
    expect(item.matches.map((m) => m.entry)).toEqual(['10.0.0.0/8']);
  });

  it('matches a model prefix with the same start and a shorter length', () => {
    const [item] = matchesOf({ 'a.example': [['192.0.2.0/24', 0.9]] }, 'a.example', ['192.0.2.0/28']);
    expect(item.matches).toEqual([{ entry: '192.0.2.0/24', score: 0.9 }]);
  });

  it('never matches IPv4 with IPv6', () => {
    const [item] = matchesOf(
      {
        'a.example': [
          ['::ffff:192.0.2.1', 0.9],
          ['2001:db8::/32', 0.5],
        ],
      },
      'a.example',
      ['192.0.2.1', '0.0.0.0/0'],
    );
    expect(item.status).toBe('uncovered-cidr');
  });

  it('matches IPv6 prefixes both ways', () => {
    const reports = matchesOf(
      {
        'v6.example': [
          ['2001:db8::/32', 0.1],
          ['2001:db8:1::/48', 0.2],
          ['2001:db8:1::10', 0.3],
          ['2001:db8:2::1', 0.4],
        ],
      },
      'v6.example',
      ['2001:db8:1::/64', '2001:db8:ffff::1'],
    );
    expect(reports[0].matches.map((m) => m.entry)).toEqual(['2001:db8::/32', '2001:db8:1::/48', '2001:db8:1::10/128']);
    expect(reports[1].matches.map((m) => m.entry)).toEqual(['2001:db8::/32']);
  });

  it('keeps the later score of an entry listed twice and drops null and non-finite scores', () => {
    const { index, stats } = build({
      'a.example': [
        ['192.0.2.1', 0.1],
        ['192.0.2.1/32', 0.7],
        ['192.0.2.2', null],
        ['192.0.2.3', NaN],
        ['999.0.0.1', 0.5],
      ],
    });
    expect(Array.from(index.v4Score)).toEqual([0.7]);
    expect(stats).toMatchObject({ kept: 1, replaced: 1, rejected: 3 });
    expect(stats.problems.map((p) => p.field)).toEqual(['models[0].score', 'models[0].score', 'models[0].cidr']);
  });

  it('gives a domain that appears in several records all their entries, under its normal form', () => {
    const sink = new SenderModelAccumulator();
    sink.beginDomain('Example.COM.', where());
    sink.addEntry('192.0.2.9', 0.5, where);
    sink.beginDomain('other.example', where());
    sink.addEntry('198.51.100.1', 0.5, where);
    sink.beginDomain('example.com', where());
    sink.addEntry('192.0.2.1', 0.6, where);
    const { index } = sink.finish();
    expect(index.domains).toEqual(['example.com', 'other.example']);
    expect(Array.from(index.v4Offsets)).toEqual([0, 2, 3]);
    expect(Array.from(index.v4Score.subarray(0, 2))).toEqual([0.6, 0.5]); // sorted by address
  });

  it('de-duplicates large unsorted domains through the packed sort', () => {
    const entries: Array<[string, number]> = [];
    for (let i = 0; i < 5000; i++) entries.push([`10.0.${(i * 7919) % 256}.${i % 256}`, i / 5000]);
    const { index, stats } = build({ 'big.example': entries });
    expect(stats.kept + stats.replaced).toBe(5000);
    for (let i = 1; i < index.v4Start.length; i++) expect(index.v4Start[i]).toBeGreaterThan(index.v4Start[i - 1]);
  });
});
