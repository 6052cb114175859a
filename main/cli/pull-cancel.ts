// Ctrl-C during `smw pull` (every kind): the first cancels the pull, which saves nothing; a
// second stops the process at once. Tests pass a signal instead.

import type { CliIo } from './cli-error';

/** Listens for Ctrl-C (and `signal`) until `dispose()`; `signal` aborts on either. */
export function cancelOnSigint(io: CliIo, signal: AbortSignal | undefined): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController();
  const onSigint = () => {
    if (controller.signal.aborted) process.exit(130); // a second Ctrl-C: stop now
    io.stderr(`${io.isTTY ? '\r\x1b[K' : ''}smw: cancelling the pull…\n`);
    controller.abort();
  };
  // A signal that fired before we got here would never call the listener.
  if (signal?.aborted) controller.abort();
  else signal?.addEventListener('abort', () => controller.abort(), { once: true });
  process.on('SIGINT', onSigint);
  return { signal: controller.signal, dispose: () => process.off('SIGINT', onSigint) };
}
