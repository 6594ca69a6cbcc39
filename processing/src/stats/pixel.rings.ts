/**
 * A Polygon or MultiPolygon in the raster's CRS as rings in pixel/line coordinates of one level, the way
 * GDAL's rasteriser sees them: each position goes through the inverse geotransform
 * (px = inv0 + x·inv1 + y·inv2, as GDALInvGeoTransform and the GenImgProj transformer compute it), every
 * ring turned clockwise in the CRS first (GDALCollectRingsFromGeometry), one list of rings per polygon
 * (GDAL rasterises the parts of a multipolygon one by one).
 * Reference: GDAL alg/gdalrasterize.cpp (GDALCollectRingsFromGeometry, gv_rasterize_one_shape),
 * alg/gdaltransformer.cpp.
 */
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { ValidationError } from '../errors.ts';
import type { GeoTransform } from '../raster/types.ts';

/** One ring: x and y of its positions, closing position included when the input has it. */
export interface PixelRing {
  readonly x: Float64Array;
  readonly y: Float64Array;
  /** True for an interior ring (a hole) of its polygon. */
  readonly hole: boolean;
}

export interface PixelRings {
  /** The rings of each polygon, exterior first. */
  readonly parts: ReadonlyArray<ReadonlyArray<PixelRing>>;
  /** Bounding box of every position, in pixels: [minX, minY, maxX, maxY]. */
  readonly bbox: readonly [number, number, number, number];
}

/** GDALInvGeoTransform: the affine map from georeferenced coordinates to pixel/line. */
export function invertGeoTransform(gt: GeoTransform): GeoTransform {
  const [g0, g1, g2, g3, g4, g5] = gt;
  if (g2 === 0 && g4 === 0 && g1 !== 0 && g5 !== 0) return [-g0 / g1, 1 / g1, 0, -g3 / g5, 0, 1 / g5];
  const det = g1 * g5 - g2 * g4;
  if (Math.abs(det) < 1e-15) throw new ValidationError('the geotransform is not invertible');
  const inv = 1 / det;
  return [(g2 * g3 - g0 * g5) * inv, g5 * inv, -g2 * inv, (-g1 * g3 + g0 * g4) * inv, -g4 * inv, g1 * inv];
}

/** True when the ring turns clockwise with y up (negative shoelace sum). */
function isClockwise(positions: ReadonlyArray<Position>): boolean {
  let s = 0;
  for (let i = 0, j = positions.length - 1; i < positions.length; j = i++) {
    const p = positions[j]!;
    const q = positions[i]!;
    s += (p[0] as number) * (q[1] as number) - (q[0] as number) * (p[1] as number);
  }
  return s < 0;
}

function ringOf(ring: ReadonlyArray<Position>, inv: GeoTransform, hole: boolean): PixelRing {
  const positions = isClockwise(ring) ? ring : [...ring].reverse();
  const n = positions.length;
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  positions.forEach((p, i) => {
    const gx = p[0] as number;
    const gy = p[1] as number;
    x[i] = inv[0] + gx * inv[1] + gy * inv[2];
    y[i] = inv[3] + gx * inv[4] + gy * inv[5];
  });
  return { x, y, hole };
}

/** The rings of `geometry` in pixel/line coordinates of a level with geotransform `transform`. */
export function pixelRings(geometry: Polygon | MultiPolygon, transform: GeoTransform): PixelRings {
  const inv = invertGeoTransform(transform);
  const parts = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const pixelParts = parts.map((rs) => rs.map((r, i) => ringOf(r, inv, i > 0)));
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const { x, y } of pixelParts.flat()) {
    for (let i = 0; i < x.length; i++) {
      minX = Math.min(minX, x[i]!);
      maxX = Math.max(maxX, x[i]!);
      minY = Math.min(minY, y[i]!);
      maxY = Math.max(maxY, y[i]!);
    }
  }
  return { parts: pixelParts, bbox: [minX, minY, maxX, maxY] };
}
