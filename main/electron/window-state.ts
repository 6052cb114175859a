// The window's size, place and maximised state, remembered between runs in a small JSON file.
// Plain functions over plain data (no Electron), so the rules are unit-tested directly.

import fs from 'node:fs';
import path from 'node:path';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

export const MIN_SIZE = { width: 960, height: 600 };

/** The saved state, or `defaults` when the file is missing or not a state this version wrote. */
export function readWindowState(file: string, defaults: WindowState): WindowState {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return defaults;
  }
  if (raw === null || typeof raw !== 'object') return defaults;
  const r = raw as Record<string, unknown>;
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? Math.round(v) : undefined);
  const width = num(r.width);
  const height = num(r.height);
  if (width === undefined || height === undefined) return defaults;
  const state: WindowState = {
    width: Math.max(MIN_SIZE.width, width),
    height: Math.max(MIN_SIZE.height, height),
    maximized: r.maximized === true,
  };
  const x = num(r.x);
  const y = num(r.y);
  if (x !== undefined && y !== undefined) {
    state.x = x;
    state.y = y;
  }
  return state;
}

/**
 * Keeps the saved place only when the window's title bar would be on a display now (a monitor
 * may have been unplugged); else the OS centres it. A window larger than every display shrinks.
 */
export function fitToDisplays(state: WindowState, workAreas: Rect[]): WindowState {
  if (workAreas.length === 0) return state;
  const largest = workAreas.reduce((a, b) => (a.width * a.height >= b.width * b.height ? a : b));
  const fitted: WindowState = {
    width: Math.min(state.width, Math.max(MIN_SIZE.width, largest.width)),
    height: Math.min(state.height, Math.max(MIN_SIZE.height, largest.height)),
    maximized: state.maximized,
  };
  if (state.x === undefined || state.y === undefined) return fitted;
  // The title bar: the top 40 px of the window, at least 100 px of it inside a display.
  const bar: Rect = { x: state.x, y: state.y, width: fitted.width, height: 40 };
  const visible = workAreas.some((area) => overlap(bar, area) >= 100 * 40 || (overlap(bar, area) > 0 && bar.width < 100));
  return visible ? { ...fitted, x: state.x, y: state.y } : fitted;
}

export function writeWindowState(file: string, state: WindowState): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.tmp`;
  fs.writeFileSync(temp, `${JSON.stringify(state)}\n`);
  fs.renameSync(temp, file);
}

function overlap(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}
