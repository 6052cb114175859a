// Bad input made by mutating good fixtures: every one must be an AvroFormatError whose message
// names the file and the byte offset of the problem, the same from a file and from a stream.

import { describe, expect, it } from 'vitest';
import { ROWS_SCHEMA, TestEncoder } from './avro-test-writer';
import { fixtureBytes, formatError, layoutOf, patched, read, replacedText, varint } from './helpers';

const BUILD_DEFLATE = fixtureBytes('sendermodels-1.avro'); // build layout, deflate, 1 block
const ROWS_NULL = fixtureBytes('sendermodels-2.avro'); // rows layout, null codec, 1 block
const BUILD_NULL_2 = fixtureBytes('py-build-null.avro'); // build layout, null codec, 2 blocks
const ROWS_SNAPPY_2 = fixtureBytes('py-rows-snappy.avro'); // rows layout, snappy, 2 blocks

describe('the header', () => {
  it('an empty file is an error at byte 0, not an empty build', async () => {
    const e = await formatError(Buffer.alloc(0), 'empty.avro');
    expect(e.offset).toBe(0);
    expect(e.message).toBe('empty.avro: byte 0: the file is empty; an Avro object container starts with "Obj" and byte 1');
  });

  it.each([
    ['a zip file', Buffer.from('PK\x03\x04rest', 'latin1'), '50 4b 03 04'],
    ['Avro version 2 magic', patched(ROWS_NULL, 3, [2]), '4f 62 6a 02'],
    ['JSON', Buffer.from('[{"domain": "a.example"}]'), '5b 7b 22 64'],
  ])('%s (wrong magic) is an error at byte 0 naming the bytes found', async (_, bytes, found) => {
    const e = await formatError(bytes);
    expect(e.offset).toBe(0);
    expect(e.message).toContain(`not an Avro object container: it starts with ${found}, expected 4f 62 6a 01`);
  });

  it('a header-only file (0 blocks) is a valid empty build; version/threshold come from its metadata', async () => {
    const { headerLength } = layoutOf(ROWS_NULL);
    const { result, sink } = await read(ROWS_NULL.subarray(0, headerLength), { name: 'header-only.avro' });
    expect(result).toMatchObject({ layout: 'rows', codec: 'null', records: 0, blocks: 0, bytes: headerLength });
    expect(sink.calls).toEqual(['version 2', 'threshold 0.3']);
  });

  it('a header-only build-layout file is a valid empty build with no version or threshold', async () => {
    const { headerLength } = layoutOf(BUILD_DEFLATE);
    const { result, sink } = await read(BUILD_DEFLATE.subarray(0, headerLength));
    expect(result).toMatchObject({ layout: 'build', records: 0, blocks: 0 });
    expect(sink.calls).toEqual(['version null', 'threshold null']);
  });

  it.each([
    ['inside the magic', 2],
    ['after the magic', 4],
    ['inside the metadata map', 12],
    ['inside the schema', 300],
    ['inside the sync marker', -8],
  ])('a file truncated %s is an error saying the header is cut short', async (_, at) => {
    const { headerLength } = layoutOf(ROWS_NULL);
    const cut = at < 0 ? headerLength + at : at;
    const e = await formatError(ROWS_NULL.subarray(0, cut));
    expect(e.offset).toBeLessThanOrEqual(cut);
    expect(e.message).toMatch(/the file ends inside its header \(.+\): it is truncated, or not a complete Avro container$/);
  });

  it('a truncated sync marker is reported at the offset where the marker starts', async () => {
    const { headerLength } = layoutOf(ROWS_NULL);
    const e = await formatError(ROWS_NULL.subarray(0, headerLength - 3));
    expect(e.offset).toBe(headerLength - 16);
    expect(e.message).toContain('(in the sync marker)');
  });

  it('a schema that is neither layout is an error at the schema, naming the expected fields and the ones found', async () => {
    const bytes = replacedText(ROWS_NULL, '"domain"', '"domian"');
    const e = await formatError(bytes, 'sendermodels-2.avro');
    expect(e.offset).toBe(ROWS_NULL.indexOf('{"type": "record"'));
    expect(e.message).toContain('the writer schema is neither sender-model layout: expected a build-layout record {version, threshold, models');
    expect(e.message).toContain('or a rows-layout record {domain, cidrs: array<{cidr, score}>}; found record DomainModel with fields domian, cidrs');
  });

  it('a layout whose fields have the wrong types is an error naming the field and its type', async () => {
    const bytes = replacedText(BUILD_DEFLATE, '{"type": "double", "name": "score"}', '{"type": "string", "name": "score"}');
    const e = await formatError(bytes);
    expect(e.message).toContain('field models[].cidrs[].score is string; expected double, float, int or long (or a union of it with null)');
  });

  it('a schema that is not JSON is an error at the schema', async () => {
    const e = await formatError(replacedText(ROWS_NULL, '{"type": "record"', '<"type": "record"'));
    expect(e.offset).toBe(ROWS_NULL.indexOf('{"type": "record"'));
    expect(e.message).toMatch(/avro\.schema is not a valid Avro schema: .*JSON/);
  });

  it('a schema referring to an undefined type is an error naming it', async () => {
    const e = await formatError(replacedText(ROWS_NULL, '"type": "string", "name": "cidr"', '"type": "strong", "name": "cidr"'));
    expect(e.message).toContain('avro.schema is not a valid Avro schema: unknown type name strong');
  });

  it('a header without avro.schema is an error', async () => {
    const e = await formatError(replacedText(ROWS_NULL, 'avro.schema', 'avro.schemX'));
    expect(e.message).toContain('the header has no avro.schema');
  });

  it('an unknown codec is an error naming it, at its metadata value', async () => {
    const e = await formatError(replacedText(BUILD_DEFLATE, 'deflate', 'zstdard'));
    expect(e.offset).toBe(BUILD_DEFLATE.indexOf('deflate'));
    expect(e.message).toContain('codec "zstdard" is not supported (null, deflate and snappy are)');
  });

  it('a metadata value longer than the file is an error, not an attempt to buffer it', async () => {
    // The length varint of the avro.codec value (4 bytes, "null") made 2^40.
    const at = ROWS_NULL.indexOf('null') - 1;
    const bytes = Buffer.concat([ROWS_NULL.subarray(0, at), new TestEncoder().long(2 ** 40).bytes(), ROWS_NULL.subarray(at + 1)]);
    const e = await formatError(bytes);
    expect(e.offset).toBe(at);
    expect(e.message).toContain('claims 1099511627776 bytes');
  });

  it('a metadata key given twice is an error at the second one', async () => {
    const e = new TestEncoder().raw(Buffer.from('Obj\x01', 'latin1')).long(3);
    e.string('avro.schema').string(JSON.stringify(ROWS_SCHEMA)).string('k').string('1');
    const secondAt = e.length;
    e.string('k').string('2').long(0).raw(Buffer.alloc(16));
    const error = await formatError(e.bytes());
    expect(error.offset).toBe(secondAt);
    expect(error.message).toContain('the metadata key "k" appears twice');
  });
});

describe('blocks', () => {
  it('a file truncated inside a block header is an error at the block, saying what follows the sync marker is not a whole block', async () => {
    const { blocks } = layoutOf(ROWS_NULL);
    const e = await formatError(ROWS_NULL.subarray(0, blocks[0].start + 1));
    expect(e.offset).toBe(blocks[0].start);
    expect(e.message).toContain("the file ends inside block 1's byte size: what follows the header's sync marker is not a whole block");
  });

  it.each([
    ['inside its data', (b: { dataStart: number; size: number }) => b.dataStart + Math.floor(b.size / 2)],
    ['inside its sync marker', (b: { syncStart: number }) => b.syncStart + 8],
    ['right before its sync marker', (b: { syncStart: number }) => b.syncStart],
  ])('a file truncated in its last block, %s, is an error at the block naming its size and where the file ends', async (_, cutAt) => {
    const { blocks } = layoutOf(BUILD_NULL_2);
    const last = blocks[1];
    const cut = cutAt(last);
    const e = await formatError(BUILD_NULL_2.subarray(0, cut));
    expect(e.offset).toBe(last.start);
    expect(e.message).toContain(
      `block 2 (1 record) says it has ${last.size} bytes of data and a 16-byte sync marker, but the file ends ${cut - last.dataStart} bytes ` +
        `after byte ${last.dataStart}: what follows the last sync marker is not a whole block (the file is truncated, or has trailing bytes)`,
    );
  });

  it.each([
    ['one zero byte', [0]],
    ['a few bytes', [2, 4, 1]],
    ['a block header and too little data', [2, 100, 1, 2, 3]],
  ])('trailing bytes after the last sync marker (%s) are an error at the end of the good data', async (_, tail) => {
    const e = await formatError(Buffer.concat([ROWS_SNAPPY_2, Buffer.from(tail)]));
    expect(e.offset).toBe(ROWS_SNAPPY_2.length);
    expect(e.message).toContain('what follows the last sync marker is not a whole block (the file is truncated, or has trailing bytes)');
  });

  it('trailing text after the last sync marker is an error at the end of the good data', async () => {
    const e = await formatError(Buffer.concat([ROWS_NULL, Buffer.from('garbage')]));
    expect(e.offset).toBe(ROWS_NULL.length);
    expect(e.message).toContain('block 2 has a negative record count');
  });

  it('trailing zero bytes that look like an empty block are caught by the sync marker', async () => {
    const e = await formatError(Buffer.concat([ROWS_NULL, Buffer.alloc(18)]));
    expect(e.offset).toBe(ROWS_NULL.length + 2);
    expect(e.message).toContain("block 2's sync marker does not match the header's — the file is corrupt or truncated");
  });

  it("a block's corrupted sync marker is an error at that marker", async () => {
    const { blocks } = layoutOf(BUILD_NULL_2);
    const bytes = patched(BUILD_NULL_2, blocks[0].syncStart + 15, [BUILD_NULL_2[blocks[0].syncStart + 15] ^ 0xff]);
    const e = await formatError(bytes, 'sendermodels-1.avro');
    expect(e.offset).toBe(blocks[0].syncStart);
    expect(e.message).toBe(
      `sendermodels-1.avro: byte ${blocks[0].syncStart}: block 1's sync marker does not match the header's — the file is corrupt or truncated`,
    );
  });

  it("a corrupted header sync marker makes the first block's marker mismatch", async () => {
    const { headerLength, blocks } = layoutOf(ROWS_NULL);
    const e = await formatError(patched(ROWS_NULL, headerLength - 1, [ROWS_NULL[headerLength - 1] ^ 1]));
    expect(e.offset).toBe(blocks[0].syncStart);
  });

  it('a block size one byte too large or too small puts the sync marker check on the wrong bytes', async () => {
    const { blocks } = layoutOf(BUILD_NULL_2);
    const b = blocks[0];
    const [, sizeEnd] = varint(BUILD_NULL_2, b.start + 1);
    const size = (n: number) => Buffer.concat([BUILD_NULL_2.subarray(0, b.start + 1), new TestEncoder().long(n).bytes(), BUILD_NULL_2.subarray(sizeEnd)]);
    expect((await formatError(size(b.size + 1))).message).toContain("block 1's sync marker does not match");
    expect((await formatError(size(b.size - 1))).message).toContain("block 1's sync marker does not match");
  });

  it('a negative record count is an error at the block', async () => {
    const { blocks } = layoutOf(ROWS_NULL);
    const e = await formatError(patched(ROWS_NULL, blocks[0].start, [0x01]));
    expect(e.offset).toBe(blocks[0].start);
    expect(e.message).toContain('block 1 has a negative record count (-1)');
  });

  it('a negative byte size is an error at the size', async () => {
    const { blocks } = layoutOf(ROWS_NULL);
    const at = blocks[0].start + 1;
    const e = await formatError(patched(ROWS_NULL, at, [ROWS_NULL[at] | 1]));
    expect(e.offset).toBe(at);
    expect(e.message).toMatch(/block 1 has a negative byte size \(-\d+\)/);
  });

  it('a block holding fewer records than it says is an error at the end of its data, naming the record', async () => {
    const { blocks } = layoutOf(ROWS_NULL);
    const e = await formatError(patched(ROWS_NULL, blocks[0].start, [2 * 6]), 'rows.avro');
    expect(e.offset).toBe(blocks[0].syncStart);
    expect(e.message).toBe(`rows.avro: byte ${blocks[0].syncStart}: block 1, record 6: the data ends inside the length of a domain`);
  });

  it('a block holding more records than it says is an error naming the bytes left over', async () => {
    const { blocks } = layoutOf(ROWS_NULL);
    const e = await formatError(patched(ROWS_NULL, blocks[0].start, [2 * 4]));
    const leftOver = ROWS_NULL.indexOf('quiet.example') - 1 - blocks[0].dataStart;
    expect(e.offset).toBe(blocks[0].dataStart + leftOver);
    expect(e.message).toContain(`block 1: the block says it holds 4 records, but they end at byte ${leftOver} of its ${blocks[0].size} bytes of data`);
  });

  it('a value running past the end of the block data is an error at that value (null codec: its exact byte)', async () => {
    // The last cidr of the file given a length of 40 bytes: only 27 bytes of data follow it.
    const at = ROWS_NULL.indexOf('203.0.113.9') - 1;
    const e = await formatError(patched(ROWS_NULL, at, [2 * 40]));
    expect(e.offset).toBe(at);
    expect(e.message).toContain('block 1, record 5: the data ends inside a cidr (40 bytes)');
  });

  it('a negative string length inside the data is an error at that length', async () => {
    const at = ROWS_NULL.indexOf('192.0.2.11') - 1;
    const e = await formatError(patched(ROWS_NULL, at, [0x13]));
    expect(e.offset).toBe(at);
    expect(e.message).toContain('block 1, record 1: a cidr has a negative length (-10)');
  });

  it('corrupt deflate data is an error at the block data, saying so', async () => {
    const { blocks } = layoutOf(BUILD_DEFLATE);
    const e = await formatError(patched(BUILD_DEFLATE, blocks[0].dataStart, [0xff]));
    expect(e.offset).toBe(blocks[0].dataStart);
    expect(e.message).toMatch(/block 1: deflate data is corrupt \(.+\)$/);
  });

  it('deflate data that inflates to something else is an error inside the block, by decompressed offset', async () => {
    const { blocks } = layoutOf(BUILD_DEFLATE);
    // A stored (uncompressed) deflate block holding bytes that are not a build record.
    const junk = Buffer.from([0x02, 0xff, 0xff]);
    const stored = Buffer.concat([Buffer.from([0x01, junk.length, 0, ~junk.length & 0xff, 0xff]), junk]);
    const bytes = Buffer.concat([
      BUILD_DEFLATE.subarray(0, blocks[0].start),
      new TestEncoder().long(1).long(stored.length).raw(stored).bytes(),
      layoutOf(BUILD_DEFLATE).sync,
    ]);
    const e = await formatError(bytes);
    expect(e.offset).toBe(blocks[0].start + 2);
    expect(e.message).toMatch(/block 1, record 1 \(at byte \d of its 3 decompressed bytes\): the data ends inside/);
  });

  it('a snappy block whose CRC-32 does not match its data is an error naming both checksums', async () => {
    const { blocks } = layoutOf(ROWS_SNAPPY_2);
    const crcAt = blocks[1].syncStart - 1;
    const e = await formatError(patched(ROWS_SNAPPY_2, crcAt, [ROWS_SNAPPY_2[crcAt] ^ 0x40]));
    expect(e.offset).toBe(blocks[1].dataStart);
    expect(e.message).toMatch(
      /block 2: snappy block checksum does not match: the block says CRC-32 0x[0-9a-f]{8}, its \d+ decompressed bytes have 0x[0-9a-f]{8}$/,
    );
  });

  it('corrupt snappy data is an error at the block data', async () => {
    const { blocks } = layoutOf(ROWS_SNAPPY_2);
    const e = await formatError(patched(ROWS_SNAPPY_2, blocks[0].dataStart, [0xff, 0xff, 0xff, 0xff, 0xff]));
    expect(e.offset).toBe(blocks[0].dataStart);
    expect(e.message).toMatch(/block 1: snappy (data is corrupt|block checksum does not match)/);
  });

  it('two records with different versions are an error at the second version, naming both', async () => {
    const bytes = fixtureBytes('py-build-versions-differ.avro');
    const { blocks } = layoutOf(bytes);
    const [, versionAt] = varint(bytes, blocks[1].dataStart); // after the record's first field, a long
    const e = await formatError(bytes, 'py-build-versions-differ.avro');
    expect(e.offset).toBe(versionAt);
    expect(e.message).toBe(
      `py-build-versions-differ.avro: byte ${versionAt}: block 2: record 2 has version "2", record 1 had "1": one build cannot hold two versions`,
    );
  });
});
