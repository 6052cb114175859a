// Browser mode end to end: the core worker on a workspace (the demo imported on first start),
// the HTTP server on 127.0.0.1, the one Open line, the system browser, and a clean shutdown.

import fs from 'node:fs';
import path from 'node:path';
import { CoreClient } from '../core/worker/core-client';
import { resolveDataDir } from '../workspace/data-dir';
import { openBrowser } from './open-browser';
import { DEFAULT_RENDERER_OUT, ensureRendererBuilt, PROJECT_ROOT } from './renderer-build';
import { startServer, type RunningServer } from './server';

export interface BrowserModeOptions {
  dataDir?: string;
  port?: number;
  open?: boolean;
  /** A built UI to serve as it is; default out/renderer/, built first when missing or stale. */
  rendererDir?: string;
  /** Where progress lines go (default stderr). */
  log?: (line: string) => void;
  /** Where the Open line goes (default stdout). */
  print?: (line: string) => void;
}

export interface BrowserMode {
  server: RunningServer;
  client: CoreClient;
  dataDir: string;
  stop(): Promise<void>;
}

export function packageVersion(): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version?: string };
  return pkg.version ?? '0.0.0';
}

export async function runBrowserMode(options: BrowserModeOptions = {}): Promise<BrowserMode> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const dataDir = resolveDataDir(options.dataDir);
  // SMW_RENDERER_DIR: serve a UI built elsewhere (tests build theirs into a temp folder).
  const given = options.rendererDir ?? nonEmpty(process.env.SMW_RENDERER_DIR);
  const rendererDir = given ?? DEFAULT_RENDERER_OUT;
  if (!given) await ensureRendererBuilt(rendererDir, log);

  const { client, fresh } = await CoreClient.start({ dataDir, mode: 'browser', keychain: false, version: packageVersion() });
  let server: RunningServer | undefined;
  try {
    // Listen first: a port in use fails now, not after the demo import.
    server = await startServer({
      call: (method, args) => client.call(method, args),
      onEvent: (listener) => client.onEvent(listener),
      rendererDir,
      dataDir,
      port: options.port,
    });
    if (fresh) {
      log(`First start: importing the demo workspace into ${dataDir}…`);
      const seeded = await client.call('loadDemo', {});
      // Not fatal: the app still opens, on an empty workspace, and can import files.
      if (seeded.ok) log(`Imported the demo snapshots: ${(seeded.value as { imported: string[] }).imported.join(', ')}.`);
      else log(`The demo workspace could not be imported (${seeded.error}); starting with an empty workspace.`);
    }
  } catch (err) {
    await server?.close();
    await client.close();
    throw err;
  }
  const running = server;
  (options.print ?? ((line: string) => process.stdout.write(`${line}\n`)))(`Open ${running.openUrl}`);
  if (options.open !== false && !(await openBrowser(running.openUrl))) {
    log('Could not start a web browser here; open the link above yourself.');
  }
  let stopping: Promise<void> | null = null;
  return {
    server: running,
    client,
    dataDir,
    stop: () => (stopping ??= running.close().then(() => client.close())),
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value !== undefined && value.trim() !== '' ? value : undefined;
}
