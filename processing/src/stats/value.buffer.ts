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

  /** Room for `more` values beyond `length`; returns the arrays to write into directly. */
  reserve(more: number): { values: Float64Array; weights: Float64Array | null } {
    if (this.length + more > this.v.length) {
      const size = Math.max(this.v.length * 2, this.length + more);
      this.v = grow(this.v, size);
      if (this.w) this.w = grow(this.w, size);
    }
    return { values: this.v, weights: this.w };
  }

  /** Empties the list, keeping its room (one buffer serves zone after zone). */
  clear(): void {
    this.length = 0;
  }

  values(): Float64Array {
    return this.v.subarray(0, this.length);
  }

  /** The weights, or null when unweighted. */
  weights(): Float64Array | null {
    return this.w ? this.w.subarray(0, this.length) : null;
  }
}

function grow(a: Float64Array, size: number): Float64Array {
  const b = new Float64Array(size);
  b.set(a);
  return b;
}
