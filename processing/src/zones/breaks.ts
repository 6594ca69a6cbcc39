/**
 * Class breaks of an index (NDVI, VARI …) for vigour zones: quantiles (equal pixel counts) or
 * Fisher–Jenks natural breaks (least within-class sum of squared deviations). Breaks are the k − 1
 * inner limits, ascending; a value ≥ breaks[i − 1] and < breaks[i] is in class i (see classify.ts).
 * NaN (nodata) values are ignored. Many equal values can give equal breaks: the class between them is
 * then empty.
 * Reference: Hyndman & Fan (1996) type 7 quantiles (numpy's default); Fisher W. D. (1958) "On grouping
 * for maximum homogeneity", JASA 53; Jenks G. F. (1967) "The data model concept in statistical mapping".
 */
import { ValidationError } from '../errors.ts';

/** Configurable default: Jenks runs on at most this many evenly spaced order statistics of the values. */
export const DEFAULT_JENKS_SAMPLE = 2000;

/** Finite values, sorted ascending; at least `k` needed for `k` classes. */
function sortedFinite(values: ArrayLike<number>, k: number): Float64Array {
  if (!Number.isInteger(k) || k < 2) {
    throw new ValidationError(`number of classes must be an integer ≥ 2, got ${k}`);
  }
  const out = new Float64Array(values.length);
  let n = 0;
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i]!)) out[n++] = values[i]!;
  if (n < k) throw new ValidationError(`${k} classes need at least ${k} valid values, got ${n}`);
  return out.subarray(0, n).sort();
}

/** Type-7 quantile of sorted values at p ∈ [0, 1]: linear between order statistics at (n − 1)·p. */
function quantile(sorted: Float64Array, p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/** The k − 1 quantile breaks (at 1/k, 2/k …) of the finite values. */
export function quantileBreaks(values: ArrayLike<number>, k: number): number[] {
  const sorted = sortedFinite(values, k);
  return Array.from({ length: k - 1 }, (_, i) => quantile(sorted, (i + 1) / k));
}

/** At most `size` evenly spaced order statistics of sorted values (all of them when fewer). */
function orderSample(sorted: Float64Array, size: number): Float64Array {
  if (sorted.length <= size) return sorted;
  return Float64Array.from(
    { length: size },
    (_, i) => sorted[Math.round((i * (sorted.length - 1)) / (size - 1))]!,
  );
}

/**
 * Fisher–Jenks natural breaks: the exact partition of the sorted values into k contiguous classes
 * that minimises the total within-class sum of squared deviations (dynamic programming, O(k·n²));
 * each break is the lowest value of its class. Large inputs are first reduced to `sampleSize`
 * evenly spaced order statistics.
 */
export function jenksBreaks(
  values: ArrayLike<number>,
  k: number,
  sampleSize = DEFAULT_JENKS_SAMPLE,
): number[] {
  const x = orderSample(sortedFinite(values, k), sampleSize);
  const n = x.length;
  const s1 = new Float64Array(n + 1);
  const s2 = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) {
    s1[i + 1] = s1[i]! + x[i]!;
    s2[i + 1] = s2[i]! + x[i]! * x[i]!;
  }
  // sum of squared deviations of x[i..j) (j exclusive)
  const ssd = (i: number, j: number): number => {
    const s = s1[j]! - s1[i]!;
    return Math.max(0, s2[j]! - s2[i]! - (s * s) / (j - i));
  };
  // cost[c][j]: best cost of x[0..j) in c + 1 classes; start[c][j]: where its last class begins
  let cost = Float64Array.from({ length: n + 1 }, (_, j) => (j > 0 ? ssd(0, j) : 0));
  const starts: Int32Array[] = [];
  for (let c = 1; c < k; c++) {
    const next = new Float64Array(n + 1).fill(Infinity);
    const start = new Int32Array(n + 1);
    for (let j = c + 1; j <= n; j++) {
      for (let i = c; i < j; i++) {
        const v = cost[i]! + ssd(i, j);
        if (v < next[j]!) {
          next[j] = v;
          start[j] = i;
        }
      }
    }
    starts.push(start);
    cost = next;
  }
  const breaks: number[] = [];
  let end = n;
  for (let c = k - 2; c >= 0; c--) {
    end = starts[c]![end]!;
    breaks.unshift(x[end]!);
  }
  return breaks;
}
