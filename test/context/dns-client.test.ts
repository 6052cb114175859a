// The context pull's DNS client on its own: answers mapped to ok / NXDOMAIN / no data / failed,
// our own per-try deadline, and the breaker that stops asking a server that stopped answering.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DnsClient } from '../../main/pull/context/dns-client';
import { startDnsmasq, startSilentDns, type TestDns } from '../support/servers/dns';

let dnsmasq: TestDns;
beforeAll(async () => {
  dnsmasq = await startDnsmasq(['txt-record=a.example,"v=spf1"," -all"', 'host-record=h.a.example,192.0.2.1,2001:db8::1', 'mx-host=a.example,h.a.example,5']);
});
afterAll(async () => dnsmasq?.stop());

describe('DnsClient', () => {
  it('maps answers: records, NXDOMAIN, no data', async () => {
    const client = new DnsClient({ server: dnsmasq.server, timeoutMs: 1000, tries: 1 });
    expect(await client.lookup('a.example', 'TXT')).toEqual({ status: 'ok', records: [['v=spf1', ' -all']] });
    expect(await client.lookup('a.example', 'MX')).toEqual({ status: 'ok', records: [{ priority: 5, exchange: 'h.a.example' }] });
    expect(await client.lookup('h.a.example', 'AAAA')).toEqual({ status: 'ok', records: ['2001:db8::1'] });
    expect(await client.lookup('1.2.0.192.in-addr.arpa', 'PTR')).toEqual({ status: 'ok', records: ['h.a.example'] });
    expect(await client.lookup('nope.example', 'A')).toEqual({ status: 'nxdomain' });
    expect(await client.lookup('a.example', 'A')).toEqual({ status: 'nodata' });
    expect(client.stats).toEqual({ lookups: 6, failed: 0, notAsked: 0, stoppedAnswering: null });
    expect(client.servers).toEqual([dnsmasq.server]);
  });

  it('stops asking a server after a run of timeouts, and says so', async () => {
    const silent = await startSilentDns();
    try {
      const client = new DnsClient({ server: silent.server, timeoutMs: 100, tries: 1, concurrency: 4 });
      const answers = await Promise.all(Array.from({ length: 100 }, (_, i) => client.lookup(`n${i}.example`, 'A')));
      expect(answers.every((a) => a.status === 'failed')).toBe(true);
      expect(client.stats.stoppedAnswering).toMatch(/^127\.0\.0\.1:\d+ stopped answering \(16 lookups in a row timed out\)$/);
      expect(client.stats.notAsked).toBeGreaterThan(50);
      expect(silent.queries()).toBe(100 - client.stats.notAsked);
      expect(answers.at(-1)).toEqual({ status: 'failed', error: `not asked: ${client.stats.stoppedAnswering}` });
      expect(answers[0]).toEqual({ status: 'failed', error: 'timed out (1 try of 100 ms)' });
    } finally {
      await silent.stop();
    }
  });

  it('ends the lookup under way and rejects what is queued when the pull is cancelled', async () => {
    const silent = await startSilentDns();
    try {
      const controller = new AbortController();
      const client = new DnsClient({ server: silent.server, timeoutMs: 5000, tries: 1, concurrency: 1, signal: controller.signal });
      const first = client.lookup('a.example', 'A');
      const queued = client.lookup('b.example', 'A');
      // Cancel once the first query is on the wire: it must not wait for its 5 s deadline.
      await new Promise<void>((resolve) => {
        const poll = () => (silent.queries() > 0 ? resolve() : setImmediate(poll));
        poll();
      });
      controller.abort();
      await expect(queued).rejects.toThrow(/cancelled/);
      await expect(first).rejects.toThrow(/cancelled/);
    } finally {
      await silent.stop();
    }
  });
});
