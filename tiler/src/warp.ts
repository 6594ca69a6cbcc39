/**
 * One Web Mercator tile from a COG: the approximate per-tile transform, GDAL's overview choice, a
 * read of only the source window the tile needs (plus the resampling kernel's margin) from that
 * level, and resampling. Pure: the Tiff brings its own byte source and block cache.
 * Reference: SPEC §2.2; DESIGN.md "Flows / Tile"; gdalwarp -t_srs EPSG:3857 -te … -ts N N -ovr AUTO.
 */
import proj4 from 'proj4';
import type { RasterInfo, Tiff } from '@belcheer/processing';
import {
  approximateMapping,
  exactMapping,
  maxMappingError,
  pixelTransform,
  type PixelMapping,
  type PixelTransform,
} from './approx.transform.ts';
import { chooseLevel, suggestedResolution } from './overview.choice.ts';
import { resample, type ResampledPixels, type Resampling } from './resample.ts';
import { tileBounds, type MercatorBounds, type TileAddress } from './tile.matrix.ts';

/** Grid step of the approximate transform in destination pixels (error measured in the tests). */
export const GRID_STEP = 16;

export interface WarpRequest {
  readonly tile: TileAddress;
  readonly tileSize: number;
  /** Zero-based source bands, in output order. */
  readonly bands: readonly number[];
  readonly resampling: Resampling;
  /** Also compute the exact transform for every pixel and report the approximation's error. */
  readonly measureError?: boolean;
}

export interface WarpResult {
  /** Null when no source pixel falls in the tile. */
  readonly pixels: ResampledPixels | null;
  /** Level read (0 = full resolution). */
  readonly level: number;
  /** Largest distance between approximate and exact positions, in pixels of the level read. */
  readonly maxErrorPx?: number;
}

/** What a tile needs to know about a COG, computed once per opened file. */
export class WarpSource {
  readonly info: RasterInfo;
  private readonly toPixel: PixelTransform;
  /** Size in Web Mercator metres of a full-resolution pixel (GDAL's suggested output resolution). */
  readonly mercatorResolution: number;
  /** Footprint of the raster in EPSG:3857 (bbox of its transformed edges). */
  readonly bounds: MercatorBounds;

  constructor(readonly tiff: Tiff) {
    this.info = tiff.info;
    const { width, height, transform, crs } = this.info;
    this.toPixel = pixelTransform(crs.proj4, transform);
    const conv = proj4(crs.proj4, 'EPSG:3857');
    const [a, b, c, d, e, f] = transform;
    const toMercator: PixelTransform = (px, py) =>
      conv.forward([a + px * b + py * c, d + px * e + py * f]) as [number, number];
    this.mercatorResolution = suggestedResolution(width, height, toMercator);
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    const steps = 20;
    for (let k = 0; k <= steps; k++) {
      const t = k / steps;
      for (const [px, py] of [
        [t * width, 0],
        [t * width, height],
        [0, t * height],
        [width, t * height],
      ] as const) {
        const [x, y] = toMercator(px, py);
        minX = Math.min(minX, x);
        maxX = Math.max(maxX, x);
        minY = Math.min(minY, y);
        maxY = Math.max(maxY, y);
      }
    }
    this.bounds = { minX, minY, maxX, maxY };
  }

  /** Level gdalwarp would read for a tile of zoom `z` and `tileSize` px. */
  levelFor(z: number, tileSize: number): number {
    const dstResolution = (2 * Math.PI * 6378137) / 2 ** z / tileSize;
    const widths = this.tiff.levels.slice(1).map((l) => l.info.width);
    return chooseLevel(dstResolution / this.mercatorResolution, this.info.width, widths);
  }

  async warp(req: WarpRequest): Promise<WarpResult> {
    const bounds = tileBounds(req.tile);
    const level = this.levelFor(req.tile.z, req.tileSize);
    if (!intersects(bounds, this.bounds)) return { pixels: null, level };
    const full = approximateMapping(bounds, req.tileSize, this.toPixel, GRID_STEP);
    const levelInfo = this.tiff.levels[level]!.info;
    const kx = this.info.width / levelInfo.width;
    const ky = this.info.height / levelInfo.height;
    const mapping = scaleMapping(full, kx, ky);
    const maxErrorPx = req.measureError
      ? maxMappingError(mapping, scaleMapping(exactMapping(bounds, req.tileSize, this.toPixel), kx, ky))
      : undefined;
    const extent = mappingExtent(mapping, req.tileSize);
    const scaleX = req.tileSize / (extent.maxX - extent.minX);
    const scaleY = req.tileSize / (extent.maxY - extent.minY);
    const rx =
      req.resampling === 'nearest' ? 0 : scaleX >= 0.95 && scaleY >= 0.95 ? 1 : Math.ceil(1 / scaleX);
    const ry =
      req.resampling === 'nearest' ? 0 : scaleX >= 0.95 && scaleY >= 0.95 ? 1 : Math.ceil(1 / scaleY);
    const x0 = Math.max(0, Math.floor(extent.minX) - rx);
    const y0 = Math.max(0, Math.floor(extent.minY) - ry);
    const x1 = Math.min(levelInfo.width, Math.ceil(extent.maxX) + rx);
    const y1 = Math.min(levelInfo.height, Math.ceil(extent.maxY) + ry);
    const empty = { pixels: null, level, ...(maxErrorPx === undefined ? {} : { maxErrorPx }) };
    if (x0 >= x1 || y0 >= y1) return empty;
    const block = await this.tiff.reader(level).readWindow({ x: x0, y: y0, width: x1 - x0, height: y1 - y0 });
    const pixels = resample({
      block,
      offsetX: x0,
      offsetY: y0,
      mapping,
      bands: req.bands,
      method: req.resampling,
      scaleX,
      scaleY,
    });
    if (pixels.count === 0) return empty;
    return { pixels, level, ...(maxErrorPx === undefined ? {} : { maxErrorPx }) };
  }
}

function intersects(a: MercatorBounds, b: MercatorBounds): boolean {
  return a.minX < b.maxX && b.minX < a.maxX && a.minY < b.maxY && b.minY < a.maxY;
}

function scaleMapping(m: PixelMapping, kx: number, ky: number): PixelMapping {
  if (kx === 1 && ky === 1) return m;
  const x = new Float64Array(m.x.length);
  const y = new Float64Array(m.y.length);
  for (let i = 0; i < x.length; i++) {
    x[i] = m.x[i]! / kx;
    y[i] = m.y[i]! / ky;
  }
  return { width: m.width, height: m.height, x, y };
}

/**
 * Source extent of the whole tile (pixel edges, not centres): the centres' extent grown by half a
 * destination pixel's footprint, as GDAL's ComputeSourceWindow samples the destination edges.
 */
function mappingExtent(m: PixelMapping, size: number): MercatorBounds {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < m.x.length; i++) {
    const x = m.x[i]!;
    const y = m.y[i]!;
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  const hx = (maxX - minX) / (size - 1) / 2;
  const hy = (maxY - minY) / (size - 1) / 2;
  return { minX: minX - hx, minY: minY - hy, maxX: maxX + hx, maxY: maxY + hy };
}
