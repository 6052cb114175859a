// The writer schema: the Avro type grammar (so that any extra field can be skipped), the two
// sender-model layouts and the encodings accepted for their fields, and clear errors for
// anything else.

import { describe, expect, it } from 'vitest';
import { compilePlan, LayoutError } from '../../main/avro/decode-plan';
import { describeType, parseSchema, SchemaError, type RecordType } from '../../main/avro/schema';
import { container, TestEncoder } from './avro-test-writer';
import { formatError, read } from './helpers';

/** A container with one block holding one record per writer function. */
function file(schema: unknown, records: ((e: TestEncoder) => void)[], meta?: Record<string, string>): Buffer {
  const e = new TestEncoder();
  for (const write of records) write(e);
  return container({ schema, meta, blocks: [{ count: records.length, data: e.bytes() }] });
}

const entry = (fields: unknown[]) => ({ type: 'record', name: 'Cidr', fields });
const model = (fields: unknown[]) => ({ type: 'record', name: 'Model', fields });
const build = (fields: unknown[]) => ({ type: 'record', name: 'Build', fields });
const array = (items: unknown) => ({ type: 'array', items });
const CIDR = { name: 'cidr', type: 'string' };
const SCORE = { name: 'score', type: 'double' };
const DOMAIN = { name: 'domain', type: 'string' };
const EXACT_CIDRS = { name: 'cidrs', type: array(entry([CIDR, SCORE])) };

describe('the schema grammar', () => {
  it('resolves named types through namespaces: bare names in the enclosing namespace, full names anywhere', () => {
    const root = parseSchema(
      JSON.stringify({
        type: 'record',
        name: 'Outer',
        namespace: 'a.b',
        fields: [
          { name: 'one', type: { type: 'fixed', name: 'Four', size: 4 } },
          { name: 'two', type: 'Four' },
          { name: 'three', type: 'a.b.Four' },
          { name: 'four', type: { type: 'enum', name: 'x.y.Colour', symbols: ['RED'] } },
          { name: 'five', type: 'x.y.Colour' },
          { name: 'six', type: { type: 'record', name: 'Inner', namespace: 'c', fields: [{ name: 'f', type: { type: 'fixed', name: 'Two', size: 2 } }] } },
          { name: 'seven', type: 'c.Two' },
        ],
      }),
    ) as RecordType;
    const types = root.fields.map((f) => describeType(f.type));
    expect(types).toEqual(['fixed a.b.Four', 'fixed a.b.Four', 'fixed a.b.Four', 'enum x.y.Colour', 'enum x.y.Colour', 'record c.Inner', 'fixed c.Two']);
  });

  it('lets a record refer to itself (recursive types)', () => {
    const root = parseSchema(JSON.stringify({ type: 'record', name: 'Node', fields: [{ name: 'next', type: ['null', 'Node'] }] })) as RecordType;
    const next = root.fields[0].type;
    expect(next.kind === 'union' && next.branches[1]).toBe(root);
  });

  it('reads primitives given as objects, with logical types and Java string properties, as the primitive', () => {
    const root = parseSchema(
      JSON.stringify(
        build([
          { name: 'a', type: { type: 'string', 'avro.java.string': 'String' } },
          { name: 'b', type: { type: { type: 'string' } } },
          { name: 'c', type: { type: 'long', logicalType: 'timestamp-millis' } },
          { name: 'd', type: { type: 'bytes', logicalType: 'decimal', precision: 4, scale: 2 } },
        ]),
      ),
    ) as RecordType;
    expect(root.fields.map((f) => describeType(f.type))).toEqual(['string', 'string', 'long', 'bytes']);
  });

  it.each([
    ['an unknown type name', build([{ name: 'a', type: 'Nope' }]), 'unknown type name Nope'],
    [
      'a name defined twice',
      build([
        { name: 'a', type: { type: 'fixed', name: 'F', size: 1 } },
        { name: 'b', type: { type: 'fixed', name: 'F', size: 1 } },
      ]),
      'duplicate type name: F',
    ],
    ['a record without fields', { type: 'record', name: 'R' }, 'record R has no "fields" list'],
    [
      'two fields of one name',
      build([
        { name: 'a', type: 'int' },
        { name: 'a', type: 'int' },
      ]),
      'a record has two fields of one name',
    ],
    ['a fixed without size', build([{ name: 'a', type: { type: 'fixed', name: 'F' } }]), 'fixed F has no valid "size"'],
    ['an array without items', build([{ name: 'a', type: { type: 'array' } }]), 'an array has no "items"'],
    ['a type object without a type', build([{ name: 'a', type: { items: 'int' } }]), 'field Build.a has no "type"'],
    [
      'a type nested past any writer',
      build([{ name: 'a', type: Array.from({ length: 150 }).reduce<unknown>((t) => ({ type: 'array', items: t }), 'int') }]),
      'nested more than 100 levels deep',
    ],
  ])('refuses %s', (_, schema, message) => {
    expect(() => parseSchema(JSON.stringify(schema))).toThrow(SchemaError);
    expect(() => parseSchema(JSON.stringify(schema))).toThrow(message);
  });
});

describe('telling the layouts apart', () => {
  const plan = (schema: unknown) => compilePlan(parseSchema(JSON.stringify(schema)));

  it('a record with models is the build layout; with domain and cidrs, the rows layout', () => {
    expect(
      plan(
        build([
          { name: 'version', type: 'string' },
          { name: 'threshold', type: 'double' },
          { name: 'models', type: array(model([DOMAIN, EXACT_CIDRS])) },
        ]),
      ).layout,
    ).toBe('build');
    expect(plan(model([DOMAIN, EXACT_CIDRS])).layout).toBe('rows');
  });

  it('marks the exact notebook schema (also with Java string properties) for the fast loop, and not one with extras', () => {
    const javaString = { type: 'string', 'avro.java.string': 'String' };
    const exact = plan(
      model([
        { name: 'domain', type: javaString },
        { name: 'cidrs', type: array(entry([{ name: 'cidr', type: javaString }, SCORE])) },
      ]),
    );
    expect(exact.layout === 'rows' && exact.model.cidrs.record.fast).toBe(true);
    const extra = plan(model([DOMAIN, { name: 'cidrs', type: array(entry([CIDR, SCORE, { name: 'x', type: 'int' }])) }]));
    expect(extra.layout === 'rows' && extra.model.cidrs.record.fast).toBe(false);
  });

  it.each([
    ['Spark', ['string', 'null'], ['double', 'null'], { cidrTag: 0, scoreTag: 0, scoreWidth: 8 }],
    ['Hive', ['null', 'string'], ['null', 'float'], { cidrTag: 2, scoreTag: 2, scoreWidth: 4 }],
  ])('runs %s-style entries (unions with null) through the fast loop, with each branch byte', (_, cidrType, scoreType, expected) => {
    const p = plan(
      model([
        DOMAIN,
        {
          name: 'cidrs',
          type: [
            array([
              entry([
                { name: 'cidr', type: cidrType },
                { name: 'score', type: scoreType },
              ]),
              'null',
            ]),
            'null',
          ],
        },
      ]),
    );
    expect(p.layout === 'rows' && p.model.cidrs.record).toMatchObject({ fast: true, ...expected });
  });

  it.each([
    ['an int score', { name: 'score', type: 'int' }],
    ['a score union with two numbers', { name: 'score', type: ['null', 'int', 'double'] }],
  ])('decodes %s one entry at a time', (_, score) => {
    const p = plan(model([DOMAIN, { name: 'cidrs', type: array(entry([CIDR, score])) }]));
    expect(p.layout === 'rows' && p.model.cidrs.record.fast).toBe(false);
  });

  it.each([
    ['a root that is not a record', array('string'), 'the writer schema is array<string>, not a record; expected a build-layout record'],
    [
      'a record of neither layout',
      build([
        { name: 'name', type: 'string' },
        { name: 'ips', type: array('string') },
      ]),
      'found record Build with fields name, ips',
    ],
    ['models that are not an array of records', build([{ name: 'models', type: array('string') }]), 'field models is array<string>'],
    [
      'a model without cidrs',
      build([{ name: 'models', type: array(model([DOMAIN])) }]),
      'record Model (models[]) has fields domain; it needs domain and cidrs',
    ],
    [
      'an entry without a score',
      model([DOMAIN, { name: 'cidrs', type: array(entry([CIDR])) }]),
      'record Cidr (cidrs[]) has fields cidr; it needs cidr and score',
    ],
    ['a domain that is not a string', model([{ name: 'domain', type: 'int' }, EXACT_CIDRS]), 'field domain is int; expected string'],
    [
      'a score that is a string',
      model([DOMAIN, { name: 'cidrs', type: array(entry([CIDR, { name: 'score', type: 'string' }])) }]),
      'field cidrs[].score is string; expected double',
    ],
    [
      'a score union without a number',
      model([DOMAIN, { name: 'cidrs', type: array(entry([CIDR, { name: 'score', type: ['null'] }])) }]),
      'field cidrs[].score is union [null]',
    ],
    [
      'a version that is a double',
      build([
        { name: 'version', type: 'double' },
        { name: 'models', type: array(model([DOMAIN, EXACT_CIDRS])) },
      ]),
      'field version is double; expected string, int or long',
    ],
  ])('refuses %s, saying what it found and what it expected', (_, schema, message) => {
    expect(() => plan(schema)).toThrow(LayoutError);
    expect(() => plan(schema)).toThrow(message);
  });

  it('a refused layout is an AvroFormatError naming the file', async () => {
    const e = await formatError(file(build([{ name: 'name', type: 'string' }]), []), 'other.avro');
    expect(e.message).toMatch(/^other\.avro: byte \d+: the writer schema is neither sender-model layout/);
  });
});

describe('the encodings accepted for the layout fields', () => {
  it('version and threshold as unions with null: a null version/threshold is passed as null', async () => {
    const schema = build([
      { name: 'version', type: ['null', 'string'] },
      { name: 'threshold', type: ['null', 'double'] },
      { name: 'models', type: array(model([DOMAIN, EXACT_CIDRS])) },
    ]);
    const { sink } = await read(file(schema, [(e) => e.long(0).long(0).long(0)]));
    expect(sink.calls).toEqual(['version null', 'threshold null']);
  });

  it.each([
    ['long', (e: TestEncoder) => e.long(9007199254740993n), '9007199254740993'],
    ['int', (e: TestEncoder) => e.long(-42), '-42'],
    ['string', (e: TestEncoder) => e.string('2016-08-22_02:25:57'), '2016-08-22_02:25:57'],
  ])('a %s version is passed as its exact text', async (type, write, text) => {
    const schema = build([
      { name: 'version', type },
      { name: 'models', type: array(model([DOMAIN, EXACT_CIDRS])) },
    ]);
    const { sink } = await read(file(schema, [(e) => (write(e), e.long(0))]));
    expect(sink.versions).toEqual([text]);
  });

  it.each([
    ['float', (e: TestEncoder) => e.float(0.25), 0.25],
    ['int', (e: TestEncoder) => e.long(1), 1],
    ['long', (e: TestEncoder) => e.long(0), 0],
  ])('a %s threshold is passed as a number', async (type, write, value) => {
    const schema = build([
      { name: 'threshold', type },
      { name: 'models', type: array(model([DOMAIN, EXACT_CIDRS])) },
    ]);
    const { sink } = await read(file(schema, [(e) => (write(e), e.long(0))]));
    expect(sink.thresholds).toEqual([value]);
  });

  it('a build without version/threshold fields takes them from the metadata', async () => {
    const schema = build([{ name: 'models', type: array(model([DOMAIN, EXACT_CIDRS])) }]);
    const { sink } = await read(file(schema, [(e) => e.long(0)], { version: 'm-1', threshold: '0.4' }));
    expect(sink.calls).toEqual(['version m-1', 'threshold 0.4']);
  });

  it('a metadata threshold that is not a number is reported and gives no threshold', async () => {
    const { sink } = await read(file(model([DOMAIN, EXACT_CIDRS]), [], { threshold: 'high' }));
    expect(sink.thresholds).toEqual([null]);
    expect(sink.problems).toEqual([{ field: 'metadata.threshold', value: 'high', reason: 'not a finite number; the file gives no threshold' }]);
  });

  it.each([
    ['float', (e: TestEncoder) => e.float(0.5), 0.5],
    ['int', (e: TestEncoder) => e.long(1), 1],
    ['long', (e: TestEncoder) => e.long(0), 0],
    [['double', 'null'], (e: TestEncoder) => e.long(0).double(0.75), 0.75],
    [['double', 'null'], (e: TestEncoder) => e.long(1), null],
  ])('a score of type %j is passed as a number (or null)', async (type, write, value) => {
    const schema = model([DOMAIN, { name: 'cidrs', type: array(entry([CIDR, { name: 'score', type }])) }]);
    const { sink } = await read(file(schema, [(e) => (e.string('a.example').long(1).string('192.0.2.1'), write(e), e.long(0))]));
    expect(sink.content()).toEqual({ 'a.example': [['192.0.2.1', value]] });
  });

  it('a null domain is reported and its entries dropped; a null cidr is reported and the entry dropped', async () => {
    const schema = model([
      { name: 'domain', type: ['null', 'string'] },
      { name: 'cidrs', type: array(entry([{ name: 'cidr', type: ['null', 'string'] }, SCORE])) },
    ]);
    const { sink } = await read(
      file(schema, [
        (e) => e.long(0).long(1).long(1).string('192.0.2.1').double(0.5).long(0),
        (e) => e.long(1).string('b.example').long(2).long(0).double(0.5).long(1).string('192.0.2.2').double(0.25).long(0),
      ]),
    );
    expect(sink.content()).toEqual({ 'b.example': [['192.0.2.2', 0.25]] });
    expect(sink.problems).toEqual([
      { row: 1, field: 'domain', value: 'null', reason: 'the domain is null; its entries are dropped' },
      { row: 2, field: 'cidrs[0].cidr', value: 'null', reason: 'the cidr is null; entry dropped' },
    ]);
  });

  it('extra fields of every Avro type, at every level, are skipped', async () => {
    const extras = [
      { name: 'xNull', type: 'null' },
      { name: 'xBool', type: 'boolean' },
      { name: 'xInt', type: 'int' },
      { name: 'xLong', type: 'long' },
      { name: 'xFloat', type: 'float' },
      { name: 'xDouble', type: 'double' },
      { name: 'xBytes', type: 'bytes' },
      { name: 'xString', type: 'string' },
      { name: 'xEnum', type: { type: 'enum', name: 'E', symbols: ['A', 'B'] } },
      { name: 'xFixed', type: { type: 'fixed', name: 'F', size: 3 } },
      { name: 'xArray', type: array('int') },
      { name: 'xMap', type: { type: 'map', values: 'F' } },
      { name: 'xUnion', type: ['null', 'E', 'string'] },
      { name: 'xTree', type: { type: 'record', name: 'T', fields: [{ name: 'kids', type: array('T') }] } },
    ];
    // The same extras at the three levels need distinct type names: define once, refer after.
    const again = extras.map((f) => ({ name: f.name, type: typeof f.type === 'object' && 'name' in f.type ? f.type.name : f.type }));
    const writeExtras = (e: TestEncoder): void => {
      e.raw(Buffer.from([1]))
        .long(-7)
        .long(2n ** 62n)
        .float(1.5)
        .double(2.5)
        .string('bytes')
        .string('text')
        .long(1)
        .raw(Buffer.from('abc'));
      e.long(2).long(1).long(2).long(0); // array of 2 ints
      e.long(1).string('k').raw(Buffer.from('xyz')).long(0); // map of 1 fixed
      e.long(2).string('union'); // union branch 2 (string)
      e.long(1).long(0).long(0); // tree: one kid with no kids
    };
    const schema = build([
      ...extras,
      { name: 'version', type: 'string' },
      {
        name: 'models',
        type: array(
          model([...again, DOMAIN, { name: 'cidrs', type: array(entry([...again, CIDR, ...again.map((f) => ({ ...f, name: `${f.name}2` })), SCORE])) }]),
        ),
      },
      { name: 'threshold', type: 'double' },
    ]);
    const { sink } = await read(
      file(schema, [
        (e) => {
          writeExtras(e);
          e.string('v1').long(1);
          writeExtras(e);
          e.string('a.example').long(1);
          writeExtras(e);
          e.string('192.0.2.1');
          writeExtras(e);
          e.double(0.5).long(0).long(0).double(0.3);
        },
      ]),
    );
    expect(sink.calls).toEqual(['version v1', 'domain a.example', 'entry a.example 192.0.2.1 0.5', 'threshold 0.3']);
  });

  it('a union branch index out of range is an error inside the block', async () => {
    const schema = model([DOMAIN, { name: 'cidrs', type: array(entry([CIDR, { name: 'score', type: ['null', 'double'] }])) }]);
    const e = await formatError(file(schema, [(w) => w.string('a.example').long(1).string('192.0.2.1').long(5).long(0)]));
    expect(e.message).toContain('block 1, record 1: union branch index 5 is out of range (the union has 2 branches)');
  });
});
