/**
 * The statistics of one zone from its values (and coverage weights): count, area in ha, mean, std
 * (population, like numpy's default ddof=0), min, max, p10/p50/p90 and a histogram. Sums are
 * compensated (Neumaier) and the variance is two-pass around the mean, so the results match numpy's
 * float64 mean/std to ~1e-15 relative. Percentiles come from bucket counts and a selection (unweighted)
 * or a sort (coverage mode) inside the few buckets needed, never of the whole zone. A zone with no value
 * gets count 0 and nulls.
 * Reference: SPEC §3 (POST /api/statistics stats); Neumaier (1974); numpy.std.
 */
import { HistogramBins, type HistogramSpec, type ZoneHistogram } from './histogram.ts';
import { quantilesBySelection, ValueBuckets, weightedQuantilesByBuckets } from './quantiles.ts';

export interface ZoneStats {
  /** Valid pixels counted (centre mode), or touched with a coverage > 0 (coverage mode). */
  readonly count: number;
  readonly area_ha: number;
  readonly mean: number | null;
  readonly std: number | null;
  readonly min: number | null;
  readonly max: number | null;
  readonly p10: number | null;
  readonly p50: number | null;
  readonly p90: number | null;
  readonly histogram: ZoneHistogram | null;
}

export const EMPTY_ZONE: ZoneStats = {
  count: 0,
  area_ha: 0,
  mean: null,
  std: null,
  min: null,
  max: null,
  p10: null,
  p50: null,
  p90: null,
  histogram: null,
};

const QUANTILES = [0.1, 0.5, 0.9];

/** Neumaier's compensated running sum (s, c): adds v. */
class Compensated {
  s = 0;
  c = 0;
  add(v: number): void {
    const t = this.s + v;
    this.c += Math.abs(this.s) >= Math.abs(v) ? this.s - t + v : v - t + this.s;
    this.s = t;
  }
  get value(): number {
    return this.s + this.c;
  }
}

/** One pass: Σw, Σw·v (compensated), min and max. */
function firstPass(values: Float64Array, weights: Float64Array | null) {
  let min = Infinity;
  let max = -Infinity;
  const sum = new Compensated();
  const weight = new Compensated();
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v < min) min = v;
    if (v > max) max = v;
    if (weights === null) sum.add(v);
    else {
      sum.add(weights[i]! * v);
      weight.add(weights[i]!);
    }
  }
  const total = weights === null ? values.length : weight.value;
  return { total, mean: sum.value / total, min, max };
}

/**
 * The second pass, once mean, min and max are known: Σw·(v − mean)² (two-pass variance, as numpy), the
 * histogram and the percentile buckets.
 */
function secondPass(
  values: Float64Array,
  weights: Float64Array | null,
  mean: number,
  histogram: HistogramBins,
  buckets: ValueBuckets,
): number {
  const squares = new Compensated();
  if (weights === null) {
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      squares.add((v - mean) * (v - mean));
      histogram.add(v, 1);
      buckets.count(v);
    }
    return squares.value;
  }
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    const w = weights[i]!;
    squares.add(w * ((v - mean) * (v - mean)));
    histogram.add(v, w);
    buckets.add(v, w);
  }
  return squares.value;
}

/**
 * Summary of `values` (each with its `weights` entry, or weight 1 when null); `areaM2` is the area of
 * the counted pixels (Σ coverage × cell area in coverage mode).
 */
export function summariseZone(
  values: Float64Array,
  weights: Float64Array | null,
  areaM2: number,
  histogram: HistogramSpec,
): ZoneStats {
  const n = values.length;
  if (n === 0) return EMPTY_ZONE;
  const { total, mean, min, max } = firstPass(values, weights);
  const bins = new HistogramBins(histogram, min, max);
  const buckets = new ValueBuckets(min, max);
  const variance = secondPass(values, weights, mean, bins, buckets) / total;
  const [p10 = null, p50 = null, p90 = null] = weights
    ? weightedQuantilesByBuckets(values, weights, QUANTILES, min, max, buckets)
    : quantilesBySelection(values, QUANTILES, min, max, buckets);
  return {
    count: n,
    area_ha: areaM2 / 10_000,
    mean,
    std: Math.sqrt(variance),
    min,
    max,
    p10,
    p50,
    p90,
    histogram: bins.result(),
  };
}
