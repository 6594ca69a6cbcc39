/**
 * An XYZ tile address in the Web Mercator quad tree (EPSG:3857, origin top-left, as in Google/OSM
 * and PostGIS `ST_TileEnvelope`) and its validation: 0 ≤ z ≤ maxZoom, 0 ≤ x, y < 2^z, all integers.
 * Reference: OGC Two Dimensional Tile Matrix Set, WebMercatorQuad.
 */
import { ValidationError } from '@belcheer/processing';

export interface TileAddress {
  readonly z: number;
  readonly x: number;
  readonly y: number;
}

/** Deepest zoom served (Web Mercator level 22 ≈ 3.7 cm per 256 px pixel at the equator). */
export const MAX_TILE_ZOOM = 22;

/** Returns the address when it names a tile of the matrix; throws ValidationError naming the problem. */
export function checkTileAddress(z: number, x: number, y: number, maxZoom = MAX_TILE_ZOOM): TileAddress {
  if (!Number.isInteger(z) || z < 0 || z > maxZoom)
    throw new ValidationError(`zoom ${z} is outside 0–${maxZoom}`, { z }, 'tile_out_of_range');
  const n = 2 ** z;
  for (const [name, v] of [
    ['x', x],
    ['y', y],
  ] as const) {
    if (!Number.isInteger(v) || v < 0 || v >= n)
      throw new ValidationError(
        `${name} ${v} is outside 0–${n - 1} at zoom ${z}`,
        { z, x, y },
        'tile_out_of_range',
      );
  }
  return { z, x, y };
}
