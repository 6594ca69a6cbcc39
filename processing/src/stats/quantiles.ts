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
 * The values at sorted positions `ks` (ascending) of `values` (min `lo`, max `hi`), without a sort:
 * counts in 4096 equal buckets over [lo, hi] say which bucket holds each position; only the values of
 * those buckets are gathered, and selected among. `values` is not changed.
 */
function bucketSelect(values: Float64Array, ks: ReadonlyArray<number>, lo: number, hi: number): number[] {
  const scale = hi > lo ? BUCKETS / (hi - lo) : 0;
  const n = values.length;
  const bucket = new Uint16Array(n);
  const counts = new Float64Array(BUCKETS);
  for (let i = 0; i < n; i++) {
    const b = Math.min(BUCKETS - 1, Math.floor((values[i]! - lo) * scale));
    bucket[i] = b;
    counts[b]!++;
  }
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
    const s = slot[bucket[i]!]!;
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
