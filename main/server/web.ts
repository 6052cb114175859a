// `npm run web -- [--data-dir DIR] [--port N] [--no-open]`: browser mode on this machine.

import { parseArgs } from 'node:util';
import { runBrowserMode } from './browser-mode';

const USAGE = 'usage: npm run web -- [--data-dir DIR] [--port N] [--no-open]';

export async function main(argv: string[]): Promise<number> {
  let values: { 'data-dir'?: string; port?: string; 'no-open'?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        'data-dir': { type: 'string' },
        port: { type: 'string' },
        'no-open': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n${USAGE}\n`);
    return 1;
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\nServes the app on http://127.0.0.1 with a one-time token and prints the link to open.\n`);
    return 0;
  }
  let port: number | undefined;
  if (values.port !== undefined) {
    port = Number(values.port);
    if (!/^\d+$/u.test(values.port) || port < 1 || port > 65535) {
      process.stderr.write(`--port must be a number from 1 to 65535, got '${values.port}'\n`);
      return 1;
    }
  }
  try {
    const mode = await runBrowserMode({ dataDir: values['data-dir'], port, open: !values['no-open'] });
    await new Promise<void>((resolve) => {
      const stop = (signal: NodeJS.Signals) => {
        process.stderr.write(`\n${signal}: stopping browser mode…\n`);
        void mode.stop().then(resolve);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    return 0;
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    const message = e.code === 'EADDRINUSE' ? `port ${port} is in use; pick another with --port, or leave --port out for a free one` : e.message;
    process.stderr.write(`smw web: ${message}\n`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
