/**
 * The bounding box [minX, minY, maxX, maxY] of any GeoJSON geometry, in its own coordinates; null
 * for an empty geometry. No antimeridian handling: a box in lon/lat is the plain min/max.
 * Reference: RFC 7946 §5 (bbox).
 */
import type { Geometry, Position } from 'geojson';

export type Bbox = readonly [number, number, number, number];

function positionsOf(geometry: Geometry): Position[] {
  switch (geometry.type) {
    case 'Point':
      return [geometry.coordinates];
    case 'MultiPoint':
    case 'LineString':
      return geometry.coordinates;
    case 'MultiLineString':
    case 'Polygon':
      return geometry.coordinates.flat();
    case 'MultiPolygon':
      return geometry.coordinates.flat(2);
    case 'GeometryCollection':
      return geometry.geometries.flatMap(positionsOf);
  }
}

/** [minX, minY, maxX, maxY] of the geometry's positions, or null when it has none. */
export function bboxOf(geometry: Geometry): Bbox | null {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const p of positionsOf(geometry)) {
    const x = p[0] as number;
    const y = p[1] as number;
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x);
    maxY = Math.max(maxY, y);
  }
  return minX === Infinity ? null : [minX, minY, maxX, maxY];
}
