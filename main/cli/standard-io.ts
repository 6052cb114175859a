// The process's stdout and stderr as the CLI writes them. Reports can be gigabytes (DESIGN §6):
// each write is awaited until the stream is done with it, so memory stays flat (and a report
// may reuse its chunk's buffer); a reader that goes away (`| head`) ends the output quietly
// instead of an EPIPE stack trace.

import type { CliIo } from './cli-error';

export function standardIo(stdout: NodeJS.WriteStream = process.stdout, stderr: NodeJS.WriteStream = process.stderr): CliIo {
  let closed = false;
  const pending = new Set<() => void>();
  const close = () => {
    closed = true;
    for (const resolve of pending) resolve();
    pending.clear();
  };
  stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') {
      stderr.write(`smw: cannot write the output: ${error.message}\n`);
      process.exitCode = 1;
    }
    close();
  });
  stdout.on('close', close);
  return {
    stdout(data) {
      if (closed || stdout.destroyed) return;
      return new Promise<void>((resolve) => {
        const done = () => {
          pending.delete(done);
          resolve();
        };
        pending.add(done);
        stdout.write(data, done);
      });
    },
    stderr: (text) => void stderr.write(text),
    isTTY: Boolean(stderr.isTTY),
    stdoutClosed: () => closed || stdout.destroyed,
  };
}
