/**
 * SQL of pasture units and their edit history. Features are built by PostGIS (`ST_AsGeoJSON`), the
 * area is geodesic (`ST_Area(geom::geography) / 10 000`) and computed in the statement that writes the
 * geometry, timestamps are ISO 8601 in UTC on both backends. Every reader takes the caller's readable
 * organisations; a unit outside them is not found.
 * Reference: migration 003 (pasture_units, pasture_unit_history); SPEC §2.4.
 */
import type { MultiPolygon } from 'geojson';
import { NotFoundError } from '@belcheer/processing';
import type { Queryable } from '../db/db.ts';
import type { HistoryEntry, UnitFeature, UnitListQuery } from './pasture.units.schemas.ts';

const iso = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

const FEATURE = `json_build_object(
  'type', 'Feature', 'id', u.id::text, 'geometry', ST_AsGeoJSON(u.geom)::json,
  'properties', json_build_object(
    'name', u.name, 'soum', u.soum_code, 'season', u.season, 'use', u.use, 'area_ha', u.area_ha,
    'notes', u.notes, 'reference_biomass_kg_ha', u.reference_biomass_kg_ha, 'version', u.version,
    'created_at', ${iso('u.created_at')}, 'updated_at', ${iso('u.updated_at')},
    'deleted_at', ${iso('u.deleted_at')}))`;

/** The fields a history row records (geometry as GeoJSON). */
export const SNAPSHOT_FIELDS = [
  'name',
  'soum',
  'season',
  'use',
  'notes',
  'reference_biomass_kg_ha',
  'area_ha',
  'geometry',
] as const;
export type Snapshot = Record<(typeof SNAPSHOT_FIELDS)[number], unknown>;

export interface UnitRecord {
  readonly id: string;
  readonly organisationId: string;
  readonly version: number;
  readonly deleted: boolean;
  readonly feature: UnitFeature;
}

export interface UnitValues {
  readonly name: string;
  readonly soum: string;
  readonly season: string;
  readonly use: string;
  readonly notes: string | null;
  readonly referenceBiomass: number | null;
  readonly geometry: MultiPolygon;
}

export function snapshotOf(f: UnitFeature): Snapshot {
  const p = f.properties;
  return {
    name: p.name,
    soum: p.soum,
    season: p.season,
    use: p.use,
    notes: p.notes,
    reference_biomass_kg_ha: p.reference_biomass_kg_ha,
    area_ha: p.area_ha,
    geometry: f.geometry,
  };
}

export async function soumExists(db: Queryable, code: string): Promise<boolean> {
  const rows = await db.query(`SELECT 1 FROM admin_units WHERE code = $1 AND level = 'soum'`, [code]);
  return rows.length > 0;
}

export async function listUnits(
  db: Queryable,
  orgs: readonly string[],
  q: UnitListQuery,
): Promise<UnitFeature[]> {
  const bbox = q.bbox ?? [null, null, null, null];
  const rows = await db.query<{ feature: UnitFeature }>(
    `SELECT ${FEATURE} AS feature
       FROM pasture_units u
      WHERE u.organisation_id = ANY ($1::uuid[])
        AND ($2::boolean OR u.deleted_at IS NULL)
        AND ($3::text IS NULL OR u.soum_code = $3)
        AND ($4::text IS NULL OR u.season = $4)
        AND ($5::text IS NULL OR u.use = $5)
        AND ($6::float8 IS NULL OR u.geom && ST_MakeEnvelope($6, $7, $8, $9, 4326))
      ORDER BY u.name, u.id`,
    [[...orgs], q.include_deleted ?? false, q.soum ?? null, q.season ?? null, q.use ?? null, ...bbox],
  );
  return rows.map((r) => r.feature);
}

/** The unit (deleted or not) if `orgs` may read it; `forUpdate` locks its row for the transaction. */
export async function getUnit(
  db: Queryable,
  orgs: readonly string[],
  id: string,
  forUpdate = false,
): Promise<UnitRecord> {
  const rows = await db.query<{ organisation_id: string; feature: UnitFeature }>(
    `SELECT u.organisation_id::text AS organisation_id, ${FEATURE} AS feature
       FROM pasture_units u
      WHERE u.id = $1 AND u.organisation_id = ANY ($2::uuid[])${forUpdate ? ' FOR UPDATE' : ''}`,
    [id, [...orgs]],
  );
  const row = rows[0];
  if (!row) throw new NotFoundError(`no pasture unit ${id}`);
  return {
    id,
    organisationId: row.organisation_id,
    version: row.feature.properties.version,
    deleted: row.feature.properties.deleted_at !== null,
    feature: row.feature,
  };
}

const GEOM = `ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($6::text), 4326))`;

export async function insertUnit(
  db: Queryable,
  organisationId: string,
  userId: string,
  v: UnitValues,
): Promise<string> {
  const rows = await db.query<{ id: string }>(
    `INSERT INTO pasture_units (organisation_id, soum_code, name, season, use, geom, area_ha, notes,
                                reference_biomass_kg_ha, created_by, updated_by)
     SELECT $1::uuid, $2::text, $3::text, $4::text, $5::text, g, ST_Area(g::geography) / 10000, $7::text,
            $8::float8, $9::uuid, $9::uuid
       FROM ${GEOM} AS g
     RETURNING id::text AS id`,
    [
      organisationId,
      v.soum,
      v.name,
      v.season,
      v.use,
      JSON.stringify(v.geometry),
      v.notes,
      v.referenceBiomass,
      userId,
    ],
  );
  return rows[0]!.id;
}

/** Writes all values and increments the version. */
export async function updateUnit(db: Queryable, id: string, userId: string, v: UnitValues): Promise<void> {
  await db.query(
    `UPDATE pasture_units u
        SET soum_code = $2::text, name = $3::text, season = $4::text, use = $5::text, geom = g.g,
            area_ha = ST_Area(g.g::geography) / 10000, notes = $7::text, reference_biomass_kg_ha = $8::float8,
            updated_by = $9::uuid, updated_at = now(), version = u.version + 1
       FROM (SELECT ${GEOM} AS g) AS g
      WHERE u.id = $1`,
    [id, v.soum, v.name, v.season, v.use, JSON.stringify(v.geometry), v.notes, v.referenceBiomass, userId],
  );
}

/** Soft delete (`deleted = true`) or restore; increments the version. */
export async function setDeleted(db: Queryable, id: string, userId: string, deleted: boolean): Promise<void> {
  await db.query(
    `UPDATE pasture_units
        SET deleted_at = CASE WHEN $3::boolean THEN now() END, updated_by = $2::uuid, updated_at = now(), version = version + 1
      WHERE id = $1`,
    [id, userId, deleted],
  );
}

export async function insertHistory(
  db: Queryable,
  entry: {
    unitId: string;
    version: number;
    action: HistoryEntry['action'];
    userId: string;
    oldValues: Record<string, unknown> | null;
    newValues: Record<string, unknown> | null;
  },
): Promise<void> {
  await db.query(
    `INSERT INTO pasture_unit_history (unit_id, version, action, user_id, old_values, new_values)
     VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb)`,
    [
      entry.unitId,
      entry.version,
      entry.action,
      entry.userId,
      entry.oldValues && JSON.stringify(entry.oldValues),
      entry.newValues && JSON.stringify(entry.newValues),
    ],
  );
}

export async function listHistory(db: Queryable, unitId: string): Promise<HistoryEntry[]> {
  const rows = await db.query<{ entry: HistoryEntry }>(
    `SELECT json_build_object(
              'version', h.version, 'action', h.action, 'at', ${iso('h.at')},
              'user', CASE WHEN usr.id IS NULL THEN NULL ELSE json_build_object('id', usr.id::text, 'name', usr.name) END,
              'old_values', h.old_values, 'new_values', h.new_values) AS entry
       FROM pasture_unit_history h LEFT JOIN users usr ON usr.id = h.user_id
      WHERE h.unit_id = $1
      ORDER BY h.version`,
    [unitId],
  );
  return rows.map((r) => r.entry);
}
