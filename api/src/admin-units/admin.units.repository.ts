/**
 * SQL of administrative units (aimags, soums): loading the shipped boundaries and reading them as
 * GeoJSON. Areas are geodesic (ST_Area on geography), in ha.
 */
import type { Queryable } from '../db/db.ts';

export type AdminLevel = 'aimag' | 'soum';

export interface AdminUnitRecord {
  readonly code: string;
  readonly level: AdminLevel;
  readonly parentCode: string | null;
  readonly nameMn: string | null;
  readonly nameEn: string;
  /** GeoJSON Polygon or MultiPolygon in EPSG:4326. */
  readonly geometry: object;
}

export async function countAdminUnits(db: Queryable): Promise<number> {
  const rows = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM admin_units');
  return rows[0]?.n ?? 0;
}

/** Inserts units in one statement (parents must come before or with their children). */
export async function insertAdminUnits(db: Queryable, units: readonly AdminUnitRecord[]): Promise<void> {
  await db.query(
    `INSERT INTO admin_units (code, level, parent_code, name_mn, name_en, area_ha, geom)
     SELECT u->>'code', u->>'level', u->>'parentCode', u->>'nameMn', u->>'nameEn',
            ST_Area(g::geography) / 10000, g
       FROM json_array_elements($1::json) AS u,
            LATERAL ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(u->>'geometry'), 4326)) AS g`,
    [JSON.stringify(units)],
  );
}

export async function aimagExists(db: Queryable, code: string): Promise<boolean> {
  return (await db.query(`SELECT 1 FROM admin_units WHERE code = $1 AND level = 'aimag'`, [code])).length > 0;
}

export interface AdminUnitQuery {
  readonly level?: AdminLevel;
  readonly parent?: string;
  readonly code?: string;
  readonly bbox?: readonly [number, number, number, number];
}

/** A GeoJSON FeatureCollection of the units matching the query, built by PostGIS. */
export async function adminUnitsGeoJson(
  db: Queryable,
  q: AdminUnitQuery,
): Promise<{ type: 'FeatureCollection'; features: object[] }> {
  const rows = await db.query<{ feature: object }>(
    `SELECT json_build_object(
              'type', 'Feature', 'id', code,
              'properties', json_build_object('code', code, 'level', level, 'parent_code', parent_code,
                                              'name_mn', name_mn, 'name_en', name_en, 'area_ha', round(area_ha::numeric, 1)),
              'geometry', ST_AsGeoJSON(geom, 5)::json) AS feature
       FROM admin_units
      WHERE ($1::text IS NULL OR level = $1)
        AND ($2::text IS NULL OR parent_code = $2)
        AND ($3::text IS NULL OR code = $3)
        AND ($4::float8 IS NULL OR geom && ST_MakeEnvelope($4, $5, $6, $7, 4326))
      ORDER BY code`,
    [
      q.level ?? null,
      q.parent ?? null,
      q.code ?? null,
      q.bbox?.[0] ?? null,
      q.bbox?.[1] ?? null,
      q.bbox?.[2] ?? null,
      q.bbox?.[3] ?? null,
    ],
  );
  return { type: 'FeatureCollection', features: rows.map((r) => r.feature) };
}
