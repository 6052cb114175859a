// Seeded pseudo-random numbers for the demo generator: mulberry32, and helpers that use only
// exact arithmetic (no Math.log/exp/sin, whose last bits may differ between engines), so the
// same seed gives the same demo everywhere.

export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A derived, independent generator (so adding draws in one part does not shift another). */
  fork(label: string): Rng {
    let h = 2166136261 ^ this.state;
    for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 16777619);
    return new Rng(h >>> 0);
  }

  /** Uniform in [0, 1) (mulberry32). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(xs: readonly T[]): T {
    if (xs.length === 0) throw new Error('pick from an empty list');
    return xs[Math.floor(this.next() * xs.length)];
  }

  /** Picks by weight: `[[value, weight], …]`. */
  weighted<T>(xs: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of xs) total += w;
    let r = this.next() * total;
    for (const [v, w] of xs) {
      r -= w;
      if (r < 0) return v;
    }
    return xs[xs.length - 1][0];
  }

  /** Roughly normal (Irwin–Hall, 4 uniforms), mean `mu`, standard deviation `sd`. */
  normal(mu: number, sd: number): number {
    const s = this.next() + this.next() + this.next() + this.next() - 2;
    return mu + s * sd * 1.7320508075688772;
  }

  /** Fisher–Yates, in place. */
  shuffle<T>(xs: T[]): T[] {
    for (let i = xs.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const t = xs[i];
      xs[i] = xs[j];
      xs[j] = t;
    }
    return xs;
  }

  /** `k` distinct elements, in random order. */
  sample<T>(xs: readonly T[], k: number): T[] {
    return this.shuffle(xs.slice()).slice(0, Math.min(k, xs.length));
  }
}

/** Clamps into [0, 1] and rounds to 6 decimals, like the scores a model build prints. */
export function score6(x: number): number {
  const c = x < 0 ? 0 : x > 1 ? 1 : x;
  return Math.round(c * 1e6) / 1e6;
}

/** Rounds to 4 decimals, for reputation risks. */
export function round4(x: number): number {
  const c = x < 0 ? 0 : x > 1 ? 1 : x;
  return Math.round(c * 1e4) / 1e4;
}
