/**
 * Which resolution level of a survey COG vigour zones are computed on: full resolution by default, or
 * the level whose pixel size is closest to a requested `resolution_m` (prescription maps want 1–5 m
 * cells, not the ortho's few centimetres). Pixel size in metres: the geotransform's in a projected CRS,
 * the east–west extent of a pixel at the raster's centre latitude in a geographic one.
 * Reference: issue 6 (vigour zones); GDAL -ovr AUTO picks the closest overview the same way.
 */
import type { RasterInfo, Tiff } from '@belcheer/processing';
import { isGeographic } from '../../../processing/src/stats/cell.area.ts';

const METRES_PER_DEGREE = 111_320;

/** Side of one pixel of a level, in metres. */
export function pixelSizeM(info: Pick<RasterInfo, 'crs' | 'transform' | 'height'>): number {
  const [, a, b, top, d, e] = info.transform;
  const side = Math.sqrt(Math.abs(a * e - b * d));
  if (!isGeographic(info)) return side;
  const lat = top + (e * info.height) / 2;
  return side * METRES_PER_DEGREE * Math.sqrt(Math.cos((lat * Math.PI) / 180));
}

/** Level 0, or the level whose pixel size is closest to `resolutionM` (log scale: 2 m is as far from 1 as 4). */
export function levelForResolution(tiff: Tiff, resolutionM: number | undefined): number {
  if (resolutionM === undefined) return 0;
  let best = 0;
  let bestGap = Infinity;
  tiff.levels.forEach((level, i) => {
    const gap = Math.abs(Math.log(pixelSizeM(level.info) / resolutionM));
    if (gap < bestGap) [best, bestGap] = [i, gap];
  });
  return best;
}
