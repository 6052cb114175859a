// Byte arrays that arrive in pieces.

/** The parts as one array: the part itself when there is one, else a copy of them end to end. */
export function concatBytes(parts: readonly Uint8Array[], total = parts.reduce((sum, p) => sum + p.length, 0)): Uint8Array {
  if (parts.length === 1) return parts[0];
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
