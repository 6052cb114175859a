// Real child processes for the concurrency and crash tests: started with tsx from the
// sources, waited on by the lines they print, and ended by their own pid only.

import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface Child {
  process: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves when stderr (or stdout) has a line matching `pattern`; rejects if the child exits first. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
}

/** `node --import tsx SCRIPT ARGS…` in the project folder. */
export function startTsx(script: string, args: string[], env: Record<string, string> = {}): Child {
  return startNode(['--import', 'tsx', script, ...args], env);
}

/** `smw ARGS…` as a user runs it: `node bin/smw.mjs ARGS…`. */
export function startSmw(args: string[], env: Record<string, string> = {}): Child {
  return startNode(['bin/smw.mjs', ...args], env);
}

function startNode(argv: string[], env: Record<string, string>): Child {
  // Without vitest's NODE_ENV=test, as a user runs it.
  const { NODE_ENV: _testEnv, ...parentEnv } = process.env;
  const child = spawn(process.execPath, argv, {
    cwd: PROJECT_ROOT,
    env: { ...parentEnv, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const waiters = new Set<() => void>();
  const wake = () => waiters.forEach((w) => w());
  child.stdout!.on('data', (c: Buffer) => {
    out += c.toString();
    wake();
  });
  child.stderr!.on('data', (c: Buffer) => {
    err += c.toString();
    wake();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  void exited.then(wake);
  return {
    process: child,
    stdout: () => out,
    stderr: () => err,
    exited,
    waitFor(pattern, timeoutMs = 120_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => done(new Error(`no line matching ${pattern} within ${timeoutMs} ms:\n${err}${out}`)), timeoutMs);
        const check = () => {
          const match = pattern.exec(err) ?? pattern.exec(out);
          if (match) return done(null, match);
          if (child.exitCode !== null || child.signalCode !== null)
            done(new Error(`the process exited (${child.exitCode ?? child.signalCode}) before printing ${pattern}:\n${err}${out}`));
        };
        const done = (error: Error | null, match?: RegExpExecArray) => {
          clearTimeout(timer);
          waiters.delete(check);
          if (error) reject(error);
          else resolve(match!);
        };
        waiters.add(check);
        check();
      });
    },
  };
}

/** Ends a child of ours by its pid and waits for it. */
export async function stopChild(child: Child, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.process.exitCode !== null || child.process.signalCode !== null) return;
  child.process.kill(signal);
  await child.exited;
}

export interface BrowserModeProcess {
  child: Child;
  /** The Open line's link. */
  url: string;
  origin: string;
  token: string;
}

/**
 * `npm run web -- --data-dir DIR --port N --no-open` as a real process, serving `rendererDir`
 * as its UI (a stand-in page is enough for API tests); resolves once its Open line is printed.
 */
export async function startBrowserMode(dataDir: string, rendererDir: string, port?: number): Promise<BrowserModeProcess> {
  const args = ['--data-dir', dataDir, '--no-open', ...(port !== undefined ? ['--port', String(port)] : [])];
  const child = startTsx('main/server/web.ts', args, { SMW_RENDERER_DIR: rendererDir });
  const [, url] = await child.waitFor(/Open (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/u);
  const parsed = new URL(url);
  return { child, url, origin: parsed.origin, token: parsed.searchParams.get('token') ?? '' };
}

/** A folder with a stand-in index.html, for servers whose UI a test does not look at. */
export function standInRenderer(dir: string): string {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>stand-in</title>');
  return dir;
}
