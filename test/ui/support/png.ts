// Reading a PNG's facts in a test: its size (IHDR) and its text chunks (tEXt, iTXt).

import zlib from 'node:zlib';

export interface PngFacts {
  width: number;
  height: number;
  texts: Record<string, string>;
}

export function pngFacts(bytes: Buffer): PngFacts {
  if (bytes.subarray(1, 4).toString() !== 'PNG') throw new Error('not a PNG');
  const facts: PngFacts = { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20), texts: {} };
  for (let at = 8; at < bytes.length; ) {
    const length = bytes.readUInt32BE(at);
    const type = bytes.subarray(at + 4, at + 8).toString('latin1');
    const data = bytes.subarray(at + 8, at + 8 + length);
    if (type === 'tEXt') {
      const nul = data.indexOf(0);
      facts.texts[data.subarray(0, nul).toString('latin1')] = data.subarray(nul + 1).toString('latin1');
    } else if (type === 'iTXt') {
      const nul = data.indexOf(0);
      const keyword = data.subarray(0, nul).toString('latin1');
      const compressed = data[nul + 1] === 1;
      let rest = data.subarray(nul + 3);
      rest = rest.subarray(rest.indexOf(0) + 1); // language tag
      rest = rest.subarray(rest.indexOf(0) + 1); // translated keyword
      facts.texts[keyword] = (compressed ? zlib.inflateSync(rest) : rest).toString('utf8');
    }
    at += 12 + length;
  }
  return facts;
}
