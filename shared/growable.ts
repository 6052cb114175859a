// Append-only typed arrays that double when full: entries of a build arrive one by one from a
// reader and must not become one object each.

type TypedArrayCtor<T> = { new (length: number): T };

export class Growable<T extends Uint32Array | Uint8Array | Float64Array | BigUint64Array | Int32Array> {
  array: T;
  length = 0;
  constructor(
    private readonly ctor: TypedArrayCtor<T>,
    capacity = 1024,
  ) {
    this.array = new ctor(capacity);
  }
  push(value: T extends BigUint64Array ? bigint : number): void {
    if (this.length === this.array.length) this.grow();
    (this.array as unknown as Array<typeof value>)[this.length++] = value;
  }
  private grow(): void {
    const next = new this.ctor(this.array.length * 2);
    (next as unknown as { set(a: T): void }).set(this.array);
    this.array = next;
  }
  /** The filled part (a view, not a copy). */
  view(): T {
    return this.array.subarray(0, this.length) as T;
  }
}
