// A real process that runs `smw import KIND FILE --id ID --replace` again and again on one
// workspace, as an analyst's script beside the app would, until its stdin closes; then prints
// `{"imports", "failed", "errors"}` on stdout. The concurrency tests start two of these.
//
//   node --import tsx test/support/processes/import-loop.ts DATA_DIR KIND FILE ID

import { main } from '../../../main/cli/smw';

const [dataDir, kind, file, id] = process.argv.slice(2);
let stop = false;
process.stdin.on('end', () => (stop = true));
process.stdin.on('close', () => (stop = true));
process.stdin.resume();

let imports = 0;
let failed = 0;
const errors: string[] = [];
// Told once the first import is in, so the test starts its saves while imports are running.
let toldReady = false;
while (!stop) {
  let stderr = '';
  const code = await main(['import', kind, file, '--id', id, '--replace', '--data-dir', dataDir], {
    stdout: () => undefined,
    stderr: (text) => void (stderr += text),
    isTTY: false,
  });
  if (code === 0) imports++;
  else {
    failed++;
    if (errors.length < 10) errors.push(stderr.trim());
  }
  if (!toldReady) {
    toldReady = true;
    process.stderr.write('ready\n');
  }
  // Let the stdin events in between imports.
  await new Promise((resolve) => setImmediate(resolve));
}
process.stdout.write(`${JSON.stringify({ imports, failed, errors })}\n`);
