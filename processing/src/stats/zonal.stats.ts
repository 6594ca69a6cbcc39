/**
 * Zonal statistics of one band or index over a polygon in the raster's CRS, streaming over only the
 * blocks of the level that the polygon covers (through the reader's block cache, shared across
 * polygons). Pixel-centre rule by default (GDAL's, as rasterio geometry_mask all_touched=False), or
 * coverage-weighted (exact fraction of each pixel inside, as exactextract). Masked pixels and values
 * that are not finite (an index with a zero denominator) are not counted. Area is in ha.
 * Reference: SPEC §3 (POST /api/statistics); ../shared/peers/zonal-reference.py; exactextract.
 */
import type { MultiPolygon, Polygon } from 'geojson';
import { PayloadTooLargeError } from '../errors.ts';
import type { RasterReader, RasterWindow } from '../raster/types.ts';
import type { Tiff } from '../tiff/tiff.ts';
import { cellAreaOfRow } from './cell.area.ts';
import { rasteriseCentres } from './centre.rasterise.ts';
import { rasteriseCoverage } from './coverage.rasterise.ts';
import { checkHistogramSpec, DEFAULT_HISTOGRAM_BINS, type HistogramSpec } from './histogram.ts';
import { pixelRings } from './pixel.rings.ts';
import { ValueBuffer } from './value.buffer.ts';
import { EMPTY_ZONE, summariseZone, type ZoneStats } from './zone.summary.ts';

/** A level to read and its block size (blocks are the unit of reading). */
export interface ZonalSource {
  readonly reader: RasterReader;
  readonly blockWidth: number;
  readonly blockHeight: number;
}

/** The value of one pixel from its band values (file order); NaN or ±Infinity is not counted. */
export type PixelValue = (bands: Float64Array) => number;

export type ZonalMode = 'centre' | 'coverage';

export interface ZonalOptions {
  readonly mode?: ZonalMode;
  readonly histogram?: HistogramSpec;
  /** Most pixels one zone may hold (default 2^25): the values are kept for exact percentiles. */
  readonly maxPixels?: number;
}

export const DEFAULT_MAX_ZONE_PIXELS = 2 ** 25;

/** Level `index` of an opened TIFF (0 = full resolution) as a zonal source. */
export function levelSource(tiff: Tiff, index = 0): ZonalSource {
  const { image } = tiff.level(index);
  return { reader: tiff.reader(index), blockWidth: image.blockWidth, blockHeight: image.blockHeight };
}

/** The window of the level that can hold pixels of a polygon with pixel bbox `bbox`, or null. */
function zoneWindow(bbox: readonly number[], width: number, height: number): RasterWindow | null {
  const [minX, minY, maxX, maxY] = bbox as [number, number, number, number];
  if (![minX, minY, maxX, maxY].every(Number.isFinite)) return null;
  const x0 = Math.max(0, Math.floor(minX));
  const y0 = Math.max(0, Math.floor(minY));
  const x1 = Math.min(width, Math.ceil(maxX) + 1);
  const y1 = Math.min(height, Math.ceil(maxY) + 1);
  return x1 > x0 && y1 > y0 ? { x: x0, y: y0, width: x1 - x0, height: y1 - y0 } : null;
}

/** Columns [from, to) of `weights` rows that hold a weight > 0, within [c0, c1). */
function coveredColumns(
  weights: Float64Array,
  stride: number,
  rows: number,
  c0: number,
  c1: number,
): boolean {
  for (let r = 0; r < rows; r++) {
    for (let c = c0; c < c1; c++) if (weights[r * stride + c]! > 0) return true;
  }
  return false;
}

/** Statistics of `value` over `geometry` (in the CRS of `source`). */
export async function zonalStats(
  source: ZonalSource,
  geometry: Polygon | MultiPolygon,
  value: PixelValue,
  options: ZonalOptions = {},
): Promise<ZoneStats> {
  const histogram = options.histogram ?? { bins: DEFAULT_HISTOGRAM_BINS };
  checkHistogramSpec(histogram);
  const coverage = options.mode === 'coverage';
  const maxPixels = options.maxPixels ?? DEFAULT_MAX_ZONE_PIXELS;
  const { reader, blockWidth: bw, blockHeight: bh } = source;
  const { info } = reader;
  const { parts, bbox } = pixelRings(geometry, info.transform);
  const zone = zoneWindow(bbox, info.width, info.height);
  if (!zone) return EMPTY_ZONE;
  const rasterise = coverage ? rasteriseCoverage : rasteriseCentres;
  const cellArea = cellAreaOfRow(info);
  const out = new ValueBuffer(coverage);
  const scratch = new Float64Array(info.bands);
  let areaM2 = 0;
  for (let by = Math.floor(zone.y / bh); by * bh < zone.y + zone.height; by++) {
    const y = Math.max(zone.y, by * bh);
    const band = {
      x: zone.x,
      y,
      width: zone.width,
      height: Math.min(zone.y + zone.height, (by + 1) * bh) - y,
    };
    const weights = new Float64Array(band.width * band.height);
    rasterise(parts, band, weights);
    for (let bx = Math.floor(zone.x / bw); bx * bw < zone.x + zone.width; bx++) {
      const c0 = Math.max(zone.x, bx * bw) - zone.x;
      const c1 = Math.min(zone.x + zone.width, (bx + 1) * bw) - zone.x;
      if (!coveredColumns(weights, band.width, band.height, c0, c1)) continue;
      const block = await reader.readWindow({ x: zone.x + c0, y, width: c1 - c0, height: band.height });
      const pixels = block.width * block.height;
      if (out.length + pixels > maxPixels) {
        throw new PayloadTooLargeError(
          `the zone reads more than ${maxPixels} px at this level (${info.width}×${info.height} px): ask for an overview`,
        );
      }
      const { values, weights: kept } = out.reserve(pixels);
      const { data, mask, bands } = block;
      let n = out.length;
      for (let r = 0; r < band.height; r++) {
        const rowArea = cellArea(y + r);
        for (let c = c0; c < c1; c++) {
          const weight = weights[r * band.width + c]!;
          const i = r * block.width + c - c0;
          if (weight === 0 || (mask !== null && mask[i] === 0)) continue;
          for (let b = 0; b < bands; b++) scratch[b] = data[i * bands + b]!;
          const v = value(scratch);
          if (!Number.isFinite(v)) continue;
          values[n] = v;
          if (kept) kept[n] = weight;
          n++;
          areaM2 += weight * rowArea;
        }
      }
      out.length = n;
    }
  }
  return summariseZone(out.values(), out.weights(), areaM2, histogram);
}
