// One `smw` command as a user runs it, measured from inside: the CLI's main() with stdout to a
// file (or nowhere), then one JSON line on stdout with its wall time and the process's own peak
// RSS (VmHWM: resourceUsage().maxRSS would carry the bench parent's over the exec).
//
//   node --import tsx test/bench/heavy/measured-smw.ts OUT_FILE|- -- smw arguments…

import fs from 'node:fs';
import { main } from '../../../main/cli/smw';
import { standardIo } from '../../../main/cli/standard-io';
import { peakRssMB } from '../ingest';

const [out, dashes, ...argv] = process.argv.slice(2);
if (dashes !== '--') throw new Error('usage: measured-smw.ts OUT_FILE|- -- ARGS…');
const started = performance.now();
const stream = fs.createWriteStream(out === '-' ? '/dev/null' : out) as unknown as NodeJS.WriteStream;
let stderr = '';
const io = { ...standardIo(stream, process.stderr), stderr: (t: string) => void (stderr += t) };
const code = await main(argv, io);
await new Promise<void>((resolve) => stream.end(resolve));
const ms = performance.now() - started;
const bytes = out === '-' ? 0 : fs.statSync(out).size;
process.stdout.write(`${JSON.stringify({ code, ms, bytes, maxRssMB: peakRssMB(), stderr: stderr.slice(0, 2000) })}\n`);
