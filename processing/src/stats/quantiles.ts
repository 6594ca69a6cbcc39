/**
 * Percentiles of a zone. Unweighted: numpy's default (method "linear", Hyndman & Fan type 7) with
 * numpy's own arithmetic — virtual index (n − 1)·q and its two-sided lerp — so results match
 * numpy.percentile bit for bit. Weighted (coverage mode): the type-7 generalisation with partial sums
 * S_k = k·w_k + (n − 1)·Σ_{i<k} w_i, target q·(n − 1)·Σw, linear between neighbours; equal weights
 * give the unweighted result.
 * Reference: numpy/lib/function_base.py (_quantile, _lerp); Wikipedia "Percentile", weighted percentile.
 */
import { orderStatistics } from './select.ts';

/** numpy's _lerp: a + (b − a)·t, computed from b when t ≥ 0.5. */
function lerp(a: number, b: number, t: number): number {
  const diff = b - a;
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}

/** The two sorted positions numpy reads for quantile q of n values, and the fraction between them. */
function positions(n: number, q: number): [number, number, number] {
  const virtual = (n - 1) * q;
  const previous = Math.min(Math.max(Math.floor(virtual), 0), n - 1);
  return [previous, Math.min(previous + 1, n - 1), virtual - Math.floor(virtual)];
}

/** The q-quantile (0 ≤ q ≤ 1) of ascending `sorted`, as numpy.quantile(method="linear"); NaN when empty. */
export function quantileSorted(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return NaN;
  const [previous, next, t] = positions(sorted.length, q);
  return lerp(sorted[previous]!, sorted[next]!, t);
}

const BUCKETS = 4096;

/** The bucket of each value: 4096 equal buckets over [lo, hi] (all in bucket 0 when lo = hi). */
class Buckets {
  readonly scale: number;
  constructor(
    readonly lo: number,
    hi: number,
  ) {
    this.scale = hi > lo ? BUCKETS / (hi - lo) : 0;
  }
  of(v: number): number {
    return Math.min(BUCKETS - 1, Math.floor((v - this.lo) * this.scale));
  }
}

/**
 * The values at sorted positions `ks` (ascending) of `values` (min `lo`, max `hi`), without a sort:
 * counts in 4096 equal buckets over [lo, hi] say which bucket holds each position; only the values of
 * those buckets are gathered, and selected among. `values` is not changed.
 */
function bucketSelect(values: Float64Array, ks: ReadonlyArray<number>, lo: number, hi: number): number[] {
  const buckets = new Buckets(lo, hi);
  const n = values.length;
  const counts = new Float64Array(BUCKETS);
  for (let i = 0; i < n; i++) counts[buckets.of(values[i]!)]!++;
  const where = ks.map((k) => {
    let b = 0;
    let before = 0;
    while (before + counts[b]! <= k) before += counts[b++]!;
    return [b, k - before] as const;
  });
  const slot = new Int32Array(BUCKETS).fill(-1);
  const gathered: Float64Array[] = [];
  for (const [b] of where) {
    if (slot[b] === -1) {
      slot[b] = gathered.length;
      gathered.push(new Float64Array(counts[b]!));
    }
  }
  const fill = new Int32Array(gathered.length);
  for (let i = 0; i < n; i++) {
    const s = slot[buckets.of(values[i]!)]!;
    if (s >= 0) gathered[s]![fill[s]!++] = values[i]!;
  }
  return where.map(([b, r]) => orderStatistics(gathered[slot[b]!]!, [r])[0]!);
}

/**
 * The quantiles `qs` of `values` (min `lo`, max `hi`) exactly as quantileSorted gives them, in O(n)
 * without sorting; NaN each when empty.
 */
export function quantilesBySelection(
  values: Float64Array,
  qs: ReadonlyArray<number>,
  lo: number,
  hi: number,
): number[] {
  const n = values.length;
  if (n === 0) return qs.map(() => NaN);
  const wanted = qs.map((q) => positions(n, q));
  const ks = [...new Set(wanted.flatMap(([p, nx]) => [p, nx]))].sort((a, b) => a - b);
  const found = bucketSelect(values, ks, lo, hi);
  const at = new Map(ks.map((k, i) => [k, found[i]!] as const));
  return wanted.map(([p, nx, t]) => lerp(at.get(p)!, at.get(nx)!, t));
}

/** The q-quantile of `values` with `weights` (both in ascending value order); NaN when empty. */
export function weightedQuantileSorted(values: Float64Array, weights: Float64Array, q: number): number {
  const n = values.length;
  if (n === 0) return NaN;
  if (n === 1) return values[0]!;
  const partial = new Float64Array(n);
  let before = 0;
  for (let k = 0; k < n; k++) {
    partial[k] = k * weights[k]! + (n - 1) * before;
    before += weights[k]!;
  }
  const target = q * (n - 1) * before;
  let k = 0;
  while (k < n - 2 && partial[k + 1]! < target) k++;
  const span = partial[k + 1]! - partial[k]!;
  const t = span > 0 ? Math.min(Math.max((target - partial[k]!) / span, 0), 1) : 0;
  return values[k]! + t * (values[k + 1]! - values[k]!);
}

/**
 * Order of two weighted values as a sort of the zone puts them: by value, a whole pixel (weight 1)
 * before a partly covered one, then by weight.
 */
function weightedOrder(values: Float64Array, weights: Float64Array, i: number, j: number): number {
  return (
    values[i]! - values[j]! ||
    Number(weights[i] !== 1) - Number(weights[j] !== 1) ||
    weights[i]! - weights[j]!
  );
}

/** `values` with `weights` in ascending weightedOrder, as two arrays. */
function sortedWeighted(
  values: Float64Array,
  weights: Float64Array,
  indices: Int32Array,
): [Float64Array, Float64Array] {
  indices.sort((i, j) => weightedOrder(values, weights, i, j));
  return [Float64Array.from(indices, (i) => values[i]!), Float64Array.from(indices, (i) => weights[i]!)];
}

/**
 * The q-quantiles `qs` of `values` with `weights` (min `lo`, max `hi`), as weightedQuantileSorted gives
 * them on the sorted zone, without sorting the zone: per bucket of value, the count and the weight; the
 * partial sums S_k = k·w_k + (n − 1)·Σ_{i<k} w_i lie between (n − 1)·Σ_{i<k} w_i and (n − 1)·Σ_{i≤k} w_i,
 * so the buckets where S crosses the target are known from the bucket weights; only those (and the one
 * before) are gathered and sorted. NaN each when empty.
 */
export function weightedQuantilesByBuckets(
  values: Float64Array,
  weights: Float64Array,
  qs: ReadonlyArray<number>,
  lo: number,
  hi: number,
): number[] {
  const n = values.length;
  if (n <= 1) return qs.map(() => (n === 1 ? values[0]! : NaN));
  const buckets = new Buckets(lo, hi);
  const counts = new Float64Array(BUCKETS);
  const sums = new Float64Array(BUCKETS);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const b = buckets.of(values[i]!);
    counts[b]!++;
    sums[b] = sums[b]! + weights[i]!;
    total += weights[i]!;
  }
  const slack = 1e-9 * total;
  return qs.map((q) => {
    const target = q * (n - 1) * total;
    const goal = target / (n - 1);
    // First bucket whose Σw up to its end reaches the goal, then back one non-empty bucket.
    let first = 0;
    let before = 0;
    let rank = 0;
    while (first < BUCKETS - 1 && before + sums[first]! < goal - slack) {
      before += sums[first]!;
      rank += counts[first++]!;
    }
    let prev = first - 1;
    while (prev >= 0 && counts[prev] === 0) prev--;
    if (prev >= 0) {
      before -= sums[prev]!;
      rank -= counts[prev]!;
      for (let b = prev + 1; b < first; b++) {
        before -= sums[b]!;
        rank -= counts[b]!;
      }
      first = prev;
    }
    // Last bucket: the first non-empty one starting past the goal (its first value may be k + 1).
    let last = first;
    let upto = before + sums[first]!;
    while (last < BUCKETS - 1 && upto <= goal + slack) upto += sums[++last]!;
    do last++;
    while (last < BUCKETS && counts[last] === 0);
    const picked: number[] = [];
    for (let i = 0; i < n; i++) {
      const b = buckets.of(values[i]!);
      if (b >= first && b <= last) picked.push(i);
    }
    const [v, w] = sortedWeighted(values, weights, Int32Array.from(picked));
    return crossing(v, w, rank, before, n, target) ?? quantileOfAll(values, weights, q);
  });
}

/**
 * weightedQuantileSorted's interpolation on a run of the sorted zone starting at rank `rank` with Σw
 * `before` ahead of it, or null when the crossing is not inside the run.
 */
function crossing(
  v: Float64Array,
  w: Float64Array,
  rank: number,
  before: number,
  n: number,
  target: number,
): number | null {
  let acc = before;
  let previous = NaN;
  for (let j = 0; j < v.length; j++) {
    const k = rank + j;
    const partial = k * w[j]! + (n - 1) * acc;
    acc += w[j]!;
    if (j > 0 && (partial >= target || k === n - 1)) {
      const span = partial - previous;
      const t = span > 0 ? Math.min(Math.max((target - previous) / span, 0), 1) : 0;
      return v[j - 1]! + t * (v[j]! - v[j - 1]!);
    }
    if (j === 0 && rank > 0 && partial >= target) return null;
    previous = partial;
  }
  return null;
}

/** The weighted quantile by a sort of the whole zone (the fallback when the buckets were not enough). */
function quantileOfAll(values: Float64Array, weights: Float64Array, q: number): number {
  const [v, w] = sortedWeighted(
    values,
    weights,
    Int32Array.from(values, (_, i) => i),
  );
  return weightedQuantileSorted(v, w, q);
}
