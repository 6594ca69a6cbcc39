/**
 * Which resolution level a tile is read from, as gdalwarp's `-ovr AUTO` picks it: the source is
 * expressed in destination pixels over its whole extent (GDALSuggestedWarpOutput2: the transformed
 * top-left → bottom-right diagonal over the pixel diagonal), and the level is the coarsest whose
 * decimation is still below that ratio, or within 0.1 of it.
 * Reference: GDAL apps/gdalwarp_lib.cpp (overview selection loop), alg/gdaltransformer.cpp.
 */
import type { PixelTransform } from './approx.transform.ts';

/**
 * Source pixels per Web Mercator metre inverse: the size in metres of one source pixel along the
 * raster diagonal. `toMercator` maps full-resolution pixel/line → EPSG:3857.
 */
export function suggestedResolution(width: number, height: number, toMercator: PixelTransform): number {
  const [x0, y0] = toMercator(0, 0);
  const [x1, y1] = toMercator(width, height);
  return Math.hypot(x1 - x0, y1 - y0) / Math.hypot(width, height);
}

/**
 * Index of the level to read (0 = full resolution) for `targetRatio` source pixels per destination
 * pixel, given each overview's width (largest first) and the full width.
 */
export function chooseLevel(
  targetRatio: number,
  fullWidth: number,
  overviewWidths: readonly number[],
): number {
  const n = overviewWidths.length;
  if (n === 0 || !(targetRatio > 1)) return 0;
  let i = -1;
  for (; i < n - 1; i++) {
    const ratio = i < 0 ? 1 : fullWidth / overviewWidths[i]!;
    const next = fullWidth / overviewWidths[i + 1]!;
    if (ratio < targetRatio && next > targetRatio) break;
    if (Math.abs(ratio - targetRatio) < 0.1) break;
  }
  return i + 1;
}
