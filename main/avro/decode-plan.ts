// The writer schema compiled, once per file, into what the record decoder does with each field:
// which of the two sender-model layouts (DESIGN §3.1) the file has, which field of each record
// is the domain, the entries, the cidr, the score (and in which of the accepted encodings), and
// a skipper for every other field. `exact` marks the common schema with no extras and no
// unions, which the decoder runs through a tight loop without per-field dispatch.

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
  /** Exactly `{cidr: string, score: double}`. */
  exact: boolean;
}

export interface ModelPlan extends FieldPlan {
  domain: ScalarPlan;
  entries: EntryPlan;
  /**
   * When the schema puts `cidrs` before `domain`, the decoder first skips ahead to read the
   * domain (the sink needs it before the entries): the index of the domain field, else -1.
   */
  lookAheadTo: number;
  /** Skips the whole `cidrs` array (used only when looking ahead). */
  skipCidrs: Skipper;
  /** Exactly `{domain: string, cidrs: array<exact entry>}`. */
  exact: boolean;
}

export interface BuildPlan extends FieldPlan {
  layout: 'build';
  version: ScalarPlan | null;
  threshold: ScalarPlan | null;
  model: ModelPlan;
  /** As in ModelPlan: the last of version/threshold when they come after `models`, else -1. */
  lookAheadTo: number;
  /** Skips the whole `models` array (used only when looking ahead). */
  skipModels: Skipper;
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
  const plan: BuildPlan = { layout: 'build', ops: [], skips: [], version: null, threshold: null, model: undefined!, lookAheadTo: -1, skipModels: undefined! };
  let modelsAt = -1;
  root.fields.forEach((field, i) => {
    switch (field.name) {
      case 'version':
        plan.version = scalarPlan(field.type, [K_STRING, K_LONG, K_INT], 'version', 'string or long');
        push(plan, OP_VERSION);
        if (modelsAt >= 0) plan.lookAheadTo = i;
        break;
      case 'threshold':
        plan.threshold = scalarPlan(field.type, [K_DOUBLE, K_FLOAT, K_INT, K_LONG], 'threshold', 'double');
        push(plan, OP_THRESHOLD);
        if (modelsAt >= 0) plan.lookAheadTo = i;
        break;
      case 'models': {
        const models = field.type;
        if (models.kind !== 'array' || models.items.kind !== 'record') {
          throw new LayoutError(`field models is ${describeType(models)}; ${EXPECTED}`);
        }
        plan.model = compileModel(models.items, 'models[]', skippers);
        plan.skipModels = skippers.compile(models);
        push(plan, OP_MODELS);
        modelsAt = i;
        break;
      }
      default:
        push(plan, OP_SKIP, skippers.compile(field.type));
    }
  });
  return plan;
}

function compileModel(record: RecordType, path: string, skippers: SkipperCompiler): ModelPlan {
  const plan: ModelPlan = { ops: [], skips: [], domain: undefined!, entries: undefined!, lookAheadTo: -1, skipCidrs: undefined!, exact: false };
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
      case 'cidrs': {
        const cidrs = field.type;
        if (cidrs.kind !== 'array' || cidrs.items.kind !== 'record') {
          throw new LayoutError(`field ${prefix}cidrs is ${describeType(cidrs)}; ${EXPECTED}`);
        }
        plan.entries = compileEntry(cidrs.items, `${prefix}cidrs[]`, skippers);
        plan.skipCidrs = skippers.compile(cidrs);
        push(plan, OP_CIDRS);
        cidrsAt = i;
        break;
      }
      default:
        push(plan, OP_SKIP, skippers.compile(field.type));
    }
  });
  plan.exact = plan.ops.length === 2 && plan.ops[0] === OP_DOMAIN && !plan.domain.union && plan.entries.exact;
  return plan;
}

function compileEntry(record: RecordType, path: string, skippers: SkipperCompiler): EntryPlan {
  const plan: EntryPlan = { ops: [], skips: [], cidr: undefined!, score: undefined!, exact: false };
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
        plan.score = scalarPlan(field.type, [K_DOUBLE, K_FLOAT, K_INT, K_LONG], `${path}.score`, 'double');
        push(plan, OP_SCORE);
        break;
      default:
        push(plan, OP_SKIP, skippers.compile(field.type));
    }
  }
  plan.exact =
    plan.ops.length === 2 && plan.ops[0] === OP_CIDR && !plan.cidr.union && !plan.score.union && plan.score.kinds[0] === K_DOUBLE;
  return plan;
}

function push(plan: FieldPlan, op: number, skip: Skipper | null = null): void {
  plan.ops.push(op);
  plan.skips.push(skip);
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
