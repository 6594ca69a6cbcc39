/**
 * The geometry of a pasture unit, checked and never fixed: first in TypeScript (`validatePolygonal`:
 * structure, lon/lat range, closed rings of ≥ 4 positions, a ring crossing itself), then by PostGIS
 * `ST_IsValidDetail` on the MultiPolygon that will be stored (what only the whole geometry shows: a hole
 * outside its shell, overlapping parts, nested shells). Either way a 400 whose details give `reason`
 * (snake_case) and `location` [lon, lat].
 * Reference: SPEC §2.4 ("invalid geometry reported, never silently fixed"); OGC SFA §6.1.11;
 * PostGIS ST_IsValidDetail.
 */
import type { MultiPolygon, Polygon } from 'geojson';
import { validatePolygonal, ValidationError } from '@belcheer/processing';
import type { Queryable } from '../db/db.ts';

/** The GeoJSON as a MultiPolygon (what the table stores). */
function asMulti(g: Polygon | MultiPolygon): MultiPolygon {
  return g.type === 'MultiPolygon' ? g : { type: 'MultiPolygon', coordinates: [g.coordinates] };
}

/** `Ring Self-intersection` → `ring_self_intersection`. */
function reasonCode(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_|_$/g, '') || 'invalid_geometry'
  );
}

/**
 * `validatePolygonal` gives no location for a ring of too few positions; its `at` ("geometry, polygon 1,
 * ring 0") names the ring, whose first position becomes the location.
 */
function ringStart(value: unknown, at: string): unknown {
  const index = (word: string) => Number(new RegExp(`${word} (\\d+)`).exec(at)?.[1] ?? 0);
  const g = value as { type?: unknown; coordinates?: unknown };
  const polygons = g.type === 'MultiPolygon' ? g.coordinates : [g.coordinates];
  const ring = (polygons as unknown[][][] | undefined)?.[index('polygon')]?.[index('ring')];
  return Array.isArray(ring) ? ring[0] : undefined;
}

function polygonal(value: unknown): Polygon | MultiPolygon {
  try {
    return validatePolygonal(value, 'geometry');
  } catch (err) {
    if (!(err instanceof ValidationError)) throw err;
    const details = err.details as Record<string, unknown> | undefined;
    if (!details || details.location !== undefined || typeof details.at !== 'string') throw err;
    const start = ringStart(value, details.at);
    if (!Array.isArray(start)) throw err;
    throw new ValidationError(err.message, { ...details, location: start.slice(0, 2) }, err.code);
  }
}

/** The checked geometry as a MultiPolygon, or a ValidationError naming the reason and the location. */
export async function checkUnitGeometry(db: Queryable, value: unknown): Promise<MultiPolygon> {
  const geometry = asMulti(polygonal(value));
  const rows = await db.query<{ valid: boolean; reason: string | null; x: number | null; y: number | null }>(
    `SELECT (d).valid, (d).reason, ST_X((d).location)::float8 AS x, ST_Y((d).location)::float8 AS y
       FROM (SELECT ST_IsValidDetail(ST_GeomFromGeoJSON($1::text)) AS d) AS q`,
    [JSON.stringify(geometry)],
  );
  const detail = rows[0];
  if (!detail || detail.valid) return geometry;
  const reason = detail.reason ?? 'invalid geometry';
  const location = detail.x !== null && detail.y !== null ? [detail.x, detail.y] : undefined;
  throw new ValidationError(
    `geometry: ${reason}${location ? ` at (${location[0]}, ${location[1]})` : ''} (PostGIS ST_IsValidDetail)`,
    { reason: reasonCode(reason), at: 'geometry', detail: reason, ...(location ? { location } : {}) },
    'invalid_geometry',
  );
}
