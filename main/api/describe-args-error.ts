// Turns zod's issues into one line an analyst (or a test) can read: the argument's path, then
// what is expected — `cutoff: must be at most 1`, `filter.bin.index: must be a whole number`.

import type { z } from 'zod';

type Issue = z.core.$ZodIssue;

const MAX_ISSUES = 3;

export function describeArgsError(error: z.ZodError, args: unknown): string {
  const lines = error.issues.slice(0, MAX_ISSUES).map((issue) => `${pathText(issue.path)}: ${describeIssue(issue, args)}`);
  const more = error.issues.length - MAX_ISSUES;
  return more > 0 ? `${lines.join('; ')} (and ${more} more)` : lines.join('; ');
}

function pathText(path: readonly PropertyKey[]): string {
  if (path.length === 0) return 'arguments';
  return path.reduce<string>((acc, part) => {
    if (typeof part === 'number') return `${acc}[${part}]`;
    return acc === '' ? String(part) : `${acc}.${String(part)}`;
  }, '');
}

function describeIssue(issue: Issue, args: unknown): string {
  switch (issue.code) {
    case 'invalid_type': {
      const given = valueAt(args, issue.path);
      if (given === undefined) return 'is required';
      return `must be ${typeName(issue.expected)} (got ${describeValue(given)})`;
    }
    case 'too_big':
      return bound('most', issue.origin, issue.maximum, issue.inclusive ?? true);
    case 'too_small':
      if (issue.origin === 'string' && Number(issue.minimum) === 1) return 'must not be empty';
      if (issue.origin === 'array' && Number(issue.minimum) === 1) return 'must not be an empty list';
      return bound('least', issue.origin, issue.minimum, issue.inclusive ?? true);
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_format':
      if (issue.format === 'url') return 'must be a URL like https://example.com';
      // Schemas in shared/api.ts give their own wording; zod's default names a regex.
      return issue.message.startsWith('Invalid') ? `is not in the expected form (${issue.format})` : issue.message;
    case 'invalid_union': {
      const options = issue.errors
        .map((alternative) => alternative[0])
        .filter((first): first is Issue => first !== undefined)
        .map((first) =>
          describeIssue({ ...first, path: issue.path } as Issue, args)
            .replace(/^must be /u, '')
            .replace(/ \(got .*\)$/u, ''),
        );
      const given = valueAt(args, issue.path);
      return options.length > 0
        ? `must be ${[...new Set(options)].join(' or ')} (got ${describeValue(given)})`
        : `does not have an accepted form (got ${describeValue(given)})`;
    }
    case 'unrecognized_keys':
      return `unknown argument${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `'${k}'`).join(', ')}`;
    case 'not_multiple_of':
      return `must be a multiple of ${String(issue.divisor)}`;
    default:
      return issue.message;
  }
}

function bound(word: 'most' | 'least', origin: string, limit: number | bigint, inclusive: boolean): string {
  const n = String(limit);
  switch (origin) {
    case 'string':
      return `must be at ${word} ${n} characters long`;
    case 'array':
    case 'set':
      return `must have at ${word} ${n} items`;
    default:
      if (inclusive) return `must be at ${word} ${n}`;
      return `must be ${word === 'most' ? 'less' : 'more'} than ${n}`;
  }
}

function typeName(expected: string): string {
  switch (expected) {
    case 'int':
      return 'a whole number';
    case 'number':
      return 'a number';
    case 'string':
      return 'text';
    case 'boolean':
      return 'true or false';
    case 'object':
      return 'an object';
    case 'array':
      return 'a list';
    default:
      return expected;
  }
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'string':
      return value.length > 40 ? `text "${value.slice(0, 40)}…"` : `"${value}"`;
    case 'number':
    case 'boolean':
      return String(value);
    case 'undefined':
      return 'nothing';
    default:
      return typeof value === 'object' ? 'an object' : typeof value;
  }
}
