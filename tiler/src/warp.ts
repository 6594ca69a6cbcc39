/**
 * One Web Mercator tile from a COG: the approximate per-tile transform, GDAL's overview choice, a
 * read of only the source window the tile needs (plus the resampling kernel's margin) from that
 * level, and resampling. Pure: the Tiff brings its own byte source and block cache.
 * Reference: SPEC §2.2; DESIGN.md "Flows / Tile"; gdalwarp -t_srs EPSG:3857 -te … -ts N N -ovr AUTO.
 */
import proj4 from 'proj4';
import { BYTES_PER_SAMPLE, type RasterInfo, type Tiff } from '@belcheer/processing';
import {
  approximateMapping,
  exactMapping,
  maxMappingError,
  pixelTransform,
  type PixelMapping,
  type PixelTransform,
} from './approx.transform.ts';
import { chooseLevel, suggestedResolution } from './overview.choice.ts';
import {
  giveBytes,
  giveFloat32,
  giveFloat64,
  giveWindowBuffer,
  takeBytes,
  takeFloat32,
  takeFloat64,
  takeWindowBuffer,
} from './scratch.ts';
import { resampleRegion, type DestRegion, type ResampledPixels, type Resampling } from './resample.ts';
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

  /** True when the tile overlaps the raster's footprint (else it holds no data). */
  covers(tile: TileAddress): boolean {
    return intersects(tileBounds(tile), this.bounds);
  }

  async warp(req: WarpRequest): Promise<WarpResult> {
    const bounds = tileBounds(req.tile);
    const level = this.levelFor(req.tile.z, req.tileSize);
    if (!intersects(bounds, this.bounds)) return { pixels: null, level };
    const levelInfo = this.tiff.levels[level]!.info;
    const kx = this.info.width / levelInfo.width;
    const ky = this.info.height / levelInfo.height;
    // Level pixels: the full-resolution position divided by the level's reduction (linear, so the
    // division at the grid nodes equals the division of every interpolated pixel).
    const toLevel: PixelTransform = (x, y) => {
      const [px, py] = this.toPixel(x, y);
      return [px / kx, py / ky];
    };
    const n = req.tileSize * req.tileSize;
    // The mapping's arrays are reused by the next tiles once this one is resampled.
    const into = { x: takeFloat64(n), y: takeFloat64(n) };
    let windowBuffer: ArrayBuffer | null = null;
    try {
      const mapping = approximateMapping(bounds, req.tileSize, toLevel, GRID_STEP, into);
      const maxErrorPx = req.measureError
        ? maxMappingError(mapping, exactMapping(bounds, req.tileSize, toLevel))
        : undefined;
      const empty = { pixels: null, level, ...(maxErrorPx === undefined ? {} : { maxErrorPx }) };
      const chunks: Chunk[] = [];
      const whole = { x: 0, y: 0, width: req.tileSize, height: req.tileSize };
      planChunks(mapping, whole, levelInfo.width, levelInfo.height, req.resampling, chunks);
      if (chunks.length === 0) return empty;
      const x0 = Math.min(...chunks.map((c) => c.x0));
      const y0 = Math.min(...chunks.map((c) => c.y0));
      const x1 = Math.max(...chunks.map((c) => c.x1));
      const y1 = Math.max(...chunks.map((c) => c.y1));
      const reader = this.tiff.reader(level);
      const bytes = (x1 - x0) * (y1 - y0) * reader.info.bands * BYTES_PER_SAMPLE[reader.info.sampleFormat];
      windowBuffer = takeWindowBuffer(bytes);
      const block = await reader.readWindow({ x: x0, y: y0, width: x1 - x0, height: y1 - y0 }, windowBuffer);
      // Recycled: the renderer gives them back once coloured (recyclePixels); zeroed as new ones are.
      const data = takeFloat32(n * req.bands.length).fill(0);
      const valid = takeBytes(n).fill(0);
      let count = 0;
      for (const chunk of chunks) {
        const input = {
          block,
          offsetX: x0,
          offsetY: y0,
          mapping,
          bands: req.bands,
          method: req.resampling,
          scaleX: chunk.scaleX,
          scaleY: chunk.scaleY,
        };
        count += resampleRegion(input, chunk.region, data, valid);
      }
      const pixels: ResampledPixels = {
        width: req.tileSize,
        height: req.tileSize,
        bands: req.bands.length,
        data,
        valid,
        count,
      };
      if (pixels.count === 0) {
        recyclePixels(pixels);
        return empty;
      }
      return { pixels, level, ...(maxErrorPx === undefined ? {} : { maxErrorPx }) };
    } finally {
      giveFloat64(into.x);
      giveFloat64(into.y);
      if (windowBuffer) giveWindowBuffer(windowBuffer);
    }
  }
}

/** Gives a tile's resampled bands and validity back for the next tile; they must not be used afterwards. */
export function recyclePixels(pixels: ResampledPixels): void {
  giveFloat32(pixels.data);
  giveBytes(pixels.valid);
}

interface Chunk {
  readonly region: DestRegion;
  /** Source window in level pixels, [x0, x1) × [y0, y1). */
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
  /** Destination pixels per source pixel, GDAL's dfXScale / dfYScale. */
  readonly scaleX: number;
  readonly scaleY: number;
}

/** GDAL's heuristic: a chunk whose source window is less than half inside the raster is split. */
const MIN_FILL_RATIO = 0.5;
const MIN_SPLIT_SIZE = 100;

/**
 * Splits the tile into chunks as GDALWarpOperation::CollectChunkList does, and computes each one's
 * source window and kernel scale as ComputeSourceWindow and WarpRegion do: the source extent of the
 * chunk's edges, the bilinear radius widened by 1/scale when downsampling, the window clamped to the
 * level; chunks reading nothing are dropped (SKIP_NOSOURCE); a chunk whose window is less than half
 * inside the raster (and at least 100 px on a side) is halved along its longer side; the scale is the
 * chunk size over the part of its source extent inside the level. Following GDAL so closely keeps the
 * filtering near the footprint's edge identical to gdalwarp's.
 */
function planChunks(
  m: PixelMapping,
  region: DestRegion,
  width: number,
  height: number,
  resampling: Resampling,
  out: Chunk[],
): void {
  const ext = regionExtent(m, region);
  const axis = (min: number, max: number, size: number, limit: number) => {
    const raw = size / Math.max(max - min, 1e-9);
    const radius = resampling === 'nearest' ? 0 : raw < 0.95 ? Math.ceil(1 / raw) : 1;
    const lo = Math.max(0, Math.floor(min) - radius);
    const hi = Math.min(limit, Math.ceil(max) + radius);
    const inside = Math.max(0, Math.min(limit - lo, max - min));
    return { lo, hi, radius, scale: inside > 0 ? size / inside : raw };
  };
  const x = axis(ext.minX, ext.maxX, region.width, width);
  const y = axis(ext.minY, ext.maxY, region.height, height);
  if (x.hi <= x.lo || y.hi <= y.lo) return;
  const fill =
    ((x.hi - x.lo) * (y.hi - y.lo)) /
    Math.max(1, (ext.maxX - ext.minX + 2 * x.radius) * (ext.maxY - ext.minY + 2 * y.radius));
  if (fill > MIN_FILL_RATIO || (region.width < MIN_SPLIT_SIZE && region.height < MIN_SPLIT_SIZE)) {
    out.push({ region, x0: x.lo, x1: x.hi, y0: y.lo, y1: y.hi, scaleX: x.scale, scaleY: y.scale });
    return;
  }
  if (region.width > region.height) {
    const w1 = Math.floor(region.width / 2);
    planChunks(m, { ...region, width: w1 }, width, height, resampling, out);
    planChunks(m, { ...region, x: region.x + w1, width: region.width - w1 }, width, height, resampling, out);
  } else {
    const h1 = Math.floor(region.height / 2);
    planChunks(m, { ...region, height: h1 }, width, height, resampling, out);
    planChunks(
      m,
      { ...region, y: region.y + h1, height: region.height - h1 },
      width,
      height,
      resampling,
      out,
    );
  }
}

/**
 * Rows (or columns) of [start, start + length) where a coordinate of the approximate mapping can reach
 * its extreme: the region's first and last, and each grid cell's first and last (the mapping is
 * bilinear within a cell, so over a cell's pixels it is extreme at their corners).
 */
function cellEdges(start: number, length: number): number[] {
  const out: number[] = [];
  for (let i = start; i < start + length; i++) {
    const k = i % GRID_STEP;
    if (i === start || i === start + length - 1 || k === 0 || k === GRID_STEP - 1) out.push(i);
  }
  return out;
}

/**
 * Source extent of a region's pixel edges: its centres' extent (found on the cells' corner pixels of
 * the approximate mapping, the same as over every pixel) grown by half a pixel's footprint.
 */
function regionExtent(m: PixelMapping, r: DestRegion): MercatorBounds {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  const cols = cellEdges(r.x, r.width);
  for (const row of cellEdges(r.y, r.height)) {
    for (const col of cols) {
      const x = m.x[row * m.width + col]!;
      const y = m.y[row * m.width + col]!;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
  }
  const hx = (maxX - minX) / Math.max(1, r.width - 1) / 2;
  const hy = (maxY - minY) / Math.max(1, r.height - 1) / 2;
  return { minX: minX - hx, minY: minY - hy, maxX: maxX + hx, maxY: maxY + hy };
}

function intersects(a: MercatorBounds, b: MercatorBounds): boolean {
  return a.minX < b.maxX && b.minX < a.maxX && a.minY < b.maxY && b.minY < a.maxY;
}
