// One pull at a time per source in this process: a second pull of the same S3 object or the
// same PostgreSQL table waits for nobody, it fails at once and says which pull is running.
// (Two processes pulling into one workspace are kept apart by the registry's write lock.)

import { PullError } from './errors';

const running = new Map<string, string>();

/** Takes the source; the returned function gives it back (idempotent). */
export function acquireSource(sourceKey: string, what: string): () => void {
  const current = running.get(sourceKey);
  if (current !== undefined) {
    throw new PullError('busy', `${current} is already running; wait for it to finish or cancel it, then pull again`);
  }
  running.set(sourceKey, what);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    running.delete(sourceKey);
  };
}

export function isSourceBusy(sourceKey: string): boolean {
  return running.has(sourceKey);
}
