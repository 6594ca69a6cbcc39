/**
 * Pixel-centre rasterisation of polygon rings into a window: a pixel is inside when its centre is, by
 * GDAL's scanline rule (gdal_rasterize / rasterio geometry_mask with all_touched=False). For each row
 * centre dy = row + 0.5, an edge counts when dy1 ≤ dy < dy2 (lower end in, upper end out); crossings
 * x are rounded to floor(x + 0.5) and filled pairwise (even-odd over the rings of one polygon; the
 * polygons of a multipolygon are unioned), so a centre exactly on a left edge is out and on a right
 * edge is in; a horizontal edge lying on a row centre is filled when it runs towards −x in pixel space
 * (rings are clockwise in the CRS, see pixel.rings.ts), as GDAL does. The result is a list of column
 * spans per row (no per-pixel grid), merged where they overlap.
 * Reference: GDAL alg/llrasterize.cpp GDALdllImageFilledPolygon; checked against rasterio in the tests.
 */
import type { RasterWindow } from '../raster/types.ts';
import type { PixelRing } from './pixel.rings.ts';

/**
 * Inside columns of each row of a window: row r (0-based in the window) holds the half-open spans
 * [cols[2k], cols[2k + 1]) for k from start[r]/2 to start[r + 1]/2, absolute columns clipped to the
 * window, ascending and disjoint.
 */
export interface RowSpans {
  readonly start: Int32Array;
  readonly cols: Int32Array;
}

/** Adds the raw spans of one polygon (its rings, even-odd) to `rows`. */
function polygonSpans(rings: ReadonlyArray<PixelRing>, win: RasterWindow, rows: number[][]): void {
  const crossings: number[][] = Array.from({ length: win.height }, () => []);
  const rowEnd = win.y + win.height;
  for (const { x, y } of rings) {
    const n = x.length;
    for (let i = 0; i < n; i++) {
      const i1 = i === 0 ? n - 1 : i - 1;
      let dy1 = y[i1]!;
      let dy2 = y[i]!;
      let dx1 = x[i1]!;
      let dx2 = x[i]!;
      if (dy1 === dy2) {
        const row = Math.round(dy1 - 0.5);
        if (row + 0.5 === dy1 && row >= win.y && row < rowEnd && dx1 > dx2) {
          rows[row - win.y]!.push(Math.floor(dx2 + 0.5), Math.floor(dx1 + 0.5));
        }
        continue;
      }
      if (dy1 > dy2) {
        [dy1, dy2] = [dy2, dy1];
        [dx1, dx2] = [dx2, dx1];
      }
      const last = Math.min(rowEnd, Math.floor(dy2) + 1);
      for (let row = Math.max(win.y, Math.ceil(dy1) - 1); row < last; row++) {
        const dy = row + 0.5;
        if (dy < dy2 && dy >= dy1) {
          crossings[row - win.y]!.push(Math.floor(((dy - dy1) * (dx2 - dx1)) / (dy2 - dy1) + dx1 + 0.5));
        }
      }
    }
  }
  crossings.forEach((xs, r) => {
    xs.sort((a, b) => a - b);
    for (let k = 0; k + 1 < xs.length; k += 2) rows[r]!.push(xs[k]!, xs[k + 1]!);
  });
}

/** Sorts, clips to [from, to) and merges the spans (pairs) of `raw` into `out`. */
function mergeRow(raw: number[], from: number, to: number, out: number[]): void {
  if (raw.length === 2) {
    // One span (most rows of a simple polygon): nothing to sort or merge.
    const a = Math.max(raw[0]!, from);
    const b = Math.min(raw[1]!, to);
    if (b > a) out.push(a, b);
    return;
  }
  const order = Array.from({ length: raw.length / 2 }, (_, k) => k).sort((a, b) => raw[2 * a]! - raw[2 * b]!);
  let open = -1;
  let end = -1;
  for (const k of order) {
    const a = Math.max(raw[2 * k]!, from);
    const b = Math.min(raw[2 * k + 1]!, to);
    if (b <= a) continue;
    if (open >= 0 && a <= end) {
      end = Math.max(end, b);
      continue;
    }
    if (open >= 0) out.push(open, end);
    open = a;
    end = b;
  }
  if (open >= 0) out.push(open, end);
}

/** The pixel-centre spans of `parts` (polygons, each a list of rings) inside `win`. */
export function centreSpans(parts: ReadonlyArray<ReadonlyArray<PixelRing>>, win: RasterWindow): RowSpans {
  const rows: number[][] = Array.from({ length: win.height }, () => []);
  for (const rings of parts) polygonSpans(rings, win, rows);
  const start = new Int32Array(win.height + 1);
  const cols: number[] = [];
  rows.forEach((raw, r) => {
    mergeRow(raw, win.x, win.x + win.width, cols);
    start[r + 1] = cols.length;
  });
  return { start, cols: Int32Array.from(cols) };
}

/** Sets `out[(row − win.y)·win.width + col − win.x]` to 1 for every pixel of `win` whose centre is inside. */
export function rasteriseCentres(
  parts: ReadonlyArray<ReadonlyArray<PixelRing>>,
  win: RasterWindow,
  out: Float64Array,
): void {
  const { start, cols } = centreSpans(parts, win);
  for (let r = 0; r < win.height; r++) {
    const base = r * win.width - win.x;
    for (let k = start[r]!; k < start[r + 1]!; k += 2) out.fill(1, base + cols[k]!, base + cols[k + 1]!);
  }
}
