// Problems an import reports (DESIGN §3.3, §6): the value each one quotes is at most 100
// characters, so a bad line of a 1 MB row, or an import of a file that is not ours at all,
// never echoes its content back; and an import keeps the first MAX_KEPT_PROBLEMS of them, so
// a build that is bad from end to end still reads in flat memory (the rest are counted).

import type { Problem } from './types';

export const MAX_PROBLEM_VALUE = 100;
export const MAX_KEPT_PROBLEMS = 10_000;

/** Strings as they are, other values as their JSON text; cut to MAX_PROBLEM_VALUE with `…`. */
export function problemValue(value: unknown): string {
  return cutText(valueText(value), MAX_PROBLEM_VALUE);
}

/** `text` cut to at most `max` UTF-16 units, ending in `…` when cut, never inside a surrogate pair. */
export function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return `${text.slice(0, end)}…`;
}

function valueText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return '';
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    // Cycles, or nesting too deep to write out: say what it is instead.
    return Array.isArray(value) ? '[…]' : typeof value === 'object' && value !== null ? '{…}' : String(value);
  }
}

/** The problems of one import: the first MAX_KEPT_PROBLEMS kept, the rest counted. */
export class ProblemList {
  readonly kept: Problem[] = [];
  dropped = 0;

  constructor(private readonly max = MAX_KEPT_PROBLEMS) {}

  /** Adds one problem; its value is cut here, whatever the caller passed. */
  add(problem: Problem): void {
    if (this.kept.length >= this.max) {
      this.dropped++;
      return;
    }
    this.kept.push({ ...problem, value: cutText(problem.value, MAX_PROBLEM_VALUE) });
  }

  get total(): number {
    return this.kept.length + this.dropped;
  }
}
