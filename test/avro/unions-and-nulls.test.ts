// Writer schemas as pipelines make them (DESIGN §3.1): every field, array and item may be a union
// with null, in either order (Spark `[T, "null"]`, Hive and Avro tools `["null", T]`). Present
// values read as from the plain schema; a null array is empty; a null model, domain, entry or cidr
// drops that one thing, as one rejected entry with one problem naming its record and path; a null
// version or threshold is "not given".

import { describe, expect, it } from 'vitest';
import { compilePlan, LayoutError } from '../../main/avro/decode-plan';
import { parseSchema } from '../../main/avro/schema';
import { container, TestEncoder } from './avro-test-writer';
import { formatError, read } from './helpers';

type Order = 'spark' | 'hive';

/** `[T, "null"]` (Spark) or `["null", T]` (Hive): a value's branch index, and null's. */
const opt = (order: Order, type: unknown): unknown => (order === 'spark' ? [type, 'null'] : ['null', type]);
const VALUE = { spark: 0, hive: 1 } as const;
const NULL = { spark: 1, hive: 0 } as const;

function schemas(order: Order) {
  const entry = {
    type: 'record',
    name: 'cidrs',
    namespace: 'topLevelRecord.models',
    fields: [
      { name: 'cidr', type: opt(order, 'string') },
      { name: 'score', type: opt(order, 'double') },
    ],
  };
  const model = {
    type: 'record',
    name: 'models',
    namespace: 'topLevelRecord',
    fields: [
      { name: 'domain', type: opt(order, 'string') },
      { name: 'cidrs', type: opt(order, { type: 'array', items: opt(order, entry) }) },
    ],
  };
  const build = {
    type: 'record',
    name: 'topLevelRecord',
    fields: [
      { name: 'version', type: opt(order, 'string') },
      { name: 'threshold', type: opt(order, 'double') },
      { name: 'models', type: opt(order, { type: 'array', items: opt(order, model) }), default: null },
    ],
  };
  const rows = { ...model, name: 'row', namespace: 'com.example.hive' };
  return { build, rows };
}

/** Writes values of a Spark- or Hive-style schema: `v` before a present value, `n` for a null. */
function writer(order: Order) {
  const e = new TestEncoder();
  const w = {
    e,
    v: () => {
      e.long(VALUE[order]);
      return w;
    },
    n: () => {
      e.long(NULL[order]);
      return w;
    },
    str: (s: string) => {
      w.v();
      e.string(s);
      return w;
    },
    dbl: (x: number) => {
      w.v();
      e.double(x);
      return w;
    },
    entry: (cidr: string | null, score: number | null) => {
      w.v();
      if (cidr === null) w.n();
      else w.str(cidr);
      if (score === null) w.n();
      else w.dbl(score);
      return w;
    },
    /** A model: its domain (or null) and its entries (null: a null cidrs array; `null` items: null entries). */
    model: (domain: string | null, entries: ([string | null, number | null] | null)[] | null) => {
      w.v();
      if (domain === null) w.n();
      else w.str(domain);
      if (entries === null) return w.n();
      w.v();
      if (entries.length > 0) {
        e.long(entries.length);
        for (const x of entries) {
          if (x === null) w.n();
          else w.entry(x[0], x[1]);
        }
      }
      e.long(0);
      return w;
    },
  };
  return w;
}

function file(schema: unknown, records: Buffer[], meta?: Record<string, string>): Buffer {
  return container({ schema, meta, blocks: [{ count: records.length, data: Buffer.concat(records) }] });
}

describe.each(['spark', 'hive'] as const)('%s-style unions at every level', (order) => {
  const { build, rows } = schemas(order);

  it('read present values exactly as the plain schema would, through the fast loop', async () => {
    const w = writer(order).str('v-7').dbl(0.35).v();
    w.e.long(2);
    w.model('a.example', [
      ['192.0.2.1', 0.5],
      ['2001:db8::/32', 0.25],
    ]).model('b.example', [['198.51.100.0/24', 1]]);
    w.e.long(0);
    const { sink, result } = await read(file(build, [w.e.bytes()]));
    expect(result.layout).toBe('build');
    expect(sink.calls).toEqual([
      'version v-7',
      'threshold 0.35',
      'domain a.example',
      'entry a.example 192.0.2.1 0.5',
      'entry a.example 2001:db8::/32 0.25',
      'domain b.example',
      'entry b.example 198.51.100.0/24 1',
    ]);
    expect(sink.entries.every((x) => x.via === 'addEntryBytes')).toBe(true);
    expect(sink.entries[1].where).toEqual({ record: 1, path: 'models[0].cidrs[1]' });
  });

  it('count a null models or cidrs array as empty, without a problem', async () => {
    const first = writer(order).str('v').dbl(0.3).n().e.bytes();
    const w = writer(order).str('v').dbl(0.3).v();
    w.e.long(2);
    w.model('quiet.example', null).model('empty.example', []);
    w.e.long(0);
    const { sink } = await read(file(build, [first, w.e.bytes()]));
    expect(sink.domains.map((d) => d.domain)).toEqual(['quiet.example', 'empty.example']);
    expect(sink.entries).toEqual([]);
    expect(sink.problems).toEqual([]);
  });

  it('drop a null model, domain, entry or cidr one by one, each one rejected entry and one problem with its record and path', async () => {
    const one = writer(order).str('v').dbl(0.3).v();
    one.e.long(1);
    one.model('ok.example', [['192.0.2.1', 0.5]]);
    one.e.long(0);
    const w = writer(order).str('v').dbl(0.3).v();
    w.e.long(5);
    w.n(); // models[0] is null
    w.model(null, [
      ['192.0.2.2', 0.5],
      ['192.0.2.3', 0.5],
    ]); // one problem for the model, not one per entry
    w.model('a.example', [['192.0.2.4', 0.1], null, [null, 0.2], ['192.0.2.5', null], [null, null], ['192.0.2.6', 0.3]]);
    w.model('b.example', [null]);
    w.model('c.example', [['192.0.2.7', 0.9]]);
    w.e.long(0);
    const { sink } = await read(file(build, [one.e.bytes(), w.e.bytes()]));
    expect(sink.rejected).toEqual([
      { row: 2, field: 'models[0]', value: 'null', reason: 'the model is null; dropped' },
      { row: 2, field: 'models[1].domain', value: 'null', reason: 'the domain is null; its entries are dropped' },
      { row: 2, field: 'models[2].cidrs[1]', value: 'null', reason: 'the entry is null; dropped' },
      { row: 2, field: 'models[2].cidrs[2].cidr', value: 'null', reason: 'the cidr is null; entry dropped' },
      { row: 2, field: 'models[2].cidrs[4].cidr', value: 'null', reason: 'the cidr is null; entry dropped' },
      { row: 2, field: 'models[3].cidrs[0]', value: 'null', reason: 'the entry is null; dropped' },
    ]);
    // A null score is the sink's to drop and report (it does so for NaN too): passed as null.
    expect(sink.content()).toEqual({
      'ok.example': [['192.0.2.1', 0.5]],
      'a.example': [
        ['192.0.2.4', 0.1],
        ['192.0.2.5', null],
        ['192.0.2.6', 0.3],
      ],
      'b.example': [],
      'c.example': [['192.0.2.7', 0.9]],
    });
    expect(sink.entries.find((x) => x.cidr === '192.0.2.5')?.where).toEqual({ record: 2, path: 'models[2].cidrs[3]' });
  });

  it('read the rows layout with nulls the same way, paths without models[i]', async () => {
    const rowsOf = (domain: string | null, entries: ([string | null, number | null] | null)[] | null): Buffer => {
      const w = writer(order).model(domain, entries);
      return w.e.bytes().subarray(1); // a row is the record itself: no union before it
    };
    const { sink } = await read(
      file(rows, [rowsOf('a.example', [['192.0.2.1', 0.5], null]), rowsOf(null, [['192.0.2.2', 0.5]]), rowsOf('b.example', null)], { version: 'm-1' }),
    );
    expect(sink.content()).toEqual({ 'a.example': [['192.0.2.1', 0.5]], 'b.example': [] });
    expect(sink.rejected).toEqual([
      { row: 1, field: 'cidrs[1]', value: 'null', reason: 'the entry is null; dropped' },
      { row: 2, field: 'domain', value: 'null', reason: 'the domain is null; its entries are dropped' },
    ]);
    expect(sink.versions).toEqual(['m-1']);
  });

  it('take a null version or threshold as not given: another record, then the metadata', async () => {
    const record = (version: string | null, threshold: number | null): Buffer => {
      const w = writer(order);
      if (version === null) w.n();
      else w.str(version);
      if (threshold === null) w.n();
      else w.dbl(threshold);
      return w.n().e.bytes();
    };
    const meta = { version: 'from-metadata', threshold: '0.45' };
    const fromRecord = await read(file(build, [record(null, null), record('r-2', 0.25), record(null, null)], meta));
    expect(fromRecord.sink.versions).toEqual(['r-2']);
    expect(fromRecord.sink.thresholds).toEqual([0.25]);
    const fromMeta = await read(file(build, [record(null, null), record(null, null)], meta));
    expect(fromMeta.sink.calls).toEqual(['version from-metadata', 'threshold 0.45']);
    const none = await read(file(build, [record(null, null)]));
    expect(none.sink.calls).toEqual(['version null', 'threshold null']);
  });

  it('refuse two different non-null versions, whatever nulls come between', async () => {
    const record = (version: string | null): Buffer => {
      const w = writer(order);
      if (version === null) w.n();
      else w.str(version);
      return w.dbl(0.3).n().e.bytes();
    };
    const e = await formatError(file(build, [record('1'), record(null), record('1'), record('2')]));
    expect(e.message).toContain('block 1: record 4 has version "2", record 1 had "1": one build cannot hold two versions');
  });

  it('refuse a union branch index that is neither the value nor null, naming what it was reading', async () => {
    const w = writer(order).str('v').dbl(0.3).v();
    w.e.long(1).long(7);
    w.e.long(0);
    const e = await formatError(file(build, [w.e.bytes()]));
    expect(e.message).toContain('block 1, record 1: union branch index 7 of a model is out of range (the union has 2 branches)');
  });
});

describe('numbers and versions in the types writers use', () => {
  const build = (version: unknown, threshold: unknown, score: unknown) => ({
    type: 'record',
    name: 'com.x.Build',
    fields: [
      { name: 'version', type: version },
      { name: 'threshold', type: threshold },
      {
        name: 'models',
        type: {
          type: 'array',
          items: {
            type: 'record',
            name: 'M',
            fields: [
              { name: 'domain', type: 'string' },
              {
                name: 'cidrs',
                type: {
                  type: 'array',
                  items: {
                    type: 'record',
                    name: 'E',
                    fields: [
                      { name: 'cidr', type: 'string' },
                      { name: 'score', type: score },
                    ],
                  },
                },
              },
            ],
          },
        },
      },
    ],
  });

  it('widens a float score and threshold to the double they are exactly (0.3f is above a 0.3 cutoff)', async () => {
    const e = new TestEncoder().string('v').float(0.3).long(1).string('a.example').long(1).string('192.0.2.1').float(0.3).long(0).long(0);
    const { sink } = await read(file(build('string', 'float', 'float'), [e.bytes()]));
    expect(sink.thresholds).toEqual([0.30000001192092896]);
    expect(sink.content()['a.example']).toEqual([['192.0.2.1', 0.30000001192092896]]);
  });

  it.each([
    [{ type: 'long', logicalType: 'timestamp-millis' }, 2n ** 62n + 1n, '4611686018427387905'],
    [['null', { type: 'long', logicalType: 'timestamp-micros' }], -(2n ** 63n), '-9223372036854775808'],
    [{ type: 'int', logicalType: 'date' }, 17035n, '17035'],
  ])('keeps a %j version as its exact decimal text', async (type, value, text) => {
    const e = new TestEncoder();
    if (Array.isArray(type)) e.long(1);
    e.long(value).double(0.3).long(0);
    const { sink } = await read(file(build(type, 'double', 'double'), [e.bytes()]));
    expect(sink.versions).toEqual([text]);
  });

  it('reads int and long scores and thresholds as numbers', async () => {
    const e = new TestEncoder().string('v').long(1).long(1).string('a.example').long(2).string('192.0.2.1').long(0).string('192.0.2.2').long(1).long(0).long(0);
    const { sink } = await read(file(build('string', 'int', 'long'), [e.bytes()]));
    expect(sink.thresholds).toEqual([1]);
    expect(sink.content()['a.example']).toEqual([
      ['192.0.2.1', 0],
      ['192.0.2.2', 1],
    ]);
  });
});

describe('schemas that are still not a sender model', () => {
  const plan = (schema: unknown) => compilePlan(parseSchema(JSON.stringify(schema)));
  const entry = {
    type: 'record',
    name: 'E',
    fields: [
      { name: 'cidr', type: 'string' },
      { name: 'score', type: 'double' },
    ],
  };
  const model = (cidrs: unknown) => ({
    type: 'record',
    name: 'M',
    fields: [
      { name: 'domain', type: 'string' },
      { name: 'cidrs', type: cidrs },
    ],
  });

  it.each([
    [
      'models in a union with a string',
      { type: 'record', name: 'B', fields: [{ name: 'models', type: ['null', { type: 'array', items: model({ type: 'array', items: entry }) }, 'string'] }] },
      'field models is union [null, array<record M>, string]; expected an array of records',
    ],
    [
      'items in a union with a string',
      {
        type: 'record',
        name: 'R',
        fields: [
          { name: 'domain', type: 'string' },
          { name: 'cidrs', type: { type: 'array', items: ['null', entry, 'string'] } },
        ],
      },
      'field cidrs is array<union [null, record E, string]>; expected an array of records',
    ],
    ['cidrs as a map', model({ type: 'map', values: entry }), 'field cidrs is map<record E>; expected an array of records'],
    [
      'a domain in a union with an int',
      {
        type: 'record',
        name: 'R',
        fields: [
          { name: 'domain', type: ['null', 'string', 'int'] },
          { name: 'cidrs', type: { type: 'array', items: entry } },
        ],
      },
      'field domain is union [null, string, int]; expected string',
    ],
  ])('refuses %s, naming the field and what was expected', (_, schema, message) => {
    expect(() => plan(schema)).toThrow(LayoutError);
    expect(() => plan(schema)).toThrow(message);
  });
});
