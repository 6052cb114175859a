// The writer schema (`avro.schema`, JSON) as a graph of types. We read data with the writer's
// schema only, so we need the whole grammar just to know how many bytes each value takes, even
// for fields we skip. avsc parses and validates the schema (named types, namespaces, references,
// recursion, unions); its type objects are turned here into this small graph, which the decode
// plan and the skippers walk. A recursive record refers to itself by object identity. Logical
// types, defaults, aliases, docs and properties such as Java's "avro.java.string" do not change
// the encoding and are ignored.

import avsc from 'avsc';

export type PrimitiveKind = 'null' | 'boolean' | 'int' | 'long' | 'float' | 'double' | 'bytes' | 'string';

export interface PrimitiveType {
  kind: PrimitiveKind;
}
export interface RecordType {
  kind: 'record';
  name: string;
  fields: FieldType[];
}
export interface FieldType {
  name: string;
  type: AvroType;
}
export interface EnumType {
  kind: 'enum';
  name: string;
  symbols: string[];
}
export interface FixedType {
  kind: 'fixed';
  name: string;
  size: number;
}
export interface ArrayType {
  kind: 'array';
  items: AvroType;
}
export interface MapType {
  kind: 'map';
  values: AvroType;
}
export interface UnionType {
  kind: 'union';
  branches: AvroType[];
}
export type AvroType = PrimitiveType | RecordType | EnumType | FixedType | ArrayType | MapType | UnionType;

/** The schema JSON is valid JSON but not a valid Avro schema. */
export class SchemaError extends Error {
  override name = 'SchemaError';
}

const PRIMITIVES = new Map<string, PrimitiveType>(
  (['null', 'boolean', 'int', 'long', 'float', 'double', 'bytes', 'string'] as const).map((kind) => [kind, { kind }]),
);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function isObject(value: Json | undefined): value is { [key: string]: Json } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses schema JSON text into a type graph; throws SyntaxError (bad JSON) or SchemaError. */
export function parseSchema(text: string): AvroType {
  const json = JSON.parse(text) as Json;
  const prepared = prepare(json, 'the schema', 0);
  let type: avsc.Type;
  try {
    // No logical types are registered, so avsc reads every one as its underlying type.
    type = avsc.Type.forSchema(prepared as avsc.Schema, { wrapUnions: true });
  } catch (error) {
    throw new SchemaError(clarify((error as Error).message));
  }
  return fromAvsc(type, new Map());
}

/** Deeper than this is no writer's schema, and would only exhaust the stack. */
const MAX_DEPTH = 100;

/**
 * The schema as avsc should see it, its shape checked on the way so that an error names where
 * (avsc's own messages do not). Field defaults are dropped: they matter only to a reader schema,
 * and writers put defaults that avsc would refuse (Spark-style `["double", "null"]` with
 * `"default": null`). A type wrapped in an object (`{"type": {"type": "string"}}`, `{"type":
 * ["null", "double"]}`) is unwrapped, as other implementations read it.
 */
function prepare(json: Json, where: string, depth: number): Json {
  if (depth > MAX_DEPTH) throw new SchemaError(`${where} is nested more than ${MAX_DEPTH} levels deep`);
  if (typeof json === 'string') return json;
  if (Array.isArray(json)) return json.map((branch, i) => prepare(branch, `${where} (union branch ${i})`, depth + 1));
  if (!isObject(json)) throw new SchemaError(`${where} is ${JSON.stringify(json)}, not a type`);
  const type = json.type;
  if (Array.isArray(type) || isObject(type)) return prepare(type, where, depth + 1);
  if (typeof type !== 'string') throw new SchemaError(`${where} has no "type"`);
  const out: { [key: string]: Json } = { ...json };
  switch (type) {
    case 'record':
    case 'error': {
      const name = typeof json.name === 'string' ? json.name : '(without a name)';
      if (!Array.isArray(json.fields)) throw new SchemaError(`${where}: record ${name} has no "fields" list`);
      out.fields = json.fields.map((field) => {
        if (!isObject(field) || typeof field.name !== 'string') throw new SchemaError(`${where}: record ${name} has a field without a name`);
        if (field.type === undefined) throw new SchemaError(`field ${name}.${field.name} has no "type"`);
        const { default: _ignored, ...rest } = field;
        return { ...rest, type: prepare(field.type, `field ${name}.${field.name}`, depth + 1) };
      });
      break;
    }
    case 'array':
      if (json.items === undefined) throw new SchemaError(`${where}: an array has no "items"`);
      out.items = prepare(json.items, `${where} items`, depth + 1);
      break;
    case 'map':
      if (json.values === undefined) throw new SchemaError(`${where}: a map has no "values"`);
      out.values = prepare(json.values, `${where} values`, depth + 1);
      break;
    case 'enum':
      if (!Array.isArray(json.symbols) || !json.symbols.every((x) => typeof x === 'string'))
        throw new SchemaError(`${where}: enum ${String(json.name)} has no "symbols" list`);
      break;
    case 'fixed':
      if (typeof json.size !== 'number' || !Number.isInteger(json.size) || json.size < 0)
        throw new SchemaError(`${where}: fixed ${String(json.name)} has no valid "size"`);
      break;
  }
  return out;
}

/** avsc's messages in the reader's words, short (some quote a whole schema). */
function clarify(message: string): string {
  const text = message
    .replace(/^undefined type name: (.*)$/s, 'unknown type name $1')
    .replace(/^unknown type: (.*)$/s, 'unknown type $1')
    .replace(/^duplicate field name: .*$/s, 'a record has two fields of one name');
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

/** avsc's type objects → our graph; `seen` keeps named types (and recursion) to one object each. */
function fromAvsc(type: avsc.Type, seen: Map<avsc.Type, AvroType>): AvroType {
  const known = seen.get(type);
  if (known) return known;
  const name = type.typeName;
  const primitive = PRIMITIVES.get(name);
  if (primitive) return primitive;
  if (name.startsWith('logical:')) return fromAvsc((type as avsc.types.LogicalType).underlyingType, seen);
  switch (name) {
    case 'record':
    case 'error': {
      const record: RecordType = { kind: 'record', name: type.name ?? '(anonymous record)', fields: [] };
      // Registered before its fields, so that a field may refer to the record itself.
      seen.set(type, record);
      for (const field of (type as avsc.types.RecordType).fields) record.fields.push({ name: field.name, type: fromAvsc(field.type, seen) });
      return record;
    }
    case 'enum': {
      const result: EnumType = { kind: 'enum', name: type.name ?? '(anonymous enum)', symbols: [...(type as avsc.types.EnumType).symbols] };
      seen.set(type, result);
      return result;
    }
    case 'fixed': {
      const result: FixedType = { kind: 'fixed', name: type.name ?? '(anonymous fixed)', size: (type as avsc.types.FixedType).size };
      seen.set(type, result);
      return result;
    }
    case 'array':
      return { kind: 'array', items: fromAvsc((type as avsc.types.ArrayType).itemsType, seen) };
    case 'map':
      return { kind: 'map', values: fromAvsc((type as avsc.types.MapType).valuesType as avsc.Type, seen) };
    case 'union:wrapped':
    case 'union:unwrapped':
      return { kind: 'union', branches: (type as avsc.types.WrappedUnionType).types.map((t) => fromAvsc(t, seen)) };
    default:
      throw new SchemaError(`unsupported type ${name}`);
  }
}

/** A short human description of a type for error messages: `array<record Cidr>`, `union [null, double]`. */
export function describeType(type: AvroType, depth = 0): string {
  switch (type.kind) {
    case 'record':
      return `record ${type.name}`;
    case 'enum':
    case 'fixed':
      return `${type.kind} ${type.name}`;
    case 'array':
      return depth > 2 ? 'array' : `array<${describeType(type.items, depth + 1)}>`;
    case 'map':
      return depth > 2 ? 'map' : `map<${describeType(type.values, depth + 1)}>`;
    case 'union':
      return `union [${type.branches.map((b) => describeType(b, depth + 1)).join(', ')}]`;
    default:
      return type.kind;
  }
}
