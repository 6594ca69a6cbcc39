/**
 * Count, Σw, mean, variance, min and max of a zone, streamed run by run (a run = the values of one row
 * of the zone, a few hundred at most, still in cache): each run is summarised in two passes around its
 * own mean, and runs are merged with Chan's pairwise update of the sum of squared deviations; the
 * total Σw·v and Σw are compensated (Neumaier). So the zone's values need not be kept, and mean/std
 * stay within ~1e-15 relative of numpy's two-pass float64 ones.
 * Reference: Chan, Golub & LeVeque (1979) "Updating formulae and a pairwise algorithm for computing
 * sample variances"; Neumaier (1974); numpy.mean / numpy.std (ddof=0).
 */

/** Neumaier's compensated running sum (s, c): adds v. */
class Compensated {
  private s = 0;
  private c = 0;
  add(v: number): void {
    const t = this.s + v;
    this.c += Math.abs(this.s) >= Math.abs(v) ? this.s - t + v : v - t + this.s;
    this.s = t;
  }
  get value(): number {
    return this.s + this.c;
  }
}

export class ZoneMoments {
  /** Values added. */
  count = 0;
  min = Infinity;
  max = -Infinity;
  private readonly sum = new Compensated();
  private readonly weight = new Compensated();
  /** Σw·(v − mean)² over the values added so far. */
  private squares = 0;

  /** Σw (the count when unweighted). */
  get total(): number {
    return this.weight.value;
  }

  get mean(): number {
    return this.sum.value / this.weight.value;
  }

  /** Population variance (ddof = 0). */
  get variance(): number {
    return this.squares / this.weight.value;
  }

  /**
   * Adds the run values[from, to) (with weights[from, to), or weight 1 each when null; values finite,
   * weights > 0) and returns its Σw.
   */
  add(values: Float64Array, weights: Float64Array | null, from: number, to: number): number {
    let s = 0;
    let w = to - from;
    let min = Infinity;
    let max = -Infinity;
    if (weights === null) {
      for (let i = from; i < to; i++) {
        const v = values[i]!;
        s += v;
        if (v < min) min = v;
        if (v > max) max = v;
      }
    } else {
      w = 0;
      for (let i = from; i < to; i++) {
        const v = values[i]!;
        s += weights[i]! * v;
        w += weights[i]!;
        if (v < min) min = v;
        if (v > max) max = v;
      }
    }
    this.addSummed(values, weights, from, to, { sum: s, weight: w, min, max });
    return w;
  }

  /**
   * add() of a run whose Σw·v, Σw, min and max its caller already has (summed while gathering it):
   * only the deviations from the run's mean are left to sum.
   */
  addSummed(
    values: Float64Array,
    weights: Float64Array | null,
    from: number,
    to: number,
    run: { readonly sum: number; readonly weight: number; readonly min: number; readonly max: number },
  ): void {
    if (to <= from) return;
    const w = run.weight;
    const m = run.sum / w;
    let q = 0;
    if (weights === null) {
      for (let i = from; i < to; i++) q += (values[i]! - m) * (values[i]! - m);
    } else {
      for (let i = from; i < to; i++) q += weights[i]! * ((values[i]! - m) * (values[i]! - m));
    }
    const before = this.weight.value;
    if (before === 0) this.squares = q;
    else {
      const delta = m - this.mean;
      this.squares += q + (delta * delta * (before * w)) / (before + w);
    }
    this.sum.add(run.sum);
    this.weight.add(w);
    this.count += to - from;
    if (run.min < this.min) this.min = run.min;
    if (run.max > this.max) this.max = run.max;
  }
}
