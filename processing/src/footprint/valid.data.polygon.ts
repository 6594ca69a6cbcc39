/**
 * The footprint of a raster: a MultiPolygon, in the raster's CRS, of the exact outline of its valid
 * pixels (pixel edges, not centres), with holes for interior invalid areas. Specks and holes below
 * a pixel count are removed first. Rings are closed, outer rings counter-clockwise and holes clockwise
 * (RFC 7946 §3.1.6) whatever the sign of the geotransform, and valid in the OGC sense: polygons are
 * 4-connected pixel sets, so rings only ever meet at single points (see mask.trace.ts).
 * The mask is meant to come from a low overview (≤ ~1024 px a side): time and memory are O(pixels).
 * Reference: SPEC §2.1 "Footprint"; area equal to gdal_polygonize.py, validity checked by shapely.
 */
import type { MultiPolygon, Position } from 'geojson';
import { ValidationError } from '../errors.ts';
import type { GeoTransform } from '../raster/types.ts';
import { labelComponents } from './component.label.ts';
import { cleanMask } from './mask.clean.ts';
import { traceRings } from './mask.trace.ts';

export interface ValidDataOptions {
  /** Valid areas of fewer pixels are dropped (default 16; 0 or 1 keeps every pixel). */
  readonly minPolygonPixels?: number;
  /** Enclosed invalid areas of fewer pixels are filled (default 16; 0 or 1 keeps every hole). */
  readonly minHolePixels?: number;
}

export const DEFAULT_MIN_POLYGON_PIXELS = 16;
export const DEFAULT_MIN_HOLE_PIXELS = 16;

function checkInput(mask: Uint8Array, width: number, height: number, transform: GeoTransform): void {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 0 || height < 0) {
    throw new ValidationError(`mask size ${width}×${height} is not a pair of non-negative integers`);
  }
  if (mask.length !== width * height) {
    throw new ValidationError(
      `mask has ${mask.length} bytes for ${width}×${height} = ${width * height} pixels`,
    );
  }
  if (!transform.every(Number.isFinite) || transform[1] * transform[5] - transform[2] * transform[4] === 0) {
    throw new ValidationError(`geotransform [${transform.join(', ')}] is not invertible`);
  }
}

/**
 * The valid-data polygon of a mask (one byte per pixel, row-major; non-zero — 255 by convention — is
 * valid, 0 invalid) georeferenced by `transform`. An all-invalid mask gives an empty MultiPolygon.
 */
export function validDataPolygon(
  mask: Uint8Array,
  width: number,
  height: number,
  transform: GeoTransform,
  options: ValidDataOptions = {},
): MultiPolygon {
  checkInput(mask, width, height, transform);
  const binary = cleanMask(
    mask.map((v) => (v === 0 ? 0 : 1)),
    width,
    height,
    {
      minPolygonPixels: options.minPolygonPixels ?? DEFAULT_MIN_POLYGON_PIXELS,
      minHolePixels: options.minHolePixels ?? DEFAULT_MIN_HOLE_PIXELS,
    },
  );
  const { labels } = labelComponents(binary, width, height, 1, 4);
  const [a, b, c, d, e, f] = transform;
  // A negative determinant (north-up) mirrors the pixel grid, which turns the traced rings around.
  const mirrored = b * f - c * e < 0;
  const toMap = (corners: ReadonlyArray<number>): Position[] => {
    const ring: Position[] = [];
    for (let i = 0; i < corners.length; i += 2) {
      const x = corners[i] as number;
      const y = corners[i + 1] as number;
      ring.push([a + x * b + y * c, d + x * e + y * f]);
    }
    if (mirrored) ring.reverse();
    ring.push([...(ring[0] as Position)]);
    return ring;
  };

  const polygons = new Map<number, { outer: Position[] | null; holes: Position[][] }>();
  for (const ring of traceRings(labels, width, height)) {
    const polygon = polygons.get(ring.label) ?? { outer: null, holes: [] };
    if (ring.hole) polygon.holes.push(toMap(ring.corners));
    else polygon.outer = toMap(ring.corners);
    polygons.set(ring.label, polygon);
  }
  const coordinates = [...polygons.entries()]
    .sort(([l1], [l2]) => l1 - l2)
    .map(([, { outer, holes }]) => [outer as Position[], ...holes]);
  return { type: 'MultiPolygon', coordinates };
}
