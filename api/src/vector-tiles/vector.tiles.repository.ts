/**
 * The SQL of vector tiles. On PostgreSQL/PostGIS one statement builds the whole tile:
 * `ST_AsMVT(ST_AsMVTGeom(ST_Transform(geom, 3857), ST_TileEnvelope(z,x,y), 4096, 64, true))`.
 * PGlite's PostGIS is built without protobuf (no ST_AsMVT), so there the features near the tile are read
 * as GeoJSON — pre-clipped in SQL to the tile grown by a margin wider than the MVT buffer, which keeps
 * the JS cut (`encodeMvt`) cheap and exact — and the tiler cuts the tile.
 * Reference: PostGIS ST_AsMVT, ST_AsMVTGeom, ST_TileEnvelope; SPEC §2.2.
 */
import type { Geometry } from 'geojson';
import type { Queryable, SqlParam } from '../db/db.ts';
import type { MvtFeatureInput, MvtValue, TileAddress } from '../../../tiler/src/mvt/index.ts';
import type { VectorLayer } from './vector.layers.ts';

export const EXTENT = 4096;
export const BUFFER = 64;
/** Margin of the SQL pre-clip on PGlite, as a fraction of the tile: 4 × the MVT buffer. */
const PRECLIP_MARGIN = (4 * BUFFER) / EXTENT;

/** `b`: the tile in EPSG:3857, the tile grown by `$5` in EPSG:4326 (`env`), readable organisations. */
const BOUNDS = `b AS (
  SELECT ST_TileEnvelope($2, $3, $4) AS tile,
         ST_Transform(ST_TileEnvelope($2, $3, $4, margin => $5::float8), 4326) AS env,
         $1::uuid[] AS orgs)`;

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

function params(orgs: readonly string[], t: TileAddress, margin: number): SqlParam[] {
  return [[...orgs], t.z, t.x, t.y, margin];
}

/** The SQL that makes the whole MVT on PostGIS (exported for the benchmark and the tests). */
export function postgisTileSql(layer: VectorLayer): string {
  const columns = Object.keys(layer.fields).map((f) => `f.${quoteIdent(f)}`);
  if (layer.featureId) columns.unshift('f.fid');
  return `WITH ${BOUNDS}, f AS (${layer.rowsSql})
SELECT ST_AsMVT(t, '${layer.id.replaceAll("'", "''")}', ${EXTENT}, 'geom'${layer.featureId ? ", 'fid'" : ''}) AS mvt
  FROM (SELECT ${columns.join(', ')},
               ST_AsMVTGeom(ST_Transform(f.geom, 3857), b.tile, ${EXTENT}, ${BUFFER}, true) AS geom
          FROM f, b) AS t
 WHERE t.geom IS NOT NULL`;
}

/** The prepared statement of a layer's tile: its name (one per layer and connection) and SQL, made once. */
const statements = new Map<string, { name: string; sql: string }>();

export function postgisTileStatement(layer: VectorLayer): { name: string; sql: string } {
  let statement = statements.get(layer.id);
  if (!statement) {
    statement = { name: `mvt_${layer.id}`, sql: postgisTileSql(layer) };
    statements.set(layer.id, statement);
  }
  return statement;
}

/** The parameters of a tile statement (typed in its SQL: uuid[], int × 3, float8). */
export function postgisTileParams(orgs: readonly string[], t: TileAddress): SqlParam[] {
  return params(orgs, t, BUFFER / EXTENT);
}

/**
 * One tile of `layer` built by PostGIS; empty when no feature lands in it. A named statement, so each
 * pooled connection parses it once (parsing and planning it for each tile cost ~12 % of PostgreSQL's
 * CPU per tile in bench/mvt.ts).
 */
export async function postgisTile(
  db: Queryable,
  layer: VectorLayer,
  orgs: readonly string[],
  t: TileAddress,
): Promise<Uint8Array> {
  const { name, sql } = postgisTileStatement(layer);
  const rows = await db.query<{ mvt: Uint8Array | null }>(sql, postgisTileParams(orgs, t), { name });
  const mvt = rows[0]?.mvt;
  return mvt ? new Uint8Array(mvt.buffer, mvt.byteOffset, mvt.byteLength) : new Uint8Array(0);
}

/** The features of `layer` near tile `t`, pre-clipped, in lon/lat: the input of `encodeMvt`. */
export async function tileFeatures(
  db: Queryable,
  layer: VectorLayer,
  orgs: readonly string[],
  t: TileAddress,
): Promise<MvtFeatureInput[]> {
  const columns = Object.keys(layer.fields).map((f) => `f.${quoteIdent(f)}`);
  if (layer.featureId) columns.unshift('f.fid');
  const rows = await db.query<Record<string, unknown>>(
    `WITH ${BOUNDS}, f AS (${layer.rowsSql})
     SELECT ${columns.join(', ')},
            ST_AsGeoJSON(CASE WHEN f.geom @ b.env THEN f.geom
                              ELSE ST_ClipByBox2D(f.geom, b.env) END)::json AS "__geometry"
       FROM f, b
      WHERE NOT ST_IsEmpty(f.geom)`,
    params(orgs, t, PRECLIP_MARGIN),
  );
  const out: MvtFeatureInput[] = [];
  for (const row of rows) {
    const geometry = row.__geometry as Geometry | null;
    if (!geometry) continue;
    const properties: Record<string, MvtValue | null> = {};
    for (const name of Object.keys(layer.fields)) properties[name] = toValue(row[name]);
    const fid = row.fid;
    out.push(
      typeof fid === 'number' && Number.isInteger(fid) && fid >= 0
        ? { id: fid, properties, geometry }
        : { properties, geometry },
    );
  }
  return out;
}

function toValue(v: unknown): MvtValue | null {
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (v === null || v === undefined) return null;
  return String(v);
}

/** Extent of the layer's features readable by `orgs`, [w, s, e, n] in lon/lat; null when there are none. */
export async function layerBounds(
  db: Queryable,
  layer: VectorLayer,
  orgs: readonly string[],
): Promise<[number, number, number, number] | null> {
  const rows = await db.query<{ w: number | null; s: number | null; e: number | null; n: number | null }>(
    `WITH b AS (SELECT ST_MakeEnvelope(-180, -90, 180, 90, 4326) AS env, $1::uuid[] AS orgs),
          f AS (${layer.rowsSql}),
          x AS (SELECT ST_Extent(f.geom) AS e FROM f)
     SELECT ST_XMin(e)::float8 AS w, ST_YMin(e)::float8 AS s, ST_XMax(e)::float8 AS e, ST_YMax(e)::float8 AS n
       FROM x`,
    [[...orgs]],
  );
  const r = rows[0];
  if (!r || r.w === null || r.s === null || r.e === null || r.n === null) return null;
  return [r.w, r.s, r.e, r.n];
}
