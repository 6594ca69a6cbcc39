/**
 * Percentiles of a zone. Unweighted: numpy's default (method "linear", Hyndman & Fan type 7) with
 * numpy's own arithmetic — virtual index (n − 1)·q and its two-sided lerp — so results match
 * numpy.percentile bit for bit. Weighted (coverage mode): the type-7 generalisation with partial sums
 * S_k = k·w_k + (n − 1)·Σ_{i<k} w_i, target q·(n − 1)·Σw, linear between neighbours; equal weights
 * give the unweighted result.
 * Reference: numpy/lib/function_base.py (_quantile, _lerp); Wikipedia "Percentile", weighted percentile.
 */

/** numpy's _lerp: a + (b − a)·t, computed from b when t ≥ 0.5. */
function lerp(a: number, b: number, t: number): number {
  const diff = b - a;
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}

/** The q-quantile (0 ≤ q ≤ 1) of ascending `sorted`, as numpy.quantile(method="linear"); NaN when empty. */
export function quantileSorted(sorted: Float64Array, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const virtual = (n - 1) * q;
  const previous = Math.min(Math.max(Math.floor(virtual), 0), n - 1);
  const next = Math.min(previous + 1, n - 1);
  return lerp(sorted[previous]!, sorted[next]!, virtual - Math.floor(virtual));
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
