/**
 * WebMercatorQuad (EPSG:3857, XYZ scheme: y = 0 at the north): tile bounds in metres, z/x/y
 * validation, the zoom matching a ground sample distance, and the tiles covering a bbox.
 * Reference: OGC Two Dimensional Tile Matrix Set "WebMercatorQuad"; gdal2tiles.py GlobalMercator
 * (the test recomputes its formulas independently).
 */
import { ValidationError } from '@belcheer/processing';

/** Half the extent of the square world in metres: π·R with the WGS 84 semi-major axis. */
export const ORIGIN_SHIFT = Math.PI * 6378137;
export const MAX_ZOOM = 24;
export const TILE_SIZES = [256, 512] as const;
export type TileSize = (typeof TILE_SIZES)[number];

export interface TileAddress {
  readonly z: number;
  readonly x: number;
  readonly y: number;
}

/** A box in EPSG:3857 metres. */
export interface MercatorBounds {
  readonly minX: number;
  readonly minY: number;
  readonly maxX: number;
  readonly maxY: number;
}

/** Edge of one tile of zoom `z` in metres. */
export function tileSpan(z: number): number {
  return (2 * ORIGIN_SHIFT) / 2 ** z;
}

/** Metres per pixel at zoom `z` for tiles of `tileSize` px. */
export function resolution(z: number, tileSize: number = 256): number {
  return tileSpan(z) / tileSize;
}

/** Throws a ValidationError naming the wrong part unless z/x/y address a tile of the matrix. */
export function validateTile(tile: TileAddress): TileAddress {
  const { z, x, y } = tile;
  if (!Number.isInteger(z) || z < 0 || z > MAX_ZOOM) {
    throw new ValidationError(`zoom ${z} is outside 0–${MAX_ZOOM}`, { z }, 'invalid_tile');
  }
  const n = 2 ** z;
  if (!Number.isInteger(x) || x < 0 || x >= n) {
    throw new ValidationError(`x ${x} is outside 0–${n - 1} at zoom ${z}`, { z, x }, 'invalid_tile');
  }
  if (!Number.isInteger(y) || y < 0 || y >= n) {
    throw new ValidationError(`y ${y} is outside 0–${n - 1} at zoom ${z}`, { z, y }, 'invalid_tile');
  }
  return tile;
}

/** Bounds of tile z/x/y in metres. */
export function tileBounds(tile: TileAddress): MercatorBounds {
  const span = tileSpan(tile.z);
  return {
    minX: -ORIGIN_SHIFT + tile.x * span,
    maxX: -ORIGIN_SHIFT + (tile.x + 1) * span,
    minY: ORIGIN_SHIFT - (tile.y + 1) * span,
    maxY: ORIGIN_SHIFT - tile.y * span,
  };
}

/**
 * The deepest zoom whose resolution is still at least `pixelSize` metres (never finer than the
 * data): gdal2tiles' `zoom_for_pixelsize`, used for TileJSON maxzoom.
 */
export function zoomForPixelSize(pixelSize: number, tileSize: number = 256): number {
  for (let z = 0; z <= MAX_ZOOM; z++) {
    if (pixelSize > resolution(z, tileSize)) return Math.max(0, z - 1);
  }
  return MAX_ZOOM;
}

/**
 * Native zoom of a raster whose ground sample distance is `gsd` metres at latitude `lat` (a Web
 * Mercator metre is 1/cos(lat) ground metres), and the zoom where the whole raster (`maxPixels` on its
 * longer side) fits in one tile — gdal2tiles' tmaxz and tminz.
 */
export function zoomRange(
  gsd: number,
  lat: number,
  maxPixels: number,
  tileSize: number = 256,
): { minzoom: number; maxzoom: number } {
  const mercatorGsd = gsd / Math.cos((lat * Math.PI) / 180);
  const maxzoom = zoomForPixelSize(mercatorGsd, tileSize);
  const minzoom = Math.min(maxzoom, zoomForPixelSize((mercatorGsd * maxPixels) / tileSize, tileSize));
  return { minzoom, maxzoom };
}

/** Inclusive tile ranges of zoom `z` covering `bounds` (clamped to the matrix). */
export function tilesCovering(
  bounds: MercatorBounds,
  z: number,
): { minX: number; maxX: number; minY: number; maxY: number } {
  const n = 2 ** z;
  const span = tileSpan(z);
  const clamp = (v: number) => Math.min(Math.max(v, 0), n - 1);
  // Tiles that merely touch the box on an edge do not cover it: nudge the far edges inwards.
  const eps = span * 1e-9;
  return {
    minX: clamp(Math.floor((bounds.minX + ORIGIN_SHIFT) / span)),
    maxX: clamp(Math.floor((bounds.maxX - eps + ORIGIN_SHIFT) / span)),
    minY: clamp(Math.floor((ORIGIN_SHIFT - bounds.maxY) / span)),
    maxY: clamp(Math.floor((ORIGIN_SHIFT - bounds.minY - eps) / span)),
  };
}

/** Web Mercator metres → lon/lat degrees (spherical). */
export function mercatorToLonLat(x: number, y: number): [number, number] {
  const lon = (x / ORIGIN_SHIFT) * 180;
  const lat = (Math.atan(Math.exp((y / ORIGIN_SHIFT) * Math.PI)) * 360) / Math.PI - 90;
  return [lon, lat];
}

/** lon/lat degrees → Web Mercator metres (spherical). */
export function lonLatToMercator(lon: number, lat: number): [number, number] {
  const x = (lon * ORIGIN_SHIFT) / 180;
  const y = (Math.log(Math.tan(((90 + lat) * Math.PI) / 360)) / Math.PI) * ORIGIN_SHIFT;
  return [x, y];
}

/** The WebMercatorQuad matrix, as one object for callers that prefer it. */
export const TileMatrix = {
  identifier: 'WebMercatorQuad',
  epsg: 3857,
  tileSpan,
  resolution,
  validateTile,
  tileBounds,
  zoomForPixelSize,
  zoomRange,
  tilesCovering,
  mercatorToLonLat,
  lonLatToMercator,
} as const;
