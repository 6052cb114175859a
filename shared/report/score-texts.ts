// The JSON text of a model entry's score, made once per entry. In a heavy feedback pull the same
// entries are matched by many items (overlapping /16s of several orgs), and turning a double
// into its shortest text is most of the cost of a JSON report's matches. The texts live in one
// growing byte arena, bounded: past `maxBytes` the remaining entries are formatted each time.

export class ScoreTexts {
  /** Per entry: its text's position in the arena, -1 before it is made. */
  private readonly at: Int32Array;
  private arena = new Uint8Array(1 << 16);
  private used = 0;

  constructor(
    entries: number,
    private readonly maxBytes = 160 << 20,
  ) {
    this.at = new Int32Array(entries).fill(-1);
  }

  /** Writes the score's text into `buf` at `pos`; returns the position after it. */
  write(entry: number, score: number, buf: Uint8Array, pos: number): number {
    let start = this.at[entry];
    if (start < 0) {
      const text = String(score);
      const n = text.length;
      if (this.used + n + 1 > this.arena.length) {
        if (this.arena.length >= this.maxBytes) {
          for (let i = 0; i < n; i++) buf[pos++] = text.charCodeAt(i);
          return pos;
        }
        const bigger = new Uint8Array(Math.min(this.maxBytes, this.arena.length * 2));
        bigger.set(this.arena.subarray(0, this.used));
        this.arena = bigger;
        if (this.used + n + 1 > this.arena.length) {
          for (let i = 0; i < n; i++) buf[pos++] = text.charCodeAt(i);
          return pos;
        }
      }
      start = this.used;
      this.arena[start] = n;
      for (let i = 0; i < n; i++) this.arena[start + 1 + i] = text.charCodeAt(i);
      this.used += n + 1;
      this.at[entry] = start;
    }
    const arena = this.arena;
    const end = start + 1 + arena[start];
    for (let k = start + 1; k < end; k++) buf[pos++] = arena[k];
    return pos;
  }
}
