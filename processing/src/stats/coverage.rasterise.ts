/**
 * Exact coverage fractions: for every pixel of a window, the share of its area inside the polygon
 * (as exactextract computes it). Each directed edge, cut at row and column lines, adds its signed area
 * "to the right" to an accumulation row; a prefix sum along the row then gives the area of each cell
 * inside the ring. Rings are weighted +1 (exterior) or −1 (hole) whatever their orientation, so the
 * result is exact for valid polygons and multipolygons; it is clamped to [0, 1].
 * Reference: exactextract (Baston, 2019); the signed-area accumulation of font rasterisers (font-rs).
 */
import type { RasterWindow } from '../raster/types.ts';
import type { PixelRing } from './pixel.rings.ts';

/** Twice the signed (shoelace) area of a ring. */
function doubleArea({ x, y }: PixelRing): number {
  let s = 0;
  for (let i = 0, j = x.length - 1; i < x.length; j = i++) s += x[j]! * y[i]! - x[i]! * y[j]!;
  return s;
}

/** acc[k] += v. */
function add(acc: Float64Array, k: number, v: number): void {
  acc[k] = acc[k]! + v;
}

/** Adds the piece (xa → xb, signed height h) of an edge inside one row to `acc` (window columns + 1). */
function addPiece(
  acc: Float64Array,
  base: number,
  x0: number,
  width: number,
  xa: number,
  xb: number,
  h: number,
): void {
  const lo = Math.min(Math.max(Math.min(xa, xb), x0), x0 + width);
  const hi = Math.min(Math.max(Math.max(xa, xb), x0), x0 + width);
  const span = hi - lo;
  if (span === 0) {
    const c = Math.min(Math.floor(lo), x0 + width);
    const inCell = c < x0 + width ? c + 1 - lo : 0;
    add(acc, base + c - x0, h * inCell);
    if (c < x0 + width) add(acc, base + c - x0 + 1, h * (1 - inCell));
    return;
  }
  // A clamped part of the edge keeps its share of the height: x was moved, not y.
  const total = Math.abs(xb - xa);
  const left = Math.min(xa, xb);
  const hPerX = h / total;
  const hOutsideLeft = (lo - left) * hPerX;
  if (hOutsideLeft !== 0) add(acc, base, hOutsideLeft);
  for (let c = Math.floor(lo); c < hi; c++) {
    const s = Math.max(lo, c);
    const e = Math.min(hi, c + 1);
    if (e <= s) continue;
    const hk = (e - s) * hPerX;
    const mid = (s + e) / 2;
    add(acc, base + c - x0, hk * (c + 1 - mid));
    add(acc, base + c - x0 + 1, hk * (mid - c));
  }
}

/** Adds a directed edge's signed area right of it, row by row inside `win`, times `sign`. */
function addEdge(
  acc: Float64Array,
  win: RasterWindow,
  xa: number,
  ya: number,
  xb: number,
  yb: number,
  sign: number,
): void {
  const stride = win.width + 1;
  const top = Math.max(Math.min(ya, yb), win.y);
  const bottom = Math.min(Math.max(ya, yb), win.y + win.height);
  const slope = (xb - xa) / (yb - ya);
  const dir = yb > ya ? sign : -sign;
  for (let row = Math.floor(top); row < bottom; row++) {
    const s = Math.max(top, row);
    const e = Math.min(bottom, row + 1);
    if (e <= s) continue;
    const xs = xa + (s - ya) * slope;
    const xe = xa + (e - ya) * slope;
    addPiece(acc, (row - win.y) * stride, win.x, win.width, xs, xe, dir * (e - s));
  }
}

/**
 * Sets `out[(row − win.y)·win.width + col − win.x]` to the fraction of each pixel of `win` inside the
 * rings; `scratch` (at least win.height × (win.width + 1) long) is reused for the accumulation when given.
 */
export function rasteriseCoverage(
  parts: ReadonlyArray<ReadonlyArray<PixelRing>>,
  win: RasterWindow,
  out: Float64Array,
  scratch?: Float64Array,
): void {
  const stride = win.width + 1;
  const acc = scratch ? scratch.fill(0, 0, win.height * stride) : new Float64Array(win.height * stride);
  for (const ring of parts.flat()) {
    const area = doubleArea(ring);
    if (area === 0) continue;
    const sign = (area > 0 ? -1 : 1) * (ring.hole ? -1 : 1);
    const { x, y } = ring;
    for (let i = 0, j = x.length - 1; i < x.length; j = i++) {
      if (y[j] !== y[i]) addEdge(acc, win, x[j]!, y[j]!, x[i]!, y[i]!, sign);
    }
  }
  for (let r = 0; r < win.height; r++) {
    let sum = 0;
    for (let c = 0; c < win.width; c++) {
      sum += acc[r * stride + c]!;
      out[r * win.width + c] = sum < 1e-12 ? 0 : Math.min(sum, 1);
    }
  }
}
