/**
 * The registry of vector tile layers served at `/tiles/{layer}/{z}/{x}/{y}.mvt` (SPEC §2.2, §3). A layer
 * is data, not code: the SQL selecting its features near a tile, the fields it carries (TileJSON
 * `vector_layers`), who may read it and how long a tile may be cached. Adding `pasture-units`,
 * `field-plots` or `results` is adding one entry here.
 *
 * Each `rowsSql` is a SELECT over `b` — one row with `b.env` (the tile grown by a margin, as an
 * EPSG:4326 polygon) and `b.orgs` (the caller's readable organisations, uuid[]) — yielding `geom`
 * (EPSG:4326), `fid` (a non-negative integer feature id) when `featureId` is set, and one column per field.
 */
import { resultsLayer } from '../analysis/results.layer.ts';

export type FieldType = 'String' | 'Number' | 'Boolean';

export interface VectorLayer {
  /** URL segment and the layer name inside the tile (MapLibre `source-layer`). */
  readonly id: string;
  readonly description: string;
  /** Attributes of each feature, in tile order; the SQL yields a column of each name. */
  readonly fields: Readonly<Record<string, FieldType>>;
  /** Whether the SQL yields an integer `fid` used as the MVT feature id. */
  readonly featureId: boolean;
  readonly minzoom: number;
  readonly maxzoom: number;
  /** `reference`: every signed-in user; `organisation`: rows filtered by `b.orgs` in the SQL. */
  readonly readers: 'reference' | 'organisation';
  readonly cacheControl: string;
  /**
   * Organisation layers only: keep tiles in the server's tile cache for at most this many seconds, per
   * set of readable organisations; dropped at once when the layer's writer calls `layerChanged`.
   */
  readonly organisationCacheSeconds?: number;
  readonly rowsSql: string;
}

const adminUnits: VectorLayer = {
  id: 'admin-units',
  description:
    'Aimags and soums of Mongolia: NSO P-code, level, parent aimag, names in Mongolian and Latin, geodesic area (ha). `fid` is the code without "MN".',
  fields: {
    code: 'String',
    level: 'String',
    parent_code: 'String',
    name_mn: 'String',
    name_en: 'String',
    area_ha: 'Number',
  },
  featureId: true,
  minzoom: 0,
  maxzoom: 22,
  readers: 'reference',
  // Reference data changes with a release, not during a day.
  cacheControl: 'private, max-age=86400, stale-while-revalidate=604800',
  rowsSql: `SELECT CASE WHEN a.code ~ '^MN[0-9]{1,9}$' THEN substr(a.code, 3)::int END AS fid, a.code, a.level, a.parent_code, a.name_mn, a.name_en,
                   round(a.area_ha::numeric, 1)::float8 AS area_ha, a.geom
              FROM admin_units a, b
             WHERE a.level IN ('aimag', 'soum') AND a.geom && b.env`,
};

/** Organisation data that changes during a working day: a short private cache. */
const ORGANISATION_CACHE = 'private, max-age=30, must-revalidate';

const surveys: VectorLayer = {
  id: 'surveys',
  description:
    'Footprints of the processed (ready) drone surveys of the caller’s organisations: id, name, date, kind, GSD (m).',
  fields: { id: 'String', name: 'String', date: 'String', kind: 'String', gsd: 'Number' },
  featureId: false,
  minzoom: 0,
  maxzoom: 22,
  readers: 'organisation',
  // A survey may be processed, renamed or deleted at any time, and only its organisation sees it.
  cacheControl: ORGANISATION_CACHE,
  rowsSql: `SELECT s.id::text AS id, s.name, to_char(s.survey_date, 'YYYY-MM-DD') AS date, s.kind,
                   s.gsd::float8 AS gsd, s.footprint AS geom
              FROM surveys s, b
             WHERE s.organisation_id = ANY (b.orgs) AND s.status = 'ready' AND s.deleted_at IS NULL
               AND s.footprint IS NOT NULL AND s.footprint && b.env`,
};

// The GiST index on geom serves the bbox test (bench/mvt.ts checks the plan); the organisation and
// not-deleted checks are on the same row, so the tile costs what the bare ST_AsMVT query costs.
const pastureUnits: VectorLayer = {
  id: 'pasture-units',
  description:
    'Pasture units of the caller’s organisations (not deleted): id, name, soum code, season, use, geodesic area (ha), version.',
  fields: {
    id: 'String',
    name: 'String',
    soum: 'String',
    season: 'String',
    use: 'String',
    area_ha: 'Number',
    version: 'Number',
  },
  featureId: false,
  minzoom: 0,
  maxzoom: 22,
  readers: 'organisation',
  cacheControl: ORGANISATION_CACHE,
  // Every write to pasture_units is notified by a trigger (migration 008, layer.generation.ts).
  organisationCacheSeconds: 30,
  rowsSql: `SELECT u.id::text AS id, u.name, u.soum_code AS soum, u.season, u.use, u.area_ha, u.version, u.geom
              FROM pasture_units u, b
             WHERE u.geom && b.env AND u.organisation_id = ANY (b.orgs) AND u.deleted_at IS NULL`,
};

const fieldPlots: VectorLayer = {
  id: 'field-plots',
  description:
    'Field plots of the caller’s organisations (not deleted): id, date, clipped biomass (kg DM/ha), cover (%), height (cm), survey id.',
  fields: {
    id: 'String',
    date: 'String',
    biomass_kg_ha: 'Number',
    cover_pct: 'Number',
    height_cm: 'Number',
    survey_id: 'String',
  },
  featureId: false,
  minzoom: 0,
  maxzoom: 22,
  readers: 'organisation',
  cacheControl: ORGANISATION_CACHE,
  rowsSql: `SELECT p.id::text AS id, to_char(p.plot_date, 'YYYY-MM-DD') AS date, p.biomass_kg_ha, p.cover_pct,
                   p.height_cm, p.survey_id::text AS survey_id, p.geom
              FROM field_plots p, b
             WHERE p.geom && b.env AND p.organisation_id = ANY (b.orgs) AND p.deleted_at IS NULL`,
};

export const VECTOR_LAYERS: readonly VectorLayer[] = [
  adminUnits,
  surveys,
  pastureUnits,
  fieldPlots,
  resultsLayer,
];

export function findVectorLayer(id: string): VectorLayer | undefined {
  return VECTOR_LAYERS.find((l) => l.id === id);
}
