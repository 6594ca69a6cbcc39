/**
 * Order statistics without a full sort: quickselect (Hoare partition around a median of three) puts
 * the k-th smallest value at index k with everything before it ≤ and after it ≥ — O(n) on average.
 * Reference: Hoare, "Algorithm 65: Find" (CACM, 1961).
 */

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i]!;
  a[i] = a[j]!;
  a[j] = t;
}

/** Rearranges a[lo..hi] (inclusive) so that a[k] is the value a full sort would put there. */
export function selectInPlace(a: Float64Array, k: number, lo = 0, hi = a.length - 1): void {
  while (hi > lo) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < a[lo]!) swap(a, mid, lo);
    if (a[hi]! < a[lo]!) swap(a, hi, lo);
    if (a[hi]! < a[mid]!) swap(a, hi, mid);
    const pivot = a[mid]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        swap(a, i, j);
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
}

/** The values at sorted positions `ks` (ascending) of `a`, which is rearranged. */
export function orderStatistics(a: Float64Array, ks: ReadonlyArray<number>): number[] {
  let lo = 0;
  return ks.map((k) => {
    selectInPlace(a, k, lo);
    lo = k;
    return a[k]!;
  });
}
