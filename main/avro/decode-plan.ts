// The writer schema compiled, once per file, into what the record decoder does with each field:
// which of the two sender-model layouts (DESIGN §3.1) the file has, which field of each record
// is the version, the threshold, the models, the domain, the entries, the cidr and the score —
// found by name, whatever the records and namespaces are called — how each is encoded (a union
// with null in either order, at any level: field, array, array item; int, long, float or double
// numbers), and a skipper for every other field.
//
// `fast` marks the entry shapes that real writers produce — `{cidr, score}` in that order, each
// plain or behind a two-branch union with null, the item too, a double or float score — which
// the decoder runs through a tight loop that checks each union's branch byte inline.

import { describeType, type AvroType, type RecordType } from './schema';
import { SkipperCompiler, type Skipper } from './skip';

/** Value kinds of the scalar fields we read. */
export const K_NULL = 0;
export const K_STRING = 1;
export const K_DOUBLE = 2;
export const K_FLOAT = 3;
export const K_INT = 4;
export const K_LONG = 5;

const KIND_OF: Record<string, number> = { null: K_NULL, string: K_STRING, double: K_DOUBLE, float: K_FLOAT, int: K_INT, long: K_LONG };

/** How one scalar field is encoded: one kind, or a union whose branch index picks the kind. */
export interface ScalarPlan {
  union: boolean;
  /** The kind of each union branch (one element when not a union). */
  kinds: number[];
}

/**
 * A value that may sit behind a union with null (`["null", T]`, `[T, "null"]`, or `[T]`).
 * Union branch indexes are zig-zag varints, so index 0 is the byte 0 and index 1 the byte 2:
 * `valueTag` is the value's byte (-1 when there is no union).
 */
export interface OptionalPlan {
  union: boolean;
  /** Number of union branches (0 when not a union). */
  branches: number;
  valueIndex: number;
  nullIndex: number;
  valueTag: number;
}

/** A value not in a union. */
export const PLAIN: OptionalPlan = { union: false, branches: 0, valueIndex: -1, nullIndex: -1, valueTag: -1 };

/** An array of records, itself and its items each perhaps behind a union with null. */
export interface ArrayPlan<T> {
  /** The array field: a null array counts as empty. */
  array: OptionalPlan;
  /** Each item: a null item drops that item (reported). */
  item: OptionalPlan;
  record: T;
}

/** What the decoder does with one field of a record, in writer order. */
export const OP_SKIP = 0;
export const OP_VERSION = 1;
export const OP_THRESHOLD = 2;
export const OP_MODELS = 3;
export const OP_DOMAIN = 4;
export const OP_CIDRS = 5;
export const OP_CIDR = 6;
export const OP_SCORE = 7;

export interface FieldPlan {
  ops: number[];
  /** The skipper of each OP_SKIP field (null for the others). */
  skips: (Skipper | null)[];
}

export interface EntryPlan extends FieldPlan {
  cidr: ScalarPlan;
  score: ScalarPlan;
  /**
   * Exactly `{cidr, score}` in that order, the cidr a string and the score a double or float,
   * each plain or behind a two-branch union with null: the decoder's fast loop.
   */
  fast: boolean;
  /** For the fast loop: the branch byte of a present cidr / score (-1: not a union). */
  cidrTag: number;
  scoreTag: number;
  /** For the fast loop: 8 for a double score, 4 for a float. */
  scoreWidth: number;
}

export interface ModelPlan extends FieldPlan {
  domain: ScalarPlan;
  cidrs: ArrayPlan<EntryPlan>;
  /**
   * When the schema puts `cidrs` before `domain`, the decoder first skips ahead to read the
   * domain (the sink needs it before the entries): the index of the domain field, else -1.
   */
  lookAheadTo: number;
  /** Skips the whole `cidrs` field (used only when looking ahead). */
  skipCidrs: Skipper;
}

export interface BuildPlan extends FieldPlan {
  layout: 'build';
  version: ScalarPlan | null;
  threshold: ScalarPlan | null;
  models: ArrayPlan<ModelPlan>;
}

export interface RowsPlan {
  layout: 'rows';
  model: ModelPlan;
}

export type DecodePlan = BuildPlan | RowsPlan;

/** The writer schema is valid Avro but not a sender-model layout. */
export class LayoutError extends Error {
  override name = 'LayoutError';
}

const EXPECTED =
  'expected a build-layout record {version, threshold, models: array<{domain, cidrs: array<{cidr, score}>}>} ' +
  'or a rows-layout record {domain, cidrs: array<{cidr, score}>}';

export function compilePlan(root: AvroType): DecodePlan {
  if (root.kind !== 'record') throw new LayoutError(`the writer schema is ${describeType(root)}, not a record; ${EXPECTED}`);
  const skippers = new SkipperCompiler();
  const names = root.fields.map((f) => f.name);
  if (names.includes('models')) return compileBuild(root, skippers);
  if (names.includes('domain') && names.includes('cidrs')) return { layout: 'rows', model: compileModel(root, '', skippers) };
  throw new LayoutError(`the writer schema is neither sender-model layout: ${EXPECTED}; found record ${root.name} with fields ${listNames(names)}`);
}

function listNames(names: string[]): string {
  return names.length === 0 ? '(none)' : names.join(', ');
}

function compileBuild(root: RecordType, skippers: SkipperCompiler): BuildPlan {
  const plan: BuildPlan = { layout: 'build', ops: [], skips: [], version: null, threshold: null, models: undefined! };
  for (const field of root.fields) {
    switch (field.name) {
      case 'version':
        plan.version = scalarPlan(field.type, [K_STRING, K_LONG, K_INT], 'version', 'string, int or long');
        push(plan, OP_VERSION);
        break;
      case 'threshold':
        plan.threshold = scalarPlan(field.type, NUMBERS, 'threshold', 'double, float, int or long');
        push(plan, OP_THRESHOLD);
        break;
      case 'models':
        plan.models = arrayPlan(field.type, 'models', (record, path) => compileModel(record, path, skippers));
        push(plan, OP_MODELS);
        break;
      default:
        push(plan, OP_SKIP, skippers.compile(field.type));
    }
  }
  return plan;
}

function compileModel(record: RecordType, path: string, skippers: SkipperCompiler): ModelPlan {
  const plan: ModelPlan = { ops: [], skips: [], domain: undefined!, cidrs: undefined!, lookAheadTo: -1, skipCidrs: undefined! };
  const prefix = path === '' ? '' : `${path}.`;
  const names = record.fields.map((f) => f.name);
  if (!names.includes('domain') || !names.includes('cidrs')) {
    throw new LayoutError(`record ${record.name} (${path}) has fields ${listNames(names)}; it needs domain and cidrs; ${EXPECTED}`);
  }
  let cidrsAt = -1;
  record.fields.forEach((field, i) => {
    switch (field.name) {
      case 'domain':
        plan.domain = scalarPlan(field.type, [K_STRING], `${prefix}domain`, 'string');
        push(plan, OP_DOMAIN);
        if (cidrsAt >= 0) plan.lookAheadTo = i;
        break;
      case 'cidrs':
        plan.cidrs = arrayPlan(field.type, `${prefix}cidrs`, (entry, entryPath) => compileEntry(entry, entryPath, skippers));
        plan.skipCidrs = skippers.compile(field.type);
        push(plan, OP_CIDRS);
        cidrsAt = i;
        break;
      default:
        push(plan, OP_SKIP, skippers.compile(field.type));
    }
  });
  return plan;
}

const NUMBERS = [K_DOUBLE, K_FLOAT, K_INT, K_LONG];

function compileEntry(record: RecordType, path: string, skippers: SkipperCompiler): EntryPlan {
  const plan: EntryPlan = { ops: [], skips: [], cidr: undefined!, score: undefined!, fast: false, cidrTag: -1, scoreTag: -1, scoreWidth: 8 };
  const names = record.fields.map((f) => f.name);
  if (!names.includes('cidr') || !names.includes('score')) {
    throw new LayoutError(`record ${record.name} (${path}) has fields ${listNames(names)}; it needs cidr and score; ${EXPECTED}`);
  }
  for (const field of record.fields) {
    switch (field.name) {
      case 'cidr':
        plan.cidr = scalarPlan(field.type, [K_STRING], `${path}.cidr`, 'string');
        push(plan, OP_CIDR);
        break;
      case 'score':
        plan.score = scalarPlan(field.type, NUMBERS, `${path}.score`, 'double, float, int or long');
        push(plan, OP_SCORE);
        break;
      default:
        push(plan, OP_SKIP, skippers.compile(field.type));
    }
  }
  const cidr = fastScalar(plan.cidr, [K_STRING]);
  const score = fastScalar(plan.score, [K_DOUBLE, K_FLOAT]);
  if (plan.ops.length === 2 && plan.ops[0] === OP_CIDR && cidr && score) {
    plan.fast = true;
    plan.cidrTag = cidr.tag;
    plan.scoreTag = score.tag;
    plan.scoreWidth = score.kind === K_DOUBLE ? 8 : 4;
  }
  return plan;
}

/** A scalar the fast loop can read: one of `kinds`, plain or in a two-branch union with null. */
function fastScalar(plan: ScalarPlan, kinds: number[]): { kind: number; tag: number } | null {
  if (!plan.union) return kinds.includes(plan.kinds[0]) ? { kind: plan.kinds[0], tag: -1 } : null;
  if (plan.kinds.length !== 2) return null;
  const value = plan.kinds.findIndex((k) => k !== K_NULL);
  if (value < 0 || plan.kinds[1 - value] !== K_NULL || !kinds.includes(plan.kinds[value])) return null;
  return { kind: plan.kinds[value], tag: value * 2 };
}

function push(plan: FieldPlan, op: number, skip: Skipper | null = null): void {
  plan.ops.push(op);
  plan.skips.push(skip);
}

/**
 * `type` itself, or the one non-null branch of a union with null. Avro forbids two null
 * branches in one union, so the union is `[T]`, `["null", T]` or `[T, "null"]`.
 */
function optional(type: AvroType): { plan: OptionalPlan; inner: AvroType } | null {
  if (type.kind !== 'union') return { plan: PLAIN, inner: type };
  const values = type.branches.map((b, i) => [b, i] as const).filter(([b]) => b.kind !== 'null');
  if (values.length !== 1) return null;
  const [inner, valueIndex] = values[0];
  const nullIndex = type.branches.findIndex((b) => b.kind === 'null');
  return {
    plan: { union: true, branches: type.branches.length, valueIndex, nullIndex, valueTag: valueIndex * 2 },
    inner,
  };
}

/** An array of records, each of them perhaps behind a union with null. */
function arrayPlan<T>(type: AvroType, path: string, compile: (record: RecordType, path: string) => T): ArrayPlan<T> {
  const wrong = (): LayoutError =>
    new LayoutError(
      `field ${path} is ${describeType(type)}; expected an array of records (the array and its items each may be in a union with null); ${EXPECTED}`,
    );
  const array = optional(type);
  if (array === null || array.inner.kind !== 'array') throw wrong();
  const item = optional(array.inner.items);
  if (item === null || item.inner.kind !== 'record') throw wrong();
  return { array: array.plan, item: item.plan, record: compile(item.inner, `${path}[]`) };
}

/** A scalar field may be one of `allowed`, or a union of those and null. */
function scalarPlan(type: AvroType, allowed: number[], path: string, expected: string): ScalarPlan {
  const kindOf = (t: AvroType): number | undefined => KIND_OF[t.kind];
  if (type.kind === 'union') {
    const kinds = type.branches.map(kindOf);
    const ok = kinds.every((k) => k !== undefined && (k === K_NULL || allowed.includes(k))) && kinds.some((k) => k !== K_NULL);
    if (ok) return { union: true, kinds: kinds as number[] };
  } else {
    const kind = kindOf(type);
    if (kind !== undefined && allowed.includes(kind)) return { union: false, kinds: [kind] };
  }
  throw new LayoutError(`field ${path} is ${describeType(type)}; expected ${expected} (or a union of it with null)`);
}
