// Writes a valid reputation build of about `megabytes` MB (deterministic), as real builds
// look: one entry per domain, one to three orgs each, a risk and a few reasons.
//
//   npx tsx test/import/big-reputation.ts FILE [MEGABYTES]

import fs from 'node:fs';

const REASONS = ['low_volume', 'new_registration', 'inconsistent_volume', 'spf_fail', 'cousin_domain'];

export function writeBigReputation(file: string, megabytes: number): { entries: number; bytes: number } {
  const fd = fs.openSync(file, 'w');
  const target = megabytes * 1024 * 1024;
  let bytes = 0;
  let entries = 0;
  let seed = 1;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  let batch: string[] = ['['];
  try {
    for (let i = 0; bytes < target; i++) {
      const orgs: Record<string, unknown[]> = {};
      const n = 1 + Math.floor(next() * 3);
      for (let k = 0; k < n; k++) {
        const reasons = REASONS.filter(() => next() < 0.3);
        orgs[String(1 + Math.floor(next() * 200))] = [Math.round(next() * 10_000) / 10_000, ...reasons];
        entries++;
      }
      const text = `${i === 0 ? '' : ', '}${JSON.stringify([`domain-${i}.example`, orgs])}`;
      batch.push(text);
      bytes += text.length;
      if (batch.length >= 10_000) {
        fs.writeSync(fd, batch.join(''));
        batch = [];
      }
    }
    batch.push(']\n');
    fs.writeSync(fd, batch.join(''));
  } finally {
    fs.closeSync(fd);
  }
  return { entries, bytes: fs.statSync(file).size };
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  const [file, mb = '50'] = process.argv.slice(2);
  console.log(JSON.stringify(writeBigReputation(file, Number(mb))));
}
