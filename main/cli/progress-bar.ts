// One progress line on stderr, redrawn in place, only when stderr is a terminal: `smw pull`
// and `smw import` draw the same bar.

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

export class ProgressBar {
  private shown = false;
  private lastDrawn = 0;
  constructor(private readonly io: CliIo) {}

  show(label: string, p: BarProgress, kind: string): void {
    if (!this.io.isTTY || p.phase === 'done') return;
    // A terminal redraw per progress event would cost more than the import's own work.
    const now = Date.now();
    if (now - this.lastDrawn < 100 && p.phase !== 'saving') return;
    this.lastDrawn = now;
    const parts: string[] = [];
    if (p.phase === 'connecting') {
      parts.push('connecting…');
    } else if (p.bytesTotal) {
      const share = Math.min(1, p.bytesDone / p.bytesTotal);
      const width = 24;
      const filled = Math.round(share * width);
      parts.push(`[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(Math.floor(share * 100)).padStart(3)}%`);
      parts.push(`${formatSize(p.bytesDone)} / ${formatSize(p.bytesTotal)}`);
      if (p.bytesPerSecond) parts.push(`${formatSize(p.bytesPerSecond)}/s`);
    }
    if (p.rowsDone > 0) parts.push(`${p.rowsDone.toLocaleString('en-US')} ${kind === 'feedback' ? 'rows' : 'entries'}`);
    if (kind === 'feedback' && p.rowsPerSecond) parts.push(`${Math.round(p.rowsPerSecond).toLocaleString('en-US')} rows/s`);
    if (p.phase === 'saving') parts.push('saving…');
    if (p.resumes) parts.push(`(resumed ${p.resumes}×)`);
    this.io.stderr(`\r\x1b[K${shorten(label, 50)}  ${parts.join('  ')}`);
    this.shown = true;
  }

  clear(): void {
    if (this.shown) this.io.stderr('\r\x1b[K');
    this.shown = false;
  }
}

function shorten(text: string, max: number): string {
  return text.length <= max ? text : `…${text.slice(text.length - max + 1)}`;
}
