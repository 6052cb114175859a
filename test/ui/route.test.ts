// The URL hash is the view's state (bookmark, copy, restore): it reads back what was written,
// and anything it cannot read is dropped, never an error.

import { describe, expect, it } from 'vitest';
import { formatRoute, parseRoute, routeFilter, type Route } from '../../renderer/app/route';
import { authenticityColumns, fitColumns } from '../../renderer/findings/columns';

describe('route in the URL hash', () => {
  it('round-trips the whole view state', () => {
    const route: Route = {
      view: 'authenticity',
      feedback: 'feedback-20260301T101500Z',
      a: 'sendermodels-2016-08-22_02:25:57',
      b: 'sendermodels-2016-08-29_02:31:12',
      cutoff: 0.275,
      org: 54,
      q: 'mailchimp 198.2',
      status: ['under-cutoff', 'uncovered-cidr'],
      tr: ['fixed', 'regressed'],
      findings: true,
      bin: { histogram: 'cidrAveraged', index: 13, build: 'B' },
      sort: { column: 'delta', direction: 'desc' },
      sel: { org: 54, domain: 'coloradocyclist.com', cidr: '198.2.138.0/24' },
    };
    const hash = formatRoute(route);
    expect(hash).toMatch(/^#\/authenticity\?feedback=/u);
    expect(parseRoute(hash)).toEqual(route);
  });

  it('keeps text org ids as text and digit ids as numbers', () => {
    expect(parseRoute('#/reputation?org=acme-eu').org).toBe('acme-eu');
    expect(parseRoute('#/reputation?org=7&sel=7%7Cshop.example').sel).toEqual({ org: 7, domain: 'shop.example' });
  });

  it('drops what it cannot read', () => {
    expect(parseRoute('#/nowhere?cutoff=2&sort=bogus:asc&bin=cidrAveraged:77&tr=sideways&sel=%7C')).toEqual({ view: 'authenticity' });
  });

  it('round-trips the sender context and its filters, and keeps "none" apart from "not said"', () => {
    const route: Route = {
      view: 'authenticity',
      ctx: 'context-20260301T101500Z',
      spf: ['pass', 'softfail'],
      fcrdns: ['not-confirmed'],
      inspf: true,
      net: { by: 'ptr', value: 'mcsv.net' },
      nby: 'as',
      sort: { column: 'ptr', direction: 'asc' },
    };
    expect(parseRoute(formatRoute(route))).toEqual(route);
    expect(parseRoute('#/authenticity?ctx=').ctx).toBeNull();
    expect(parseRoute('#/authenticity').ctx).toBeUndefined();
    expect(parseRoute('#/authenticity?spf=pass,bogus&fcrdns=maybe&net=dns:x&nby=org')).toEqual({ view: 'authenticity', spf: ['pass'] });
  });

  it('filters by the sender context only with a context chosen, in the Authenticity view', () => {
    const r = parseRoute('#/authenticity?a=x&spf=fail&inspf=1&net=as:14618');
    expect(routeFilter(r)).toEqual({});
    expect(routeFilter({ ...r, ctx: 'c' })).toEqual({ spf: ['fail'], inSpfUnderCutoff: true, network: { by: 'as', value: '14618' } });
    expect(routeFilter({ ...r, ctx: 'c', view: 'reputation' })).toEqual({});
  });

  it('filters by transition and B bins only when B is chosen', () => {
    const r = parseRoute('#/authenticity?a=x&tr=fixed&bin=individual:3:B');
    expect(routeFilter(r)).toEqual({});
    expect(routeFilter({ ...r, b: 'y' })).toEqual({ transitions: ['fixed'], bin: { histogram: 'individual', index: 3, build: 'B' } });
  });
});

describe('table columns', () => {
  it('drops the least needed columns first when the table is narrow, keeping their order', () => {
    const all = authenticityColumns(true);
    expect(fitColumns(all, 5000)).toEqual(all);
    const narrow = fitColumns(all, 820).map((c) => c.id);
    expect(narrow).toEqual(['org', 'domain', 'cidr', 'mean', 'meanB', 'delta', 'transition', 'note']);
    expect(fitColumns(all, 100).map((c) => c.id)).toEqual(['org', 'domain', 'cidr', 'mean', 'meanB', 'transition']);
  });

  it('keeps SPF and the PTR names of a sender context beside the figures before the counts', () => {
    const withContext = authenticityColumns(false, {}, true);
    expect(withContext.map((c) => c.id)).toEqual(expect.arrayContaining(['spf', 'ptr', 'fcrdns', 'asn']));
    expect(fitColumns(withContext, 950).map((c) => c.id)).toEqual(['org', 'domain', 'cidr', 'status', 'mean', 'spf', 'ptr', 'note']);
    // Narrower (the detail open): the Note outlasts them.
    expect(fitColumns(withContext, 700).map((c) => c.id)).toEqual(['org', 'domain', 'cidr', 'mean', 'spf', 'note']);
    expect(fitColumns(withContext, 600).map((c) => c.id)).toEqual(['org', 'domain', 'cidr', 'mean', 'note']);
    expect(authenticityColumns(false, {}, false).map((c) => c.id)).not.toContain('spf');
  });
});
