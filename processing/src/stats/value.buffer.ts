/**
 * A growable list of float64 values, with a coverage weight per value when weighted: what a zone
 * collects before its summary (percentiles need every value).
 */
export class ValueBuffer {
  private v: Float64Array = new Float64Array(1024);
  private w: Float64Array | null;
  length = 0;

  constructor(weighted: boolean) {
    this.w = weighted ? new Float64Array(1024) : null;
  }

  push(value: number, weight: number): void {
    if (this.length === this.v.length) {
      this.v = grow(this.v);
      if (this.w) this.w = grow(this.w);
    }
    this.v[this.length] = value;
    if (this.w) this.w[this.length] = weight;
    this.length++;
  }

  values(): Float64Array {
    return this.v.subarray(0, this.length);
  }

  /** The weights, or null when unweighted. */
  weights(): Float64Array | null {
    return this.w ? this.w.subarray(0, this.length) : null;
  }
}

function grow(a: Float64Array): Float64Array {
  const b = new Float64Array(a.length * 2);
  b.set(a);
  return b;
}
