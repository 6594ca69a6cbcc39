/**
 * The index of every pixel of one level of a survey COG over a pasture unit: the window of the unit's
 * bounding box, the index per pixel (DOMAIN §2), NaN outside the unit by the pixel-centre rule (GDAL's
 * rasteriser, as the zonal statistics use it), masked or undefined pixels NaN too. The window is
 * bounded: over `maxPixels` it is refused with the resolution that would fit.
 * Reference: issue 6 (vigour zones); processing/src/stats/centre.rasterise.ts.
 */
import type { MultiPolygon, Polygon } from 'geojson';
import {
  computeIndex,
  PayloadTooLargeError,
  ValidationError,
  type GeoTransform,
  type IndexDefinition,
  type Reflectance,
  type Tiff,
} from '@belcheer/processing';
import { pixelRings } from '../../../processing/src/stats/pixel.rings.ts';
import { rasteriseCentres } from '../../../processing/src/stats/centre.rasterise.ts';
import { pixelSizeM } from './zone.level.ts';

/** Default bound of a zone window: 25 Mpx (a 5 km × 5 km field at 1 m). */
export const MAX_ZONE_PIXELS = 25_000_000;

export interface IndexGrid {
  readonly values: Float32Array;
  readonly width: number;
  readonly height: number;
  /** Geotransform of the window (its top-left pixel at 0, 0), in the raster's CRS. */
  readonly transform: GeoTransform;
  /** Pixel size of the level read, in metres. */
  readonly resolutionM: number;
}

export interface IndexOf {
  readonly definition: IndexDefinition;
  /** Zero-based bands of the index's inputs (indexBands). */
  readonly offsets: readonly number[];
  readonly reflectance: Reflectance | null;
}

/** Index values over `unit` (in the raster's CRS) on level `level`. */
export async function unitIndexGrid(
  tiff: Tiff,
  level: number,
  unit: Polygon | MultiPolygon,
  index: IndexOf,
  maxPixels = MAX_ZONE_PIXELS,
): Promise<IndexGrid> {
  const { info } = tiff.level(level);
  const rings = pixelRings(unit, info.transform);
  const [minX, minY, maxX, maxY] = rings.bbox;
  const x = Math.max(0, Math.floor(minX));
  const y = Math.max(0, Math.floor(minY));
  const width = Math.min(info.width, Math.ceil(maxX)) - x;
  const height = Math.min(info.height, Math.ceil(maxY)) - y;
  if (width <= 0 || height <= 0) throw new ValidationError('the unit lies outside the survey raster');
  const resolutionM = pixelSizeM(info);
  if (width * height > maxPixels) {
    const fits = Math.ceil(resolutionM * Math.sqrt((width * height) / maxPixels) * 100) / 100;
    throw new PayloadTooLargeError(
      `the unit spans ${width}×${height} px at ${resolutionM.toFixed(3)} m, over ${maxPixels} px: ` +
        `ask for resolution_m=${fits} or coarser`,
    );
  }
  const win = { x, y, width, height };
  const block = await tiff.reader(level).readWindow(win);
  const input = {
    data: block.data,
    stride: block.bands,
    offsets: index.offsets,
    count: width * height,
    valid: block.mask,
  };
  const values = computeIndex(index.definition, input, index.reflectance);
  const inside = new Float64Array(width * height);
  rasteriseCentres(rings.parts, win, inside);
  for (let p = 0; p < values.length; p++) if (inside[p] === 0) values[p] = Number.NaN;
  const [a, b, c, d, e, f] = info.transform;
  const transform: GeoTransform = [a + x * b + y * c, b, c, d + x * e + y * f, e, f];
  return { values, width, height, transform, resolutionM };
}
