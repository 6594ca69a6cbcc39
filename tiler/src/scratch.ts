/**
 * Float64 work arrays reused from tile to tile (a tile's mapping is 2 × 512 KiB at 256 px): fresh
 * large typed arrays cost zero-filling, page faults and garbage collection on every tile. An array is
 * taken for the duration of one warp and given back when the warp is done with it; a few are kept per
 * length, enough for the tiles a thread renders at once.
 */
const KEPT = 8;
const free = new Map<number, Float64Array[]>();

/** A Float64Array of `length` with arbitrary contents. */
export function takeFloat64(length: number): Float64Array {
  return free.get(length)?.pop() ?? new Float64Array(length);
}

/** Gives `array` back; it must not be used afterwards. */
export function giveFloat64(array: Float64Array): void {
  let list = free.get(array.length);
  if (!list) {
    list = [];
    free.set(array.length, list);
  }
  if (list.length < KEPT) list.push(array);
}
