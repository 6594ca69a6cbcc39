/**
 * The layers of `/api/exports/layers/{layer}.{format}`: their fields (names as in the JSON APIs, typed
 * for OGR; the Shapefile name when longer than 10 characters: `reference_biomass_kg_ha` → `ref_bio`,
 * `biomass_kg_ha` → `biomass`, `coverage_pct` → `coverage`, `recovery_class` → `recovery`, `capacity_su`
 * → `capacity`, `plot_size_m` → `plot_size`, `survey_date` → `surv_date`, `created_at` → `created`,
 * `updated_at` → `updated`, `computed_at` → `computed`), the filters each accepts and the SQL of its
 * rows. The SQL takes $1 the readable organisations, $2 soum, $3 season, $4 use, $5 survey (null for every survey),
 * $6 the row limit; it returns one column per field and `geometry` as GeoJSON. Deleted rows are left out.
 * Reference: migration 003 (pasture_units, field_plots, results); SPEC §2.2 exports; issue 7.
 */
import type { VectorField, VectorGeometry } from '@belcheer/processing';

export const LAYER_IDS = ['pasture-units', 'field-plots', 'results'] as const;
export type LayerId = (typeof LAYER_IDS)[number];

export const FILTERS = ['soum', 'season', 'use', 'survey'] as const;
export type FilterName = (typeof FILTERS)[number];

export interface ExportLayer {
  /** File and table name. */
  readonly name: string;
  readonly geometryType: VectorGeometry['type'];
  readonly fields: ReadonlyArray<VectorField>;
  readonly filters: ReadonlyArray<FilterName>;
  readonly sql: string;
}

const iso = (col: string): string => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** The unit filters ($2 soum, $3 season, $4 use) on `pasture_units` aliased `u`. */
const UNIT_FILTERS = `($2::text IS NULL OR u.soum_code = $2) AND ($3::text IS NULL OR u.season = $3)
   AND ($4::text IS NULL OR u.use = $4)`;

const UNIT_FIELDS: ReadonlyArray<VectorField> = [
  { name: 'name', type: 'string' },
  { name: 'soum', type: 'string' },
  { name: 'season', type: 'string' },
  { name: 'use', type: 'string' },
];

export const EXPORT_LAYERS: Record<LayerId, ExportLayer> = {
  'pasture-units': {
    name: 'pasture_units',
    geometryType: 'MultiPolygon',
    fields: [
      { name: 'id', type: 'string' },
      ...UNIT_FIELDS,
      { name: 'area_ha', type: 'real' },
      { name: 'reference_biomass_kg_ha', type: 'real', shpName: 'ref_bio' },
      { name: 'notes', type: 'string' },
      { name: 'version', type: 'integer' },
      { name: 'created_at', type: 'datetime', shpName: 'created' },
      { name: 'updated_at', type: 'datetime', shpName: 'updated' },
    ],
    filters: ['soum', 'season', 'use'],
    sql: `SELECT u.id::text AS id, u.name, u.soum_code AS soum, u.season, u.use, u.area_ha,
                 u.reference_biomass_kg_ha, u.notes, u.version, ${iso('u.created_at')} AS created_at,
                 ${iso('u.updated_at')} AS updated_at, ST_AsGeoJSON(u.geom)::json AS geometry
            FROM pasture_units u
           WHERE u.organisation_id = ANY ($1::uuid[]) AND u.deleted_at IS NULL AND ${UNIT_FILTERS}
             AND $5::uuid IS NULL
           ORDER BY u.soum_code, u.name, u.id LIMIT $6`,
  },
  'field-plots': {
    name: 'field_plots',
    geometryType: 'Point',
    fields: [
      { name: 'id', type: 'string' },
      { name: 'name', type: 'string' },
      { name: 'date', type: 'date' },
      { name: 'survey', type: 'string' },
      { name: 'biomass_kg_ha', type: 'real', shpName: 'biomass' },
      { name: 'fresh', type: 'boolean' },
      { name: 'cover_pct', type: 'real' },
      { name: 'height_cm', type: 'real' },
      { name: 'plot_size_m', type: 'real', shpName: 'plot_size' },
      { name: 'notes', type: 'string' },
    ],
    filters: ['soum', 'survey'],
    sql: `SELECT p.id::text AS id, p.name, to_char(p.plot_date, 'YYYY-MM-DD') AS date, p.survey_id::text AS survey,
                 p.biomass_kg_ha, p.biomass_fresh AS fresh, p.cover_pct, p.height_cm, p.plot_size_m, p.notes,
                 ST_AsGeoJSON(p.geom)::json AS geometry
            FROM field_plots p
           WHERE p.organisation_id = ANY ($1::uuid[]) AND p.deleted_at IS NULL
             AND ($2::text IS NULL OR EXISTS (
                   SELECT 1 FROM admin_units a WHERE a.code = $2 AND ST_Intersects(a.geom, p.geom)))
             AND $3::text IS NULL AND $4::text IS NULL AND ($5::uuid IS NULL OR p.survey_id = $5)
           ORDER BY p.plot_date, p.id LIMIT $6`,
  },
  results: {
    name: 'results',
    geometryType: 'MultiPolygon',
    fields: [
      { name: 'survey', type: 'string' },
      { name: 'survey_date', type: 'date', shpName: 'surv_date' },
      { name: 'unit', type: 'string' },
      ...UNIT_FIELDS,
      { name: 'index', type: 'string' },
      { name: 'mean', type: 'real' },
      { name: 'coverage_pct', type: 'real', shpName: 'coverage' },
      { name: 'cover_pct', type: 'real' },
      { name: 'biomass_kg_ha', type: 'real', shpName: 'biomass' },
      { name: 'recovery_class', type: 'string', shpName: 'recovery' },
      { name: 'capacity_su', type: 'real', shpName: 'capacity' },
      { name: 'season_days', type: 'integer', shpName: 'days' },
      { name: 'computed_at', type: 'datetime', shpName: 'computed' },
    ],
    filters: ['soum', 'season', 'use', 'survey'],
    sql: `SELECT r.survey_id::text AS survey, to_char(s.survey_date, 'YYYY-MM-DD') AS survey_date,
                 r.unit_id::text AS unit, u.name, u.soum_code AS soum, u.season, u.use, r.product AS index,
                 (r.stats->>'mean')::float8 AS mean, r.coverage_pct, r.cover_pct, r.biomass_kg_ha,
                 r.recovery_class, r.capacity_su, r.season_days, ${iso('r.computed_at')} AS computed_at,
                 ST_AsGeoJSON(u.geom)::json AS geometry
            FROM results r JOIN pasture_units u ON u.id = r.unit_id JOIN surveys s ON s.id = r.survey_id
           WHERE r.organisation_id = ANY ($1::uuid[]) AND s.deleted_at IS NULL AND u.deleted_at IS NULL
             AND ${UNIT_FILTERS} AND ($5::uuid IS NULL OR r.survey_id = $5)
           ORDER BY s.survey_date, r.survey_id, u.name, r.unit_id LIMIT $6`,
  },
};
