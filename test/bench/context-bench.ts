// A context pull against a local DNS server, against a plain concurrent resolver loop asking the
// same questions (DESIGN §8; target: the pull takes under 2× the loop):
//
//   npm run bench:context [-- --domains 10000 --addresses 50000 --concurrency 32]
//
// dnsmasq (Debian's dnsmasq-base) on 127.0.0.1 answers a seeded world: every domain publishes
// SPF (its /24, one of 20 providers' includes, some `a`/`mx`), most addresses have a PTR name
// (most forward-confirmed). The feedback has one single-address item per address. Then, in one
// run: the plain loop, the pull, the plain loop again. The loop asks exactly the (name, type)
// pairs the pull stored, `concurrency` at a time through one Node resolver, and does nothing
// with the answers; the pull also works out what to ask (check_host() over the answers so far),
// follows includes, PTR names and forward lookups in dependency order, and writes the snapshot.
// Prints both times, the ratio against the mean of the two loops, and one JSON line.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Resolver } from 'node:dns/promises';
import { parseArgs } from 'node:util';
import { importFeedbackFile } from '../../main/ingest';
import { pullContext } from '../../main/pull/context/pull-context';
import { readSenderContext } from '../../main/workspace/context-store';
import { Workspace } from '../../main/workspace/workspace';
import { formatIPv4 } from '../../shared/cidr';
import type { RRType } from '../../shared/dns-answers';
import { startDnsmasq } from '../support/servers/dns';
import { Rng } from './prng';

const { values } = parseArgs({
  options: {
    domains: { type: 'string', default: '10000' },
    addresses: { type: 'string', default: '50000' },
    concurrency: { type: 'string', default: '32' },
  },
});
const DOMAINS = Number(values.domains);
const ADDRESSES = Number(values.addresses);
const CONCURRENCY = Number(values.concurrency);
const PROVIDERS = 20;

function world(): { records: string[]; feedback: string[] } {
  const rng = new Rng(0xc0ffee);
  const records: string[] = [];
  const feedback: string[] = [];
  for (let p = 0; p < PROVIDERS; p++) records.push(`txt-record=_spf.prov${p}.bench,"v=spf1 ip4:100.${64 + p}.0.0/16 ~all"`);
  const perDomain = Math.ceil(ADDRESSES / DOMAINS);
  let made = 0;
  for (let d = 0; d < DOMAINS; d++) {
    const name = `d${d}.bench`;
    const base = (11 << 24) + d * 256; // 11.0.0.0 onwards, one /24 per domain
    const roll = rng.next();
    const terms = [`ip4:${formatIPv4(base)}/24`, `include:_spf.prov${d % PROVIDERS}.bench`];
    if (roll < 0.1) {
      terms.unshift('a', 'mx');
      records.push(`host-record=${name},${formatIPv4(base + 250)}`, `mx-host=${name},mail.${name},10`, `host-record=mail.${name},${formatIPv4(base + 251)}`);
    }
    if (roll > 0.95) records.push(`host-record=${name}.nospf,${formatIPv4(base + 252)}`);
    else records.push(`txt-record=${name},"v=spf1 ${terms.join(' ')} -all"`);
    const ips: string[] = [];
    for (let k = 0; k < perDomain && made < ADDRESSES; k++, made++) {
      const ip = formatIPv4(base + 1 + k);
      ips.push(ip);
      const kind = rng.next();
      if (kind < 0.7) records.push(`host-record=mta${k}.${name},${ip}`);
      else if (kind < 0.8) records.push(`ptr-record=${ip.split('.').reverse().join('.')}.in-addr.arpa,host-${k}.isp.bench`);
    }
    feedback.push(
      JSON.stringify({
        id: d + 1,
        suggestion: {
          input_type: 'ip_list',
          matches: [
            { field: 'domain', value: [name] },
            { field: 'ip', value: ips },
          ],
        },
        organization_id: 1 + (d % 20),
        comments: '',
        suggestion_type: 'authenticity',
      }),
    );
  }
  return { records, feedback };
}

async function plainLoop(server: string, queries: Array<[string, RRType]>): Promise<number> {
  let failed = 0;
  const resolver = new Resolver({ timeout: 2000, tries: 1 });
  resolver.setServers([server]);
  const ask = (name: string, type: RRType): Promise<unknown> => {
    switch (type) {
      case 'TXT':
        return resolver.resolveTxt(name);
      case 'A':
        return resolver.resolve4(name);
      case 'AAAA':
        return resolver.resolve6(name);
      case 'MX':
        return resolver.resolveMx(name);
      case 'PTR':
        return resolver.resolvePtr(name);
    }
  };
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < queries.length) {
        const [name, type] = queries[next++];
        await ask(name, type).catch((err: { code?: string }) => {
          if (err.code !== 'ENOTFOUND' && err.code !== 'ENODATA') failed++;
        });
      }
    }),
  );
  if (failed > 0) process.stderr.write(`plain loop: ${failed} lookups failed\n`);
  return (performance.now() - started) / 1000;
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'smw-context-bench-'));
  const { records, feedback } = world();
  const feedbackFile = path.join(dir, 'feedback.jsonl');
  fs.writeFileSync(feedbackFile, `${feedback.join('\n')}\n`);
  process.stderr.write(`world: ${DOMAINS} domains, ${ADDRESSES} addresses, ${records.length} dnsmasq records\n`);
  const dns = await startDnsmasq(records, { cacheSize: 10000 });
  const ws = Workspace.open(path.join(dir, 'ws'));
  try {
    await importFeedbackFile(ws, feedbackFile, { id: 'feedback-bench', name: 'feedback.jsonl', source: feedbackFile });
    // A first, untimed pull: warms dnsmasq and gives the questions the loop asks.
    await pullContext(ws, { dns: dns.server, id: 'context-warm', timeoutMs: 2000, tries: 1 }, { concurrency: CONCURRENCY });
    const db = ws.openSnapshot('context-warm');
    const stored = readSenderContext(db).dns;
    db.close();
    const queries = [...stored.entries()].map((a): [string, RRType] => [a.name, a.type]);
    // The loop asks them in the pull's own order of kinds: names first, then what follows from them.
    process.stderr.write(`queries: ${queries.length}\n`);

    const cpu0 = process.cpuUsage();
    const loop1 = await plainLoop(dns.server, queries);
    const cpuLoop = process.cpuUsage(cpu0);
    process.stderr.write(`plain loop CPU: ${((cpuLoop.user + cpuLoop.system) / 1e6).toFixed(2)} s\n`);
    process.stderr.write(`plain loop: ${loop1.toFixed(2)} s\n`);
    const started = performance.now();
    const report = await pullContext(ws, { dns: dns.server, id: 'context-bench', timeoutMs: 2000, tries: 1 }, { concurrency: CONCURRENCY });
    const pull = (performance.now() - started) / 1000;
    const cpuPull = process.cpuUsage(cpu0);
    process.stderr.write(`pull CPU: ${((cpuPull.user + cpuPull.system - cpuLoop.user - cpuLoop.system) / 1e6).toFixed(2)} s\n`);
    process.stderr.write(`pull: ${pull.toFixed(2)} s (${report.lookups} lookups, ${report.failed} failed)\n`);
    for (const p of report.problems.slice(0, 5)) process.stderr.write(`  ${p.field} ${p.value}: ${p.reason}\n`);
    const loop2 = await plainLoop(dns.server, queries);
    process.stderr.write(`plain loop again: ${loop2.toFixed(2)} s\n`);

    const loop = (loop1 + loop2) / 2;
    const ratio = pull / loop;
    const lines = [
      `| what | seconds | lookups/s |`,
      `|---|---|---|`,
      `| plain resolver loop (mean of 2) | ${loop.toFixed(2)} | ${Math.round(queries.length / loop)} |`,
      `| smw pull context | ${pull.toFixed(2)} | ${Math.round(report.lookups / pull)} |`,
      ``,
      `ratio pull / loop: ${ratio.toFixed(2)} (target < 2) ${ratio < 2 ? 'met' : 'MISSED'}`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    process.stdout.write(
      `${JSON.stringify({ domains: DOMAINS, addresses: ADDRESSES, concurrency: CONCURRENCY, lookups: report.lookups, failed: report.failed, loopSeconds: +loop.toFixed(3), pullSeconds: +pull.toFixed(3), ratio: +ratio.toFixed(3) })}\n`,
    );
  } finally {
    ws.close();
    await dns.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
