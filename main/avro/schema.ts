// The writer schema (`avro.schema`, JSON) parsed into a graph of types. We read data with the
// writer's schema only, so we need the whole grammar just to know how many bytes each value
// takes, even for fields we skip. Named types are resolved here (namespaces included); a
// recursive record refers to itself by object identity. Logical types, defaults, aliases, docs
// and properties such as Java's "avro.java.string" do not change the encoding and are ignored.

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
  const named = new Map<string, AvroType>();
  return parseType(json, '', named, 'the schema');
}

function fullName(name: string, namespace: string): string {
  return name.includes('.') || namespace === '' ? name : `${namespace}.${name}`;
}

function parseType(json: Json, namespace: string, named: Map<string, AvroType>, where: string): AvroType {
  if (typeof json === 'string') return resolveName(json, namespace, named, where);
  if (Array.isArray(json)) {
    return { kind: 'union', branches: json.map((branch, i) => parseType(branch, namespace, named, `${where} (union branch ${i})`)) };
  }
  if (!isObject(json)) throw new SchemaError(`${where} is ${JSON.stringify(json)}, not a type`);
  const type = json.type;
  // {"type": {"type": "string"}} or {"type": ["null", "double"]}: a type wrapped in an object.
  if (Array.isArray(type) || isObject(type)) return parseType(type, namespace, named, where);
  if (typeof type !== 'string') throw new SchemaError(`${where} has no "type"`);
  switch (type) {
    case 'record':
    case 'error':
      return parseRecord(json, namespace, named, where);
    case 'enum': {
      const { name } = define(json, namespace, where);
      const symbols = json.symbols;
      if (!Array.isArray(symbols) || !symbols.every((s) => typeof s === 'string')) {
        throw new SchemaError(`${where}: enum ${name} has no "symbols" list`);
      }
      const result: EnumType = { kind: 'enum', name, symbols: symbols as string[] };
      register(named, name, result, where);
      return result;
    }
    case 'fixed': {
      const { name } = define(json, namespace, where);
      const size = json.size;
      if (typeof size !== 'number' || !Number.isInteger(size) || size < 0) {
        throw new SchemaError(`${where}: fixed ${name} has no valid "size"`);
      }
      const result: FixedType = { kind: 'fixed', name, size };
      register(named, name, result, where);
      return result;
    }
    case 'array':
      if (json.items === undefined) throw new SchemaError(`${where}: array has no "items"`);
      return { kind: 'array', items: parseType(json.items, namespace, named, `${where} items`) };
    case 'map':
      if (json.values === undefined) throw new SchemaError(`${where}: map has no "values"`);
      return { kind: 'map', values: parseType(json.values, namespace, named, `${where} values`) };
    default:
      // A primitive with attributes (logicalType, avro.java.string, …) or a named reference.
      return resolveName(type, namespace, named, where);
  }
}

function parseRecord(json: { [key: string]: Json }, namespace: string, named: Map<string, AvroType>, where: string): RecordType {
  const { name, namespace: inner } = define(json, namespace, where);
  const record: RecordType = { kind: 'record', name, fields: [] };
  // Registered before its fields so that a field may refer to the record itself.
  register(named, name, record, where);
  const fields = json.fields;
  if (!Array.isArray(fields)) throw new SchemaError(`${where}: record ${name} has no "fields" list`);
  const seen = new Set<string>();
  for (const field of fields) {
    if (!isObject(field) || typeof field.name !== 'string') throw new SchemaError(`${where}: record ${name} has a field without a name`);
    if (seen.has(field.name)) throw new SchemaError(`${where}: record ${name} has two fields named ${field.name}`);
    seen.add(field.name);
    if (field.type === undefined) throw new SchemaError(`${where}: field ${name}.${field.name} has no "type"`);
    record.fields.push({ name: field.name, type: parseType(field.type, inner, named, `field ${name}.${field.name}`) });
  }
  return record;
}

/** The full name and the namespace that a named type's own children inherit. */
function define(json: { [key: string]: Json }, namespace: string, where: string): { name: string; namespace: string } {
  if (typeof json.name !== 'string' || json.name === '') throw new SchemaError(`${where}: a ${String(json.type)} has no "name"`);
  const ownNamespace = typeof json.namespace === 'string' ? json.namespace : namespace;
  const name = fullName(json.name, ownNamespace);
  const dot = name.lastIndexOf('.');
  return { name, namespace: dot < 0 ? '' : name.slice(0, dot) };
}

function register(named: Map<string, AvroType>, name: string, type: AvroType, where: string): void {
  if (named.has(name)) throw new SchemaError(`${where}: the type name ${name} is defined twice`);
  named.set(name, type);
}

function resolveName(name: string, namespace: string, named: Map<string, AvroType>, where: string): AvroType {
  const primitive = PRIMITIVES.get(name);
  if (primitive) return primitive;
  const found = named.get(fullName(name, namespace)) ?? named.get(name);
  if (!found) throw new SchemaError(`${where} refers to an unknown type ${JSON.stringify(name)}`);
  return found;
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
