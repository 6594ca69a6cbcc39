/**
 * SQL of the pasture-unit import checks (the writes use the pasture-units repository): how much of a
 * unit lies in its soum's polygon of `admin_units` and its geodesic area as it will be stored, and the
 * names of the organisation's units already in a soum.
 * Reference: migration 001 (admin_units), 003 (pasture_units); PostGIS ST_CoveredBy, ST_Area(geography).
 */
import type { MultiPolygon, Position } from 'geojson';
import type { Queryable } from '../db/db.ts';

export interface SoumFit {
  /** Share of the unit's area inside the soum, 0–1. */
  readonly inside: number;
  readonly areaHa: number;
  /** A point of the unit (for the report). */
  readonly at: Position;
}

export async function soumFit(db: Queryable, soum: string, geometry: MultiPolygon): Promise<SoumFit | null> {
  const rows = await db.query<{ inside: number; ha: number; x: number; y: number }>(
    `SELECT CASE WHEN ST_CoveredBy(q.g, a.geom) THEN 1
                 WHEN NOT ST_Intersects(q.g, a.geom) THEN 0
                 ELSE ST_Area(ST_Intersection(q.g, a.geom)::geography) / NULLIF(ST_Area(q.g::geography), 0)
            END::float8 AS inside,
            (ST_Area(q.g::geography) / 10000)::float8 AS ha,
            ST_X(ST_PointOnSurface(q.g))::float8 AS x, ST_Y(ST_PointOnSurface(q.g))::float8 AS y
       FROM admin_units a, (SELECT ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($2::text), 4326)) AS g) AS q
      WHERE a.code = $1 AND a.level = 'soum'`,
    [soum, JSON.stringify(geometry)],
  );
  const r = rows[0];
  return r ? { inside: r.inside ?? 0, areaHa: r.ha, at: [r.x, r.y] } : null;
}

/** Lower-cased names of the organisation's (not deleted) units in `soum`. */
export async function unitNamesIn(db: Queryable, organisationId: string, soum: string): Promise<Set<string>> {
  // Lower-cased here, not by SQL lower(), whose Cyrillic depends on the database's LC_CTYPE.
  const rows = await db.query<{ name: string }>(
    `SELECT name FROM pasture_units
      WHERE organisation_id = $1 AND soum_code = $2 AND deleted_at IS NULL`,
    [organisationId, soum],
  );
  return new Set(rows.map((r) => r.name.toLowerCase()));
}
