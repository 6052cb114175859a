// Random writer schemas of the family pipelines produce (DESIGN §3.1), random data for them, and
// a case written by avsc under its schema and under the plain schema (the same kept entries),
// for writer-schemas.property.test.ts.

import avsc from 'avsc';
import fc from 'fast-check';
import { container, type Codec } from './avro-test-writer';

// ---- the shape of a writer schema ---------------------------------------------------------------

type Wrap = 'plain' | 'null-first' | 'null-last';
type NumberKind = 'double' | 'float' | 'int' | 'long';
type VersionKind = 'string' | 'int' | 'long';

/** A scalar field: its kinds (one, or several in a union) and whether null is among them. */
interface ScalarShape<K extends string> {
  kinds: K[];
  wrap: Wrap;
  /** Logical types on the kinds, ignored by a reader (timestamp-millis, date, …). */
  logical: boolean;
}

/** An extra field's type, before names are given. */
type Extra =
  | { t: 'prim'; name: 'null' | 'boolean' | 'int' | 'long' | 'float' | 'double' | 'bytes' | 'string' }
  | { t: 'logical'; schema: object }
  | { t: 'enum'; symbols: number }
  | { t: 'fixed'; size: number }
  | { t: 'array'; items: Extra }
  | { t: 'map'; values: Extra }
  | { t: 'record'; fields: Extra[]; recursive: boolean }
  | { t: 'union'; branches: UnionBranch[] };
type UnionBranch = 'null' | 'boolean' | 'long' | 'double' | 'string' | 'bytes' | 'array' | 'map' | 'record';

interface Shape {
  layout: 'build' | 'rows';
  names: { build: string; model: string; entry: string; ns: [string, string, string] };
  version: ScalarShape<VersionKind> | null;
  threshold: ScalarShape<NumberKind> | null;
  models: { wrap: Wrap; item: Wrap };
  domain: Wrap;
  cidrs: { wrap: Wrap; item: Wrap };
  cidr: Wrap;
  score: ScalarShape<NumberKind>;
  /** Extra fields of the build, model and entry records, and where the needed ones go among them. */
  extras: { build: Extra[]; model: Extra[]; entry: Extra[] };
  order: { build: number[]; model: number[]; entry: number[] };
}

const wrap = fc.constantFrom<Wrap>('plain', 'null-first', 'null-last');
const LOGICAL: object[] = [
  { type: 'long', logicalType: 'timestamp-millis' },
  { type: 'long', logicalType: 'timestamp-micros' },
  { type: 'int', logicalType: 'date' },
  { type: 'int', logicalType: 'time-millis' },
  { type: 'string', logicalType: 'uuid' },
  { type: 'bytes', logicalType: 'decimal', precision: 8, scale: 2 },
  { type: 'fixed', logicalType: 'decimal', precision: 6, scale: 1, size: 5 },
  { type: 'fixed', logicalType: 'duration', size: 12 },
];

const extra: fc.Arbitrary<Extra> = fc.letrec<{ extra: Extra }>((tie) => ({
  extra: fc.oneof(
    { depthSize: 'small', maxDepth: 3 },
    fc.constantFrom('null', 'boolean', 'int', 'long', 'float', 'double', 'bytes', 'string').map((name) => ({ t: 'prim', name }) as Extra),
    fc.constantFrom(...LOGICAL).map((schema) => ({ t: 'logical', schema }) as Extra),
    fc.integer({ min: 1, max: 4 }).map((symbols) => ({ t: 'enum', symbols }) as Extra),
    fc.integer({ min: 0, max: 9 }).map((size) => ({ t: 'fixed', size }) as Extra),
    tie('extra').map((items) => ({ t: 'array', items }) as Extra),
    tie('extra').map((values) => ({ t: 'map', values }) as Extra),
    fc.record({ fields: fc.array(tie('extra'), { maxLength: 3 }), recursive: fc.boolean() }).map((r) => ({ t: 'record', ...r }) as Extra),
    fc
      .shuffledSubarray<UnionBranch>(['null', 'boolean', 'long', 'double', 'string', 'bytes', 'array', 'map', 'record'], { minLength: 1, maxLength: 4 })
      .map((branches) => ({ t: 'union', branches }) as Extra),
  ),
})).extra;

function scalar<K extends string>(kinds: K[], max: number): fc.Arbitrary<ScalarShape<K>> {
  return fc.record({ kinds: fc.shuffledSubarray(kinds, { minLength: 1, maxLength: max }), wrap, logical: fc.boolean() });
}

const shape: fc.Arbitrary<Shape> = fc.record({
  layout: fc.constantFrom<'build' | 'rows'>('build', 'rows'),
  names: fc.record({
    build: fc.constantFrom('topLevelRecord', 'Build', 'baseRecord', 'SenderModelBuild'),
    model: fc.constantFrom('models', 'record_0', 'DomainModel', 'M'),
    entry: fc.constantFrom('cidrs', 'record_1', 'Entry', 'E'),
    ns: fc.tuple(
      fc.constantFrom('', 'com.x', 'topLevelRecord'),
      fc.constantFrom('', 'topLevelRecord', 'org.apache.hive'),
      fc.constantFrom('', 'topLevelRecord.models', 'a.b.c'),
    ),
  }),
  version: fc.option(scalar<VersionKind>(['string', 'int', 'long'], 2), { nil: null }),
  threshold: fc.option(scalar<NumberKind>(['double', 'float', 'int', 'long'], 2), { nil: null }),
  models: fc.record({ wrap, item: wrap }),
  domain: wrap,
  cidrs: fc.record({ wrap, item: wrap }),
  cidr: wrap,
  // Half the cases have the entry shape of real pipelines ({cidr, score}, a double or float
  // score): the decoder's fast loop; the others anything.
  score: fc.oneof(
    fc.record({ kinds: fc.constantFrom<NumberKind[]>(['double'], ['float']), wrap, logical: fc.constant(false) }),
    scalar<NumberKind>(['double', 'float', 'int', 'long'], 3),
  ),
  extras: fc.record({
    build: fc.array(extra, { maxLength: 3 }),
    model: fc.array(extra, { maxLength: 3 }),
    entry: fc.oneof(fc.constant<Extra[]>([]), fc.array(extra, { maxLength: 2 })),
  }),
  order: fc.record({
    build: fc.array(fc.nat(), { minLength: 3, maxLength: 3 }),
    model: fc.array(fc.nat(), { minLength: 2, maxLength: 2 }),
    entry: fc.array(fc.nat(), { minLength: 2, maxLength: 2 }),
  }),
});

// ---- the data ----------------------------------------------------------------------------------

interface Entry {
  cidr: string | null;
  /** The base value; what each kind makes of it is decided when written. */
  score: number | null;
  /** Which of the score's non-null kinds is written (index, for a union of several). */
  kind: number;
}
type Model = { domain: string | null; cidrs: (Entry | null)[] | null } | null;
interface BuildRecord {
  version: { value: number; kind: number } | null;
  threshold: { value: number; kind: number } | null;
  models: Model[] | null;
}

const CIDRS = ['192.0.2.1', '192.0.2.0/24', '198.51.100.7/32', '2001:db8::/32', '2001:DB8::1', '10.0.0.0/8', 'not-an-ip', '203.0.113.9'];
const DOMAINS = ['a.example', 'B.Example.', 'bücher.example', 'c.example', 'bad domain', ''];
const SCORES = [0, 1, 0.25, 0.3, 0.7, 0.123456789, 0.5];

const entry: fc.Arbitrary<Entry | null> = fc.option(
  fc.record({
    cidr: fc.option(fc.constantFrom(...CIDRS), { freq: 6, nil: null }),
    score: fc.option(fc.constantFrom(...SCORES), { freq: 6, nil: null }),
    kind: fc.nat(2),
  }),
  { freq: 8, nil: null },
);
const model: fc.Arbitrary<Model> = fc.option(
  fc.record({
    domain: fc.option(fc.constantFrom(...DOMAINS), { freq: 6, nil: null }),
    cidrs: fc.option(fc.array(entry, { maxLength: 5 }), { freq: 6, nil: null }),
  }),
  { freq: 8, nil: null },
);
const number = fc.option(fc.record({ value: fc.constantFrom(...SCORES, 17), kind: fc.nat(2) }), { freq: 3, nil: null });
const buildRecord: fc.Arbitrary<BuildRecord> = fc.record({
  version: number,
  threshold: number,
  models: fc.option(fc.array(model, { maxLength: 4 }), { freq: 6, nil: null }),
});

export interface Case {
  shape: Shape;
  records: BuildRecord[];
  /** Rows layout: the models (one record each). */
  rows: Model[];
  meta: { version?: string; threshold?: string };
  codec: Codec;
  /** Records per block. */
  perBlock: number;
  chunk: number;
  window: number | undefined;
  seed: number;
}

export const testCase: fc.Arbitrary<Case> = fc.record({
  shape,
  records: fc.array(buildRecord, { minLength: 0, maxLength: 3 }),
  rows: fc.array(
    model.filter((m) => m !== null),
    { maxLength: 6 },
  ),
  meta: fc.record({ version: fc.constantFrom('m-1', '42'), threshold: fc.constantFrom('0.45', '1') }, { requiredKeys: [] }),
  codec: fc.constantFrom<Codec>('null', 'deflate', 'snappy'),
  perBlock: fc.integer({ min: 1, max: 3 }),
  chunk: fc.integer({ min: 1, max: 97 }),
  window: fc.option(fc.integer({ min: 1, max: 64 }), { nil: undefined }),
  seed: fc.integer(),
});

// ---- writing a case with avsc -------------------------------------------------------------------

/** A seeded generator (mulberry32) for the extra fields' values. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const BIG_LONG = avsc.types.LongType.__with({
  fromBuffer: (b: Buffer) => b.readBigInt64LE(),
  toBuffer: (n: bigint) => {
    const b = Buffer.alloc(8);
    b.writeBigInt64LE(BigInt(n));
    return b;
  },
  fromJSON: (n: number) => BigInt(n),
  toJSON: (n: bigint) => Number(n),
  isValid: (n: unknown) => typeof n === 'bigint',
  compare: (a: bigint, b: bigint) => (a === b ? 0 : a < b ? -1 : 1),
});

const writerType = (schema: object): avsc.Type =>
  avsc.Type.forSchema(schema as avsc.Schema, {
    wrapUnions: true,
    typeHook: (s) => (s === 'long' || (typeof s === 'object' && s !== null && (s as { type?: unknown }).type === 'long') ? BIG_LONG : undefined),
  });

/** An extra field's schema and a writer of random values for it (avsc's wrapped-union form). */
class Extras {
  private count = 0;
  constructor(private readonly random: () => number) {}

  private name(): string {
    return `x.n${this.count++}`;
  }

  schema(e: Extra): { schema: unknown; value: () => unknown } {
    const r = this.random;
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
    switch (e.t) {
      case 'prim':
        return { schema: e.name, value: () => primitive(e.name, r) };
      case 'logical': {
        const s = { ...(e.schema as { type: string; size?: number }) };
        if (s.type === 'fixed') Object.assign(s, { name: this.name() });
        const under = s.type;
        return { schema: s, value: () => (under === 'fixed' ? Buffer.alloc(s.size!, 7) : primitive(under as 'int', r)) };
      }
      case 'enum': {
        const symbols = Array.from({ length: e.symbols }, (_, i) => `S${i}`);
        return { schema: { type: 'enum', name: this.name(), symbols }, value: () => pick(symbols) };
      }
      case 'fixed':
        return {
          schema: { type: 'fixed', name: this.name(), size: e.size },
          value: () => Buffer.from(Array.from({ length: e.size }, () => Math.floor(r() * 256))),
        };
      case 'array': {
        const items = this.schema(e.items);
        return { schema: { type: 'array', items: items.schema }, value: () => Array.from({ length: Math.floor(r() * 3) }, items.value) };
      }
      case 'map': {
        const values = this.schema(e.values);
        return {
          schema: { type: 'map', values: values.schema },
          value: () => Object.fromEntries(Array.from({ length: Math.floor(r() * 3) }, (_, i) => [`k${i}`, values.value()])),
        };
      }
      case 'record': {
        const name = this.name();
        const fields = e.fields.map((f, i) => ({ name: `f${i}`, ...this.schema(f) }));
        const schemaFields: { name: string; type: unknown }[] = fields.map((f) => ({ name: f.name, type: f.schema }));
        // One optional field of its own type: recursion, ending with probability 1/2 a level.
        if (e.recursive) schemaFields.push({ name: 'next', type: ['null', name] });
        const value = (depth: number): unknown => {
          const out: Record<string, unknown> = {};
          for (const f of fields) out[f.name] = f.value();
          if (e.recursive) out.next = depth < 3 && r() < 0.5 ? { [name]: value(depth + 1) } : null;
          return out;
        };
        return { schema: { type: 'record', name, fields: schemaFields }, value: () => value(0) };
      }
      case 'union': {
        const branches = e.branches.map((b) => {
          switch (b) {
            case 'array':
              return { schema: { type: 'array', items: 'int' }, branch: 'array', value: () => [1, 2] };
            case 'map':
              return { schema: { type: 'map', values: 'string' }, branch: 'map', value: () => ({ k: 'v' }) };
            case 'record': {
              const name = this.name();
              return { schema: { type: 'record', name, fields: [{ name: 'n', type: 'long' }] }, branch: name, value: () => ({ n: primitive('long', r) }) };
            }
            default:
              return { schema: b, branch: b, value: () => primitive(b, r) };
          }
        });
        return {
          schema: branches.map((b) => b.schema),
          value: () => {
            const b = pick(branches);
            return b.branch === 'null' ? null : { [b.branch]: b.value() };
          },
        };
      }
    }
  }
}

function primitive(name: string, r: () => number): unknown {
  switch (name) {
    case 'null':
      return null;
    case 'boolean':
      return r() < 0.5;
    case 'int':
      return Math.floor(r() * 2 ** 32) - 2 ** 31;
    case 'long':
      return r() < 0.5
        ? BigInt(Math.floor(r() * 1000) - 500)
        : BigInt.asIntN(64, BigInt(Math.floor(r() * 2 ** 32)) * 2n ** 32n + BigInt(Math.floor(r() * 2 ** 32)));
    case 'float':
      return Math.fround(r() * 100 - 50);
    case 'double':
      return r() * 1e6 - 5e5;
    case 'bytes':
      return Buffer.from(Array.from({ length: Math.floor(r() * 6) }, () => Math.floor(r() * 256)));
    case 'string':
      return ['', 'x', 'ü字', 'a longer string value'][Math.floor(r() * 4)];
    default:
      throw new Error(`no value for ${name}`);
  }
}

/** `type` behind `wrap`, and how a present value / null is written for it. */
function wrapped(type: unknown, branch: string, how: Wrap): { schema: unknown; present: (v: unknown) => unknown; absent: () => unknown } {
  if (how === 'plain') return { schema: type, present: (v) => v, absent: () => undefined };
  return { schema: how === 'null-first' ? ['null', type] : [type, 'null'], present: (v) => ({ [branch]: v }), absent: () => null };
}

const fullName = (name: string, ns: string): string => (ns === '' ? name : `${ns}.${name}`);

/** A scalar field's schema, and its written form of a value of the kind at `kind`. */
function scalarField<K extends string>(s: ScalarShape<K>, logical: (k: K) => object | null) {
  const types = s.kinds.map((k) => (s.logical && logical(k) ? logical(k) : k));
  const withNull = s.wrap === 'plain' ? types : s.wrap === 'null-first' ? ['null', ...types] : [...types, 'null'];
  const union = withNull.length > 1;
  return {
    schema: union ? withNull : withNull[0],
    nullable: s.wrap !== 'plain',
    write: (kind: K, v: unknown) => (union ? { [kind]: v } : v),
  };
}

/** A number as a kind holds it: what a reader widens to double. */
function asKind(value: number, kind: NumberKind): number {
  if (kind === 'int' || kind === 'long') return Math.round(value);
  return kind === 'float' ? Math.fround(value) : value;
}

interface Written {
  bytes: Buffer;
  /** The kept entries under the plain schema: the same build with nothing null. */
  plain: Buffer;
}

export function write(c: Case): Written {
  const { shape: s } = c;
  const extras = new Extras(rng(c.seed));
  const [nsBuild, nsModel, nsEntry] = s.names.ns;
  const entryName = fullName(s.names.entry, nsEntry);
  const modelName = fullName(s.names.model, nsModel);

  // Fields of a record: the needed ones placed among the extras by `order`.
  const place = (needed: { name: string; type: unknown }[], order: number[], level: Extra[]) => {
    const fields: { name: string; type: unknown; value?: () => unknown }[] = level.map((e, i) => {
      const x = extras.schema(e);
      return { name: `x${i}`, type: x.schema, value: x.value };
    });
    needed.forEach((f, i) => fields.splice(Math.min(order[i] % (fields.length + 1), fields.length), 0, f));
    return fields;
  };

  const score = scalarField(s.score, () => null);
  const cidr = wrapped('string', 'string', s.cidr);
  const entryFields = place(
    [
      { name: 'cidr', type: cidr.schema },
      { name: 'score', type: score.schema },
    ],
    s.order.entry,
    s.extras.entry,
  );
  const entryRecord = { type: 'record', name: s.names.entry, namespace: nsEntry, fields: entryFields };
  const entryItem = wrapped(entryRecord, entryName, s.cidrs.item);
  const cidrsArray = wrapped({ type: 'array', items: entryItem.schema }, 'array', s.cidrs.wrap);
  const domain = wrapped('string', 'string', s.domain);
  const modelFields = place(
    [
      { name: 'domain', type: domain.schema },
      { name: 'cidrs', type: cidrsArray.schema },
    ],
    s.order.model,
    s.extras.model,
  );
  const modelRecord = { type: 'record', name: s.names.model, namespace: nsModel, fields: modelFields };

  // Which values the shape lets be null, and what is written instead when it does not.
  const scoreKinds = s.score.kinds;
  const entryValue = (e: Entry): { avsc: Record<string, unknown>; plain: { cidr: string; score: number } | null } => {
    const kind = scoreKinds[e.kind % scoreKinds.length];
    const cidrText = e.cidr ?? (cidr.absent() === undefined ? '192.0.2.250' : null);
    const scoreValue = e.score === null && !score.nullable ? asKind(0.5, kind) : e.score === null ? null : asKind(e.score, kind);
    const out: Record<string, unknown> = {};
    for (const f of entryFields) {
      if (f.name === 'cidr') out.cidr = cidrText === null ? null : cidr.present(cidrText);
      else if (f.name === 'score') out.score = scoreValue === null ? null : score.write(kind, kind === 'long' ? BigInt(scoreValue) : scoreValue);
      else out[f.name] = f.value!();
    }
    return { avsc: out, plain: cidrText !== null && scoreValue !== null ? { cidr: cidrText, score: scoreValue } : null };
  };
  const modelValue = (m: NonNullable<Model>) => {
    const domainText = m.domain ?? (domain.absent() === undefined ? 'plain.example' : null);
    const written: { avsc: unknown; plain: { cidr: string; score: number } | null }[] = [];
    for (const e of m.cidrs ?? (cidrsArray.absent() === undefined ? [] : [])) {
      if (e === null && entryItem.absent() !== undefined) written.push({ avsc: null, plain: null });
      else {
        const v = entryValue(e ?? { cidr: '192.0.2.251', score: 0.5, kind: 0 });
        written.push({ avsc: entryItem.present(v.avsc), plain: v.plain });
      }
    }
    const cidrsValue = m.cidrs === null && cidrsArray.absent() !== undefined ? null : cidrsArray.present(written.map((w) => w.avsc));
    const out: Record<string, unknown> = {};
    for (const f of modelFields) {
      if (f.name === 'domain') out.domain = domainText === null ? null : domain.present(domainText);
      else if (f.name === 'cidrs') out.cidrs = cidrsValue;
      else out[f.name] = f.value!();
    }
    const plain = domainText === null ? null : { domain: domainText, cidrs: written.flatMap((w) => (w.plain ? [w.plain] : [])) };
    return { avsc: out, plain };
  };

  let schema: object;
  let datums: unknown[];
  const plainModels: { domain: string; cidrs: { cidr: string; score: number }[] }[] = [];
  let plainVersion: string | null = null;
  let plainThreshold: number | null = null;
  const meta: Record<string, string> = { ...(c.meta as Record<string, string>) };

  if (s.layout === 'rows') {
    schema = { ...modelRecord, name: s.names.build, namespace: nsBuild };
    datums = c.rows.map((m) => {
      const v = modelValue(m!);
      if (v.plain) plainModels.push(v.plain);
      return v.avsc;
    });
    plainVersion = meta.version ?? null;
    plainThreshold = meta.threshold !== undefined ? Number(meta.threshold) : null;
  } else {
    const version =
      s.version &&
      scalarField(s.version, (k) =>
        k === 'long'
          ? { type: 'long', logicalType: 'timestamp-millis' }
          : k === 'int'
            ? { type: 'int', logicalType: 'date' }
            : { type: 'string', logicalType: 'uuid' },
      );
    const threshold = s.threshold && scalarField(s.threshold, () => null);
    const models = wrapped({ type: 'array', items: wrapped(modelRecord, modelName, s.models.item).schema }, 'array', s.models.wrap);
    const modelItem = wrapped(modelRecord, modelName, s.models.item);
    const needed: { name: string; type: unknown }[] = [{ name: 'models', type: models.schema }];
    if (version) needed.push({ name: 'version', type: version.schema });
    if (threshold) needed.push({ name: 'threshold', type: threshold.schema });
    const fields = place(needed, s.order.build, s.extras.build);
    schema = { type: 'record', name: s.names.build, namespace: nsBuild, fields };
    let recordsVersion: string | null = null;
    let recordsThreshold: number | null = null;
    datums = c.records.map((rec) => {
      const out: Record<string, unknown> = {};
      for (const f of fields) {
        if (f.name === 'version') {
          // One version for the whole build (two would be an error), of one kind: from the seed.
          const kinds = s.version!.kinds;
          const kind = kinds[Math.abs(c.seed) % kinds.length];
          if (rec.version === null && version!.nullable) out.version = null;
          else {
            const n = Math.abs(c.seed) % 100000;
            const value = kind === 'string' ? `v-${n}` : kind === 'long' ? 2n ** 60n + BigInt(n) : n;
            out.version = version!.write(kind, value);
            recordsVersion ??= String(value);
          }
        } else if (f.name === 'threshold') {
          const kinds = s.threshold!.kinds;
          const kind = rec.threshold ? kinds[rec.threshold.kind % kinds.length] : kinds[0];
          if (rec.threshold === null && threshold!.nullable) out.threshold = null;
          else {
            const value = asKind(rec.threshold?.value ?? 0.5, kind);
            out.threshold = threshold!.write(kind, kind === 'long' ? BigInt(value) : value);
            recordsThreshold = value;
          }
        } else if (f.name === 'models') {
          if (rec.models === null && models.absent() !== undefined) out.models = null;
          else {
            const items: unknown[] = [];
            for (const m of rec.models ?? []) {
              if (m === null && modelItem.absent() !== undefined) items.push(null);
              else {
                const v = modelValue(m ?? { domain: 'plain.example', cidrs: [] });
                if (v.plain) plainModels.push(v.plain);
                items.push(modelItem.present(v.avsc));
              }
            }
            out.models = models.present(items);
          }
        } else out[f.name] = f.value!();
      }
      return out;
    });
    plainVersion = recordsVersion ?? meta.version ?? null;
    plainThreshold = recordsThreshold ?? (meta.threshold !== undefined ? Number(meta.threshold) : null);
  }

  const type = writerType(schema);
  const encoded = datums.map((d) => type.toBuffer(d));
  const blocks: { count: number; data: Buffer }[] = [];
  for (let i = 0; i < encoded.length; i += c.perBlock)
    blocks.push({ count: Math.min(c.perBlock, encoded.length - i), data: Buffer.concat(encoded.slice(i, i + c.perBlock)) });
  const bytes = container({ schema, codec: c.codec, meta, blocks });

  // The plain schema: the same kept entries, version as text, threshold as a double.
  const plainEntry = {
    type: 'record',
    name: 'Cidr',
    fields: [
      { name: 'cidr', type: 'string' },
      { name: 'score', type: 'double' },
    ],
  };
  const plainModel = {
    type: 'record',
    name: 'DomainModel',
    fields: [
      { name: 'domain', type: 'string' },
      { name: 'cidrs', type: { type: 'array', items: plainEntry } },
    ],
  };
  const plainFields: { name: string; type: unknown }[] = [{ name: 'models', type: { type: 'array', items: plainModel } }];
  const plainRecord: Record<string, unknown> = { models: plainModels };
  if (plainVersion !== null) {
    plainFields.push({ name: 'version', type: 'string' });
    plainRecord.version = plainVersion;
  }
  if (plainThreshold !== null) {
    plainFields.push({ name: 'threshold', type: 'double' });
    plainRecord.threshold = plainThreshold;
  }
  const plainSchema = { type: 'record', name: 'SenderModelBuild', fields: plainFields };
  const plain = container({ schema: plainSchema, blocks: [{ count: 1, data: avsc.Type.forSchema(plainSchema as avsc.Schema).toBuffer(plainRecord) }] });
  return { bytes, plain };
}
