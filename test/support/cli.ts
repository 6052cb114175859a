// Runs `smw` in-process with captured output, or as a real child process.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../../main/cli/smw';

export const projectRoot = fileURLToPath(new URL('../../', import.meta.url));

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function smw(...argv: string[]): Promise<CliRun> {
  const out: Buffer[] = [];
  let stderr = '';
  const code = await main(argv, { stdout: (t) => void out.push(Buffer.from(t)), stderr: (t) => void (stderr += t), isTTY: false });
  return { code, stdout: Buffer.concat(out).toString('utf8'), stderr };
}

/** The real binary, as a user runs it: `node bin/smw.mjs …`. */
export function smwProcess(args: string[], env: Record<string, string> = {}): CliRun {
  const result = spawnSync(process.execPath, [path.join(projectRoot, 'bin/smw.mjs'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    cwd: projectRoot,
    // A report with every match is many megabytes (spawnSync's default keeps 1 MB).
    maxBuffer: 1 << 30,
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

export function tempDir(prefix = 'smw-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export const golden = (name: string) => path.join(projectRoot, 'test/fixtures/golden', name);

/** A workspace with the golden examples imported under the ids of golden/README.md. */
export async function goldenWorkspace(): Promise<string> {
  const dir = tempDir();
  for (const [kind, file, id] of [
    ['sender-model', 'sendermodels-1.avro', 'sendermodels-1'],
    ['sender-model', 'sendermodels-2.avro', 'sendermodels-2'],
    ['reputation', 'reputation-1.json', 'reputation-1'],
    ['reputation', 'reputation-2.json', 'reputation-2'],
    ['feedback', 'feedback.jsonl', 'feedback'],
  ]) {
    const run = await smw('import', kind, golden(file), '--id', id, '--data-dir', dir);
    if (run.code !== 0) throw new Error(`import ${file} failed: ${run.stderr}`);
  }
  return dir;
}
