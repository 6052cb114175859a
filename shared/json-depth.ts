// How deep JSON nests, found without recursion: a row nested deeper than the limit is rejected
// before anything recursive (JSON.stringify, a walk of its fields) can overflow the stack.

import { MAX_JSON_DEPTH } from './json-array-stream';

export { MAX_JSON_DEPTH };

/** Whether JSON text opens more than `max` arrays and objects inside one another. */
export function textNestingExceeds(text: string, max = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

/** Whether a parsed value holds more than `max` arrays and objects inside one another. */
export function valueNestingExceeds(value: unknown, max = MAX_JSON_DEPTH): boolean {
  const stack: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  while (stack.length > 0) {
    const top = stack.pop()!;
    if (top.value === null || typeof top.value !== 'object') continue;
    const depth = top.depth + 1;
    if (depth > max) return true;
    for (const child of Array.isArray(top.value) ? top.value : Object.values(top.value as object)) {
      if (child !== null && typeof child === 'object') stack.push({ value: child, depth });
    }
  }
  return false;
}
