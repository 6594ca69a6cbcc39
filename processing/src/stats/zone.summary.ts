/**
 * The statistics of one zone from its values (and coverage weights): count, area in ha, mean, std
 * (population, like numpy's default ddof=0), min, max, p10/p50/p90 and a histogram. Sums are
 * compensated (Neumaier) and the variance is two-pass around the mean, so the results match numpy's
 * float64 mean/std to ~1e-15 relative. A zone with no value gets count 0 and nulls.
 * Reference: SPEC §3 (POST /api/statistics stats); Neumaier (1974); numpy.std.
 */
import { type ZoneHistogram, histogramOf, type HistogramSpec } from './histogram.ts';
import { quantileSorted, weightedQuantileSorted } from './quantiles.ts';

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

/** Neumaier-compensated Σ f(i) for i < n. */
function compensatedSum(n: number, f: (i: number) => number): number {
  let sum = 0;
  let comp = 0;
  for (let i = 0; i < n; i++) {
    const v = f(i);
    const t = sum + v;
    comp += Math.abs(sum) >= Math.abs(v) ? sum - t + v : v - t + sum;
    sum = t;
  }
  return sum + comp;
}

/** Values and weights in ascending value order. */
function sortByValue(values: Float64Array, weights: Float64Array): [Float64Array, Float64Array] {
  const order = Array.from(values.keys()).sort((i, j) => values[i]! - values[j]!);
  return [Float64Array.from(order, (i) => values[i]!), Float64Array.from(order, (i) => weights[i]!)];
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
  const w = (i: number): number => (weights ? weights[i]! : 1);
  const total = weights ? compensatedSum(n, w) : n;
  const mean = compensatedSum(n, (i) => w(i) * values[i]!) / total;
  const variance = compensatedSum(n, (i) => w(i) * (values[i]! - mean) ** 2) / total;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    min = Math.min(min, values[i]!);
    max = Math.max(max, values[i]!);
  }
  let quantile: (q: number) => number;
  if (weights) {
    const [v, ws] = sortByValue(values, weights);
    quantile = (q) => weightedQuantileSorted(v, ws, q);
  } else {
    const sorted = Float64Array.from(values).sort();
    quantile = (q) => quantileSorted(sorted, q);
  }
  return {
    count: n,
    area_ha: areaM2 / 10_000,
    mean,
    std: Math.sqrt(variance),
    min,
    max,
    p10: quantile(0.1),
    p50: quantile(0.5),
    p90: quantile(0.9),
    histogram: histogramOf(values, weights, histogram, min, max),
  };
}
