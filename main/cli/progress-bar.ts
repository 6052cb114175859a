// One progress line on stderr, redrawn in place, only when stderr is a terminal: `smw pull`
// and `smw import` draw the same bar; `smw pull context` draws its own on the same line.

import { formatSize } from '../pull/errors';
import type { CliIo } from './cli-error';

export interface BarProgress {
  phase?: 'connecting' | 'transferring' | 'saving' | 'done';
  bytesDone: number;
  bytesTotal?: number | null;
  rowsDone: number;
  bytesPerSecond?: number | null;
  rowsPerSecond?: number | null;
  resumes?: number;
}

/**
 * One line on stderr, redrawn in place when stderr is a terminal, at most every 100 ms unless
 * `force`: a terminal redraw per progress event would cost more than the import's own work.
 */
export class TerminalLine {
  private shown = false;
  private lastDrawn = 0;
  constructor(protected readonly io: CliIo) {}

  /** Whether to draw now; when it says yes, draw. */
  protected due(force: boolean): boolean {
    if (!this.io.isTTY) return false;
    const now = Date.now();
    if (now - this.lastDrawn < 100 && !force) return false;
    this.lastDrawn = now;
    return true;
  }

  protected draw(text: string): void {
    this.io.stderr(`\r\x1b[K${text}`);
    this.shown = true;
  }

  clear(): void {
    if (this.shown) this.io.stderr('\r\x1b[K');
    this.shown = false;
  }
}

/** `[####------]`, `share` of it filled. */
export function gauge(share: number, width = 24): string {
  const filled = Math.round(share * width);
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}]`;
}

export class ProgressBar extends TerminalLine {
  show(label: string, p: BarProgress, kind: string): void {
    if (p.phase === 'done' || !this.due(p.phase === 'saving')) return;
    const parts: string[] = [];
    if (p.phase === 'connecting') {
      parts.push('connecting…');
    } else if (p.bytesTotal) {
      const share = Math.min(1, p.bytesDone / p.bytesTotal);
      parts.push(`${gauge(share)} ${String(Math.floor(share * 100)).padStart(3)}%`);
      parts.push(`${formatSize(p.bytesDone)} / ${formatSize(p.bytesTotal)}`);
      if (p.bytesPerSecond) parts.push(`${formatSize(p.bytesPerSecond)}/s`);
    }
    if (p.rowsDone > 0) parts.push(`${p.rowsDone.toLocaleString('en-US')} ${kind === 'feedback' ? 'rows' : 'entries'}`);
    if (kind === 'feedback' && p.rowsPerSecond) parts.push(`${Math.round(p.rowsPerSecond).toLocaleString('en-US')} rows/s`);
    if (p.phase === 'saving') parts.push('saving…');
    if (p.resumes) parts.push(`(resumed ${p.resumes}×)`);
    this.draw(`${shorten(label, 50)}  ${parts.join('  ')}`);
  }
}

function shorten(text: string, max: number): string {
  return text.length <= max ? text : `…${text.slice(text.length - max + 1)}`;
}
