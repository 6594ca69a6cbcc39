/**
 * Where each destination pixel centre of a tile falls in the source raster: exact proj4 on a coarse
 * grid of pixel-edge nodes (every `step` px), bilinear interpolation in between — GDAL's approximate
 * transformer idea, with a fixed grid so that its error can be measured for every pixel.
 * Coordinates are continuous source pixel/line of the full-resolution level (0,0 = top-left corner).
 * Reference: SPEC §2.2 "per-tile approximate transform with sub-pixel error"; GDAL gdaltransformer.cpp.
 */
import proj4 from 'proj4';
import type { GeoTransform } from '@belcheer/processing';
import type { MercatorBounds } from './tile.matrix.ts';

/** Web Mercator metres → continuous source pixel/line. */
export type PixelTransform = (x: number, y: number) => readonly [number, number];

/** Source pixel/line of every destination pixel centre, row-major. */
export interface PixelMapping {
  readonly width: number;
  readonly height: number;
  readonly x: Float64Array;
  readonly y: Float64Array;
}

const converters = new Map<string, proj4.Converter>();

/** The EPSG:3857 → `sourceProj4` converter, built once per definition. */
function converterTo(sourceProj4: string): proj4.Converter {
  let c = converters.get(sourceProj4);
  if (!c) {
    c = proj4('EPSG:3857', sourceProj4);
    converters.set(sourceProj4, c);
  }
  return c;
}

/** Inverse of a GDAL geotransform (rotation terms allowed). */
export function invertGeoTransform(t: GeoTransform): GeoTransform {
  const [a, b, c, d, e, f] = t;
  const det = b * f - c * e;
  if (det === 0) throw new Error('degenerate geotransform');
  return [(c * d - a * f) / det, f / det, -c / det, (a * e - b * d) / det, -e / det, b / det];
}

/** Exact Web Mercator → source pixel/line through proj4 and the inverse geotransform. */
export function pixelTransform(sourceProj4: string, transform: GeoTransform): PixelTransform {
  const conv = converterTo(sourceProj4);
  const [a, b, c, d, e, f] = invertGeoTransform(transform);
  return (x, y) => {
    const [sx, sy] = conv.forward([x, y]) as [number, number];
    return [a + sx * b + sy * c, d + sx * e + sy * f];
  };
}

/** Evaluates `toSource` at every pixel centre (the reference the approximation is measured against). */
export function exactMapping(bounds: MercatorBounds, size: number, toSource: PixelTransform): PixelMapping {
  const x = new Float64Array(size * size);
  const y = new Float64Array(size * size);
  const res = (bounds.maxX - bounds.minX) / size;
  for (let row = 0; row < size; row++) {
    const my = bounds.maxY - (row + 0.5) * res;
    for (let col = 0; col < size; col++) {
      const [sx, sy] = toSource(bounds.minX + (col + 0.5) * res, my);
      x[row * size + col] = sx;
      y[row * size + col] = sy;
    }
  }
  return { width: size, height: size, x, y };
}

/**
 * Exact transform on nodes every `step` px of the pixel edges (0, step, …, size), bilinear in between
 * (so within each grid cell a mapped coordinate is a bilinear function of column and row, which
 * `warp.ts` relies on to find a region's extent from the cells' corner pixels).
 * `size` must be a multiple of `step`.
 */
export function approximateMapping(
  bounds: MercatorBounds,
  size: number,
  toSource: PixelTransform,
  step = 16,
  /** Arrays of size × size to fill (every element is written), instead of new ones. */
  into?: { readonly x: Float64Array; readonly y: Float64Array },
): PixelMapping {
  if (size % step !== 0) throw new Error(`tile size ${size} is not a multiple of the grid step ${step}`);
  const nodes = size / step + 1;
  const gx = new Float64Array(nodes * nodes);
  const gy = new Float64Array(nodes * nodes);
  const res = (bounds.maxX - bounds.minX) / size;
  for (let j = 0; j < nodes; j++) {
    for (let i = 0; i < nodes; i++) {
      const [sx, sy] = toSource(bounds.minX + i * step * res, bounds.maxY - j * step * res);
      gx[j * nodes + i] = sx;
      gy[j * nodes + i] = sy;
    }
  }
  const x = into?.x ?? new Float64Array(size * size);
  const y = into?.y ?? new Float64Array(size * size);
  // Per row, the nodes' columns interpolated along y; then along x, linearly within each cell.
  const rowX = new Float64Array(nodes);
  const rowY = new Float64Array(nodes);
  for (let row = 0; row < size; row++) {
    const v = (row + 0.5) / step;
    const j = Math.floor(v);
    const ty = v - j;
    for (let i = 0; i < nodes; i++) {
      const k = j * nodes + i;
      rowX[i] = gx[k]! + (gx[k + nodes]! - gx[k]!) * ty;
      rowY[i] = gy[k]! + (gy[k + nodes]! - gy[k]!) * ty;
    }
    let o = row * size;
    for (let i = 0; i < nodes - 1; i++) {
      const x0 = rowX[i]!;
      const y0 = rowY[i]!;
      const dx = (rowX[i + 1]! - x0) / step;
      const dy = (rowY[i + 1]! - y0) / step;
      for (let c = 0; c < step; c++, o++) {
        x[o] = x0 + dx * (c + 0.5);
        y[o] = y0 + dy * (c + 0.5);
      }
    }
  }
  return { width: size, height: size, x, y };
}

/** Largest distance between two mappings of the same tile, in the mappings' pixel units. */
export function maxMappingError(a: PixelMapping, b: PixelMapping): number {
  let max = 0;
  for (let i = 0; i < a.x.length; i++) {
    const d = Math.hypot(a.x[i]! - b.x[i]!, a.y[i]! - b.y[i]!);
    if (d > max) max = d;
  }
  return max;
}
