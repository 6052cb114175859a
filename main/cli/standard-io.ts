// The process's stdout and stderr as the CLI writes them. Reports can be gigabytes (DESIGN §6):
// a write that the stream cannot take at once is awaited until it drains, so memory stays flat;
// a reader that goes away (`| head`) ends the output quietly instead of an EPIPE stack trace.

import type { CliIo } from './cli-error';

export function standardIo(stdout: NodeJS.WriteStream = process.stdout, stderr: NodeJS.WriteStream = process.stderr): CliIo {
  let closed = false;
  let waiting: (() => void) | null = null;
  const release = () => {
    const resolve = waiting;
    waiting = null;
    resolve?.();
  };
  stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') {
      stderr.write(`smw: cannot write the output: ${error.message}\n`);
      process.exitCode = 1;
    }
    closed = true;
    release();
  });
  stdout.on('close', () => {
    closed = true;
    release();
  });
  stdout.on('drain', release);
  return {
    stdout(text) {
      if (closed) return;
      if (stdout.write(text)) return;
      return new Promise<void>((resolve) => {
        waiting = resolve;
        if (closed) release();
      });
    },
    stderr: (text) => void stderr.write(text),
    isTTY: Boolean(stderr.isTTY),
    stdoutClosed: () => closed || stdout.destroyed,
  };
}
