// What S3 knows about an object's bytes, checked against the bytes that arrived. Avro has no
// checksum over a deflate block or over the block list, so a flipped byte or a cut at a block
// boundary reads as a valid build: the pull checks what S3 offers instead — the object's
// full-object checksum (asked for with ChecksumMode ENABLED), else the MD5 that is the ETag of a
// single-part upload, else only the size (already checked by the download).

import crypto from 'node:crypto';
import zlib from 'node:zlib';

export type IntegrityMethod = 'sha256' | 'sha1' | 'crc64nvme' | 'crc32c' | 'crc32' | 'md5-etag' | 'size';

/** The object's headers that say what its bytes are. */
export interface ObjectFacts {
  etag?: string;
  checksumSHA256?: string;
  checksumSHA1?: string;
  checksumCRC64NVME?: string;
  checksumCRC32C?: string;
  checksumCRC32?: string;
  /** FULL_OBJECT or COMPOSITE (a checksum of the parts' checksums: not of the bytes). */
  checksumType?: string;
  /** `aws:kms`, `aws:kms:dsse`: the ETag is then not the MD5 of the bytes. */
  serverSideEncryption?: string;
  /** SSE-C: the same. */
  sseCustomerAlgorithm?: string;
}

export interface IntegrityMismatch {
  method: IntegrityMethod;
  /** What S3 says, as S3 writes it (base64 for checksums, hex for the ETag). */
  expected: string;
  /** What the bytes that arrived give, written the same way. */
  actual: string;
}

const LABELS: Record<IntegrityMethod, string> = {
  sha256: 'SHA-256 checksum',
  sha1: 'SHA-1 checksum',
  crc64nvme: 'CRC-64/NVME checksum',
  crc32c: 'CRC-32C checksum',
  crc32: 'CRC-32 checksum',
  'md5-etag': 'MD5 (its ETag)',
  size: 'size',
};

export function integrityLabel(method: IntegrityMethod): string {
  return LABELS[method];
}

interface Digest {
  update(chunk: Uint8Array): void;
  /** As S3 writes it. */
  value(): string;
}

/** Picks the strongest check the object's headers allow, and runs it over the bytes as they come. */
export class IntegrityCheck {
  readonly method: IntegrityMethod;
  private readonly expected: string;
  private readonly digest: Digest | null;

  constructor(facts: ObjectFacts) {
    const [method, expected] = chooseMethod(facts);
    this.method = method;
    this.expected = expected;
    this.digest = method === 'size' ? null : newDigest(method);
  }

  update(chunk: Uint8Array): void {
    this.digest?.update(chunk);
  }

  /** Null when the bytes are the object's (or only the size could be checked). */
  mismatch(): IntegrityMismatch | null {
    if (!this.digest) return null;
    const actual = this.digest.value();
    return actual === this.expected ? null : { method: this.method, expected: this.expected, actual };
  }
}

function chooseMethod(facts: ObjectFacts): [IntegrityMethod, string] {
  // A composite checksum (`…-3`, or ChecksumType COMPOSITE) is of the parts' checksums.
  const whole = (value: string | undefined) =>
    value !== undefined && value !== '' && !/-\d+$/u.test(value) && facts.checksumType !== 'COMPOSITE' ? value : undefined;
  const checksums: Array<[IntegrityMethod, string | undefined]> = [
    ['sha256', whole(facts.checksumSHA256)],
    ['sha1', whole(facts.checksumSHA1)],
    ['crc64nvme', whole(facts.checksumCRC64NVME)],
    ['crc32c', whole(facts.checksumCRC32C)],
    ['crc32', whole(facts.checksumCRC32)],
  ];
  for (const [method, value] of checksums) if (value !== undefined) return [method, value];
  // A single-part upload's ETag is the MD5 of its bytes, unless KMS or a customer key encrypted it.
  const etag = /^"?([0-9a-fA-F]{32})"?$/u.exec(facts.etag ?? '');
  const encrypted = (facts.serverSideEncryption !== undefined && facts.serverSideEncryption !== 'AES256') || facts.sseCustomerAlgorithm !== undefined;
  if (etag && !encrypted) return ['md5-etag', etag[1].toLowerCase()];
  return ['size', ''];
}

function newDigest(method: Exclude<IntegrityMethod, 'size'>): Digest {
  switch (method) {
    case 'sha256':
    case 'sha1': {
      const hash = crypto.createHash(method);
      return { update: (c) => void hash.update(c), value: () => hash.digest('base64') };
    }
    case 'md5-etag': {
      const hash = crypto.createHash('md5');
      return { update: (c) => void hash.update(c), value: () => hash.digest('hex') };
    }
    case 'crc32': {
      let crc = 0;
      return { update: (c) => void (crc = zlib.crc32(c, crc)), value: () => base64Of32(crc) };
    }
    case 'crc32c': {
      let crc = 0xffffffff;
      return {
        update: (c) => void (crc = crc32cUpdate(crc, c)),
        value: () => base64Of32((crc ^ 0xffffffff) >>> 0),
      };
    }
    case 'crc64nvme': {
      const state = { hi: 0xffffffff, lo: 0xffffffff };
      return {
        update: (c) => crc64Update(state, c),
        value: () => {
          const out = Buffer.alloc(8);
          out.writeUInt32BE((state.hi ^ 0xffffffff) >>> 0, 0);
          out.writeUInt32BE((state.lo ^ 0xffffffff) >>> 0, 4);
          return out.toString('base64');
        },
      };
    }
  }
}

function base64Of32(value: number): string {
  const out = Buffer.alloc(4);
  out.writeUInt32BE(value >>> 0, 0);
  return out.toString('base64');
}

// CRC-32C (Castagnoli), reflected polynomial 0x82F63B78, one table lookup per byte.
const CRC32C_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0x82f63b78 : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32cUpdate(crc: number, bytes: Uint8Array): number {
  let c = crc >>> 0;
  for (let i = 0; i < bytes.length; i++) c = CRC32C_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return c >>> 0;
}

// CRC-64/NVME, reflected polynomial 0x9A6C9329AC4BC9B5, the 64-bit state kept as two 32-bit
// halves so that no BigInt is made per byte.
const CRC64_TABLE = (() => {
  const hi = new Uint32Array(256);
  const lo = new Uint32Array(256);
  const poly = 0x9a6c9329ac4bc9b5n;
  for (let n = 0; n < 256; n++) {
    let c = BigInt(n);
    for (let k = 0; k < 8; k++) c = c & 1n ? (c >> 1n) ^ poly : c >> 1n;
    hi[n] = Number(c >> 32n);
    lo[n] = Number(c & 0xffffffffn);
  }
  return { hi, lo };
})();

export function crc64Update(state: { hi: number; lo: number }, bytes: Uint8Array): void {
  let { hi, lo } = state;
  const th = CRC64_TABLE.hi;
  const tl = CRC64_TABLE.lo;
  for (let i = 0; i < bytes.length; i++) {
    const index = (lo ^ bytes[i]) & 0xff;
    lo = ((lo >>> 8) | (hi << 24)) ^ tl[index];
    hi = (hi >>> 8) ^ th[index];
  }
  state.hi = hi >>> 0;
  state.lo = lo >>> 0;
}
