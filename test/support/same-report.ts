import { expect } from 'vitest';

/** Same keys, same order of arrays, numbers within 1e-9 (the golden contract). */
export function expectSameReport(actual: unknown, expected: unknown, path = '$'): void {
  if (typeof expected === 'number' && typeof actual === 'number') {
    if (Math.abs(actual - expected) > 1e-9) expect.fail(`${path}: ${actual} is not within 1e-9 of ${expected}`);
    return;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) expect.fail(`${path}: expected an array, got ${JSON.stringify(actual)}`);
    if (actual.length !== expected.length)
      expect.fail(`${path}: ${actual.length} elements, expected ${expected.length}: ${JSON.stringify(actual).slice(0, 400)}`);
    expected.forEach((e, i) => expectSameReport(actual[i], e, `${path}[${i}]`));
    return;
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object') expect.fail(`${path}: expected an object, got ${JSON.stringify(actual)}`);
    const a = actual as Record<string, unknown>;
    const e = expected as Record<string, unknown>;
    expect(Object.keys(a).sort(), `${path} keys`).toEqual(Object.keys(e).sort());
    for (const key of Object.keys(e)) expectSameReport(a[key], e[key], `${path}.${key}`);
    return;
  }
  if (actual !== expected) expect.fail(`${path}: ${JSON.stringify(actual)} !== ${JSON.stringify(expected)}`);
}
