import { describe, expect, it } from 'vitest';
import {
  defaultIdFromName,
  feedbackPullId,
  foldSnapshotId,
  generationOfFileName,
  snapshotFileName,
  validateSnapshotId,
} from '../../main/workspace/snapshot-id';

describe('validateSnapshotId', () => {
  it('accepts letters, digits and . _ - : up to 100 characters', () => {
    for (const id of ['sendermodels-2016-08-22_02:25:57', 'reputation-1472029516.15', 'a', 'x'.repeat(100)]) {
      expect(validateSnapshotId(id)).toBe(id);
    }
  });

  it('rejects an empty id, a long id and other characters, saying what is allowed', () => {
    expect(() => validateSnapshotId('')).toThrow(/it is empty; use 1–100 characters of letters/);
    expect(() => validateSnapshotId('x'.repeat(101))).toThrow(/it is 101 characters long/);
    expect(() => validateSnapshotId('a b')).toThrow(/it contains a space; use 1–100 characters of letters \(A–Z, a–z\), digits and \. _ - :/);
    expect(() => validateSnapshotId('a/b')).toThrow(/'\/' \(U\+002F\)/);
    expect(() => validateSnapshotId('bücher')).toThrow(/'ü' \(U\+00FC\)/);
  });
});

describe('defaultIdFromName', () => {
  it('takes the base name of a path or S3 key without its extension', () => {
    expect(defaultIdFromName('/data/sendermodels-2016-08-22_02:25:57.avro')).toBe('sendermodels-2016-08-22_02:25:57');
    expect(defaultIdFromName('activereputation/reputation-1472029516.15.json')).toBe('reputation-1472029516.15');
    expect(defaultIdFromName('C:\\Users\\me\\feedback.jsonl')).toBe('feedback');
    expect(defaultIdFromName('no-extension')).toBe('no-extension');
  });

  it('replaces characters an id cannot hold by "-" and cuts to 100 characters', () => {
    expect(defaultIdFromName('my build (copy) 2.avro')).toBe('my-build--copy--2');
    expect(defaultIdFromName('Bücher😀.json')).toBe('B-cher-');
    expect(defaultIdFromName(`${'y'.repeat(150)}.avro`)).toBe('y'.repeat(100));
  });

  it('refuses a name that gives no id, asking for --id', () => {
    expect(() => defaultIdFromName('prefix/')).toThrow(/give one with --id/);
  });
});

describe('feedbackPullId', () => {
  it('is feedback-YYYYMMDDTHHMMSSZ in UTC', () => {
    expect(feedbackPullId(new Date('2026-03-04T05:06:07.890Z'))).toBe('feedback-20260304T050607Z');
  });
});

describe('snapshotFileName', () => {
  it("maps ':' to '+' because Windows forbids ':' in file names", () => {
    expect(snapshotFileName('sendermodels-2016-08-22_02:25:57', 1)).toBe('sendermodels-2016-08-22_02+25+57.1.sqlite');
  });

  it('keeps names Windows reserves for devices out of the way, one-to-one', () => {
    expect(snapshotFileName('con', 2)).toBe('~con.2.sqlite');
    expect(snapshotFileName('NUL.x', 1)).toBe('~NUL.x.1.sqlite');
    expect(snapshotFileName('console', 1)).toBe('console.1.sqlite');
  });

  it('carries the generation, which can be read back', () => {
    expect(generationOfFileName(snapshotFileName('b', 12))).toBe(12);
    expect(generationOfFileName('.tmp-b-1-abcdefabcdef.sqlite')).toBeNull();
  });
});

describe('foldSnapshotId', () => {
  it('makes ids that differ only in case the same', () => {
    expect(foldSnapshotId('SenderModels-1')).toBe(foldSnapshotId('sendermodels-1'));
  });
});
