/**
 * The statistics of one zone from its values (and coverage weights): count, area in ha, mean, std
 * (population, like numpy's default ddof=0), min, max, p10/p50/p90 and a histogram. Sums are
 * compensated (Neumaier) and the variance is two-pass around the mean, so the results match numpy's
 * float64 mean/std to ~1e-15 relative. Percentiles come from bucket counts and a selection inside the few buckets needed (unweighted) or from a sort
 * of the values by value with their weights (coverage mode: the fully covered pixels sorted natively,
 * the partly covered ones apart, then merged). A zone with no value gets count 0 and nulls.
 * Reference: SPEC §3 (POST /api/statistics stats); Neumaier (1974); numpy.std.
 */
import { type ZoneHistogram, histogramOf, type HistogramSpec } from './histogram.ts';
import { quantilesBySelection, weightedQuantileSorted } from './quantiles.ts';

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

/** Neumaier-compensated Σ weights[i]·f(values[i]) for f = identity, or (v − centre)² when `squares`. */
function compensated(
  values: Float64Array,
  weights: Float64Array | null,
  squares: boolean,
  centre = 0,
): number {
  let s = 0;
  let c = 0;
  for (let i = 0; i < values.length; i++) {
    const d = squares ? (values[i]! - centre) * (values[i]! - centre) : values[i]!;
    const v = weights === null ? d : weights[i]! * d;
    const t = s + v;
    c += Math.abs(s) >= Math.abs(v) ? s - t + v : v - t + s;
    s = t;
  }
  return s + c;
}

/** Σw, mean and population variance (two-pass), min and max. */
function moments(values: Float64Array, weights: Float64Array | null) {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const weight = weights ? compensated(weights, null, false) : values.length;
  const mean = compensated(values, weights, false) / weight;
  return { mean, variance: compensated(values, weights, true, mean) / weight, min, max };
}

/** Values in ascending order with their weights: weight-1 values sorted natively, the others apart, merged. */
function sortWeighted(values: Float64Array, weights: Float64Array): [Float64Array, Float64Array] {
  const full: number[] = [];
  const partial: number[] = [];
  for (let i = 0; i < values.length; i++) (weights[i] === 1 ? full : partial).push(i);
  const whole = Float64Array.from(full, (i) => values[i]!).sort();
  partial.sort((i, j) => values[i]! - values[j]! || weights[i]! - weights[j]!);
  const v = new Float64Array(values.length);
  const w = new Float64Array(values.length);
  let a = 0;
  let b = 0;
  for (let k = 0; k < v.length; k++) {
    const p = partial[b];
    if (a < whole.length && (p === undefined || whole[a]! <= values[p]!)) {
      v[k] = whole[a++]!;
      w[k] = 1;
    } else {
      v[k] = values[p!]!;
      w[k] = weights[p!]!;
      b++;
    }
  }
  return [v, w];
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
  const { mean, variance, min, max } = moments(values, weights);
  let quantiles: number[];
  if (weights) {
    const [v, w] = sortWeighted(values, weights);
    quantiles = QUANTILES.map((q) => weightedQuantileSorted(v, w, q));
  } else {
    quantiles = quantilesBySelection(values, QUANTILES, min, max);
  }
  const [p10 = null, p50 = null, p90 = null] = quantiles;
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
    histogram: histogramOf(values, weights, histogram, min, max),
  };
}
