// A fresh folder under the OS temp dir per test, removed afterwards.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';

const made: string[] = [];

afterEach(() => {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

export function tempDir(label = 'ws'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `smw-${label}-`));
  made.push(dir);
  return dir;
}

/** A clock that moves one second per call, from a fixed start: ordered, readable timestamps. */
export function steppingClock(start = '2026-03-01T10:00:00.000Z'): () => Date {
  let t = Date.parse(start);
  return () => {
    const d = new Date(t);
    t += 1000;
    return d;
  };
}
