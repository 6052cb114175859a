// Text chunks in a PNG (iTXt, UTF-8): inserted right after the IHDR chunk, each with its CRC,
// so that what a chart shows is also written in the file — a file browser, an image tool or a
// test can read the title without looking at the pixels.

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function iTXt(keyword: string, text: string): Uint8Array {
  const enc = new TextEncoder();
  // keyword NUL, compression flag 0, method 0, language tag NUL, translated keyword NUL, text.
  const data = new Uint8Array([...enc.encode(keyword), 0, 0, 0, 0, 0, ...enc.encode(text)]);
  const chunk = new Uint8Array(12 + data.length);
  const view = new DataView(chunk.buffer);
  view.setUint32(0, data.length);
  chunk.set(enc.encode('iTXt'), 4);
  chunk.set(data, 8);
  view.setUint32(8 + data.length, crc32(chunk.subarray(4, 8 + data.length)));
  return chunk;
}

export async function withTextChunks(png: Blob, texts: Record<string, string>): Promise<Blob> {
  const bytes = new Uint8Array(await png.arrayBuffer());
  // Signature (8 bytes), then IHDR: length (4) + type (4) + 13 bytes + CRC (4).
  const afterHeader = 8 + 12 + new DataView(bytes.buffer).getUint32(8);
  const chunks = Object.entries(texts).map(([k, v]) => iTXt(k, v));
  return new Blob([bytes.subarray(0, afterHeader), ...chunks, bytes.subarray(afterHeader)] as BlobPart[], { type: 'image/png' });
}
