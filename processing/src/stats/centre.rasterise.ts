/**
 * Pixel-centre rasterisation of polygon rings into a window: a pixel is inside when its centre is, by
 * GDAL's scanline rule (gdal_rasterize / rasterio geometry_mask with all_touched=False). For each row
 * centre dy = row + 0.5, an edge counts when dy1 ≤ dy < dy2 (lower end in, upper end out); crossings
 * x are rounded to floor(x + 0.5) and filled pairwise (even-odd over the rings of one polygon; the
 * polygons of a multipolygon are unioned), so a centre exactly on a left edge is out and on a right
 * edge is in; a horizontal edge lying on a row centre is filled when it runs towards −x in pixel space
 * (rings are clockwise in the CRS, see pixel.rings.ts), as GDAL does.
 * Reference: GDAL alg/llrasterize.cpp GDALdllImageFilledPolygon; checked against rasterio in the tests.
 */
import type { RasterWindow } from '../raster/types.ts';
import type { PixelRing } from './pixel.rings.ts';

/** Sets `out[(row − win.y)·win.width + col − win.x]` to 1 for every pixel of `win` whose centre is inside. */
export function rasteriseCentres(
  parts: ReadonlyArray<ReadonlyArray<PixelRing>>,
  win: RasterWindow,
  out: Float64Array,
): void {
  for (const rings of parts) rasterisePolygon(rings, win, out);
}

function rasterisePolygon(rings: ReadonlyArray<PixelRing>, win: RasterWindow, out: Float64Array): void {
  const crossings: number[][] = Array.from({ length: win.height }, () => []);
  const fill = (row: number, from: number, to: number): void => {
    const start = Math.max(from, win.x) - win.x;
    const end = Math.min(to, win.x + win.width) - win.x;
    const base = (row - win.y) * win.width;
    for (let c = start; c < end; c++) out[base + c] = 1;
  };
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
          fill(row, Math.floor(dx2 + 0.5), Math.floor(dx1 + 0.5));
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
    for (let k = 0; k + 1 < xs.length; k += 2) fill(win.y + r, xs[k]!, xs[k + 1]!);
  });
}
