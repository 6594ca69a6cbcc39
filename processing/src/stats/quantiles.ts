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

/**
 * Counts (and, weighted, Σw) of a zone's values in 4096 equal buckets over [lo, hi] (all in bucket 0 when
 * lo = hi), filled value by value; the bucket order is the value order, so they say which buckets hold
 * given sorted positions or partial sums.
 */
export class ValueBuckets {
  readonly counts = new Float64Array(BUCKETS);
  readonly sums = new Float64Array(BUCKETS);
  total = 0;
  private readonly scale: number;

  constructor(
    private readonly lo: number,
    hi: number,
  ) {
    this.scale = hi > lo ? BUCKETS / (hi - lo) : 0;
  }

  of(v: number): number {
    return Math.min(BUCKETS - 1, Math.floor((v - this.lo) * this.scale));
  }

  /** Counts `v` (unweighted: the sums are not kept). */
  count(v: number): void {
    this.counts[this.of(v)]!++;
  }

  /** Counts `v` with weight `w`. */
  add(v: number, w: number): void {
    const b = this.of(v);
    this.counts[b]!++;
    this.sums[b] = this.sums[b]! + w;
    this.total += w;
  }

  static of(values: Float64Array, weights: Float64Array | null, lo: number, hi: number): ValueBuckets {
    const buckets = new ValueBuckets(lo, hi);
    for (let i = 0; i < values.length; i++) {
      if (weights === null) buckets.count(values[i]!);
      else buckets.add(values[i]!, weights[i]!);
    }
    return buckets;
  }
}

/**
 * The values at sorted positions `ks` (ascending) of `values` counted in `buckets`, without a sort: the
 * counts say which bucket holds each position; only the values of those buckets are gathered, and
 * selected among. `values` is not changed.
 */
function bucketSelect(values: Float64Array, ks: ReadonlyArray<number>, buckets: ValueBuckets): number[] {
  const { counts } = buckets;
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
  for (let i = 0; i < values.length; i++) {
    const s = slot[buckets.of(values[i]!)]!;
    if (s >= 0) gathered[s]![fill[s]!++] = values[i]!;
  }
  return where.map(([b, r]) => orderStatistics(gathered[slot[b]!]!, [r])[0]!);
}

/**
 * The quantiles `qs` of `values` exactly as quantileSorted gives them, in O(n) without sorting, from
 * their `buckets` (or 4096 buckets over [lo, hi], min and max, counted here); NaN each when empty.
 */
export function quantilesBySelection(
  values: Float64Array,
  qs: ReadonlyArray<number>,
  lo: number,
  hi: number,
  buckets = ValueBuckets.of(values, null, lo, hi),
): number[] {
  const n = values.length;
  if (n === 0) return qs.map(() => NaN);
  const wanted = qs.map((q) => positions(n, q));
  const ks = [...new Set(wanted.flatMap(([p, nx]) => [p, nx]))].sort((a, b) => a - b);
  const found = bucketSelect(values, ks, buckets);
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
 * The run of buckets [first, last] where the partial sums S_k = k·w_k + (n − 1)·Σ_{i<k} w_i cross the
 * target of quantile q, with the rank and Σw ahead of it. S_k lies between (n − 1)·Σ_{i<k} w_i and
 * (n − 1)·Σ_{i≤k} w_i: the run starts one non-empty bucket before the first whose Σw reaches the goal,
 * and ends at the first non-empty bucket after the one whose Σw passes it.
 */
function crossingBuckets(buckets: ValueBuckets, n: number, q: number) {
  const { counts, sums, total } = buckets;
  const target = q * (n - 1) * total;
  const goal = target / (n - 1);
  const slack = 1e-9 * total;
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
    first = prev;
  }
  let last = first;
  let upto = before + sums[first]!;
  while (last < BUCKETS - 1 && upto <= goal + slack) upto += sums[++last]!;
  do last++;
  while (last < BUCKETS && counts[last] === 0);
  return { first, last, rank, before, target };
}

/**
 * The q-quantiles `qs` of `values` with `weights`, as weightedQuantileSorted gives them on the sorted
 * zone, without sorting the zone: from the `buckets` (or 4096 over [lo, hi], min and max, counted here),
 * only the buckets where the partial sums cross each target are gathered and sorted. NaN each when empty.
 */
export function weightedQuantilesByBuckets(
  values: Float64Array,
  weights: Float64Array,
  qs: ReadonlyArray<number>,
  lo: number,
  hi: number,
  buckets = ValueBuckets.of(values, weights, lo, hi),
): number[] {
  const n = values.length;
  if (n <= 1) return qs.map(() => (n === 1 ? values[0]! : NaN));
  const runs = qs.map((q) => crossingBuckets(buckets, n, q));
  const wanted = new Uint8Array(BUCKETS);
  for (const { first, last } of runs) wanted.fill(1, first, Math.min(last, BUCKETS - 1) + 1);
  const picked: number[] = [];
  for (let i = 0; i < n; i++) if (wanted[buckets.of(values[i]!)] === 1) picked.push(i);
  const [v, w] = sortedWeighted(values, weights, Int32Array.from(picked));
  let at = 0;
  return runs.map(({ first, last, rank, before, target }, k) => {
    while (at > 0 && buckets.of(v[at - 1]!) >= first) at--;
    while (at < v.length && buckets.of(v[at]!) < first) at++;
    let end = at;
    while (end < v.length && buckets.of(v[end]!) <= last) end++;
    const run = crossing(v.subarray(at, end), w.subarray(at, end), rank, before, n, target);
    return run ?? quantileOfAll(values, weights, qs[k]!);
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
