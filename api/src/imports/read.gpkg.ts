/**
 * A GeoPackage read with sql.js: the feature table from `gpkg_contents` / `gpkg_geometry_columns`
 * (the only one, or `?layer=`), its CRS from `gpkg_spatial_ref_sys` (EPSG code, else the WKT
 * definition), then row by row: the GP binary header (magic "GP", flags, srs_id, envelope) skipped and
 * the WKB decoded. The database is opened in memory from the uploaded bytes (capped).
 * Reference: OGC 12-128r18 GeoPackage 1.4 §1.1.2, §1.1.3, §2.1.3 (GeoPackageBinary).
 */
import { readFile, stat } from 'node:fs/promises';
import initSqlJs, { type Database, type SqlJsStatic, type SqlValue } from 'sql.js';
import { PayloadTooLargeError, ValidationError } from '@belcheer/processing';
import { crsOfEpsg, crsOfName, crsOfWkt, geometryToLonLat, WGS84, type ImportCrs } from './crs.resolve.ts';
import { featureOf, type FeatureSource, type ReadOptions, type SourceFeature } from './import.source.ts';
import { readWkb } from './wkb.read.ts';

export const MAX_GPKG_BYTES = 256 * 2 ** 20;
/** Bytes of the envelope by the flags' envelope indicator (GeoPackage 1.4 Table 6). */
const ENVELOPE_BYTES = [0, 32, 48, 48, 64];

let sqlJs: Promise<SqlJsStatic> | undefined;

const invalid = (message: string) =>
  new ValidationError(`GeoPackage: ${message}`, undefined, 'invalid_geopackage');

/** The geometry of a GeoPackageBinary blob (null when flagged empty). */
export function gpkgGeometry(blob: Uint8Array): unknown {
  if (blob.length < 8 || blob[0] !== 0x47 || blob[1] !== 0x50)
    throw invalid('a geometry lacks the "GP" header');
  const flags = blob[3]!;
  if (flags & 0x10) return null;
  const envelope = ENVELOPE_BYTES[(flags >> 1) & 0x07];
  if (envelope === undefined) throw invalid(`a geometry has envelope indicator ${(flags >> 1) & 0x07}`);
  return readWkb(blob, 8 + envelope);
}

function all(db: Database, sql: string, params: SqlValue[] = []): Record<string, SqlValue>[] {
  const stmt = db.prepare(sql, params);
  const rows: Record<string, SqlValue>[] = [];
  while (stmt.step()) rows.push(stmt.getAsObject());
  stmt.free();
  return rows;
}

const quote = (id: string) => `"${id.replace(/"/g, '""')}"`;

function layerOf(db: Database, layer: string | undefined): { table: string; column: string; srsId: number } {
  let layers: Record<string, SqlValue>[];
  try {
    layers = all(
      db,
      `SELECT c.table_name AS t, g.column_name AS c, g.srs_id AS s FROM gpkg_contents c
         JOIN gpkg_geometry_columns g ON g.table_name = c.table_name WHERE c.data_type = 'features'`,
    );
  } catch (err) {
    throw invalid(`no feature tables can be read (${(err as Error).message})`);
  }
  const names = layers.map((l) => String(l.t));
  const chosen = layer ? layers.filter((l) => l.t === layer) : layers;
  if (chosen.length !== 1)
    throw new ValidationError(
      layer
        ? `the GeoPackage has no feature table "${layer}" (it has: ${names.join(', ')})`
        : `the GeoPackage has ${names.length} feature tables (${names.join(', ') || 'none'}); name one with ?layer=`,
      undefined,
      'ambiguous_layer',
    );
  const l = chosen[0]!;
  return { table: String(l.t), column: String(l.c), srsId: Number(l.s) };
}

function crsOf(db: Database, srsId: number, options: ReadOptions): ImportCrs {
  if (options.crs) return crsOfName(options.crs);
  const srs = all(
    db,
    'SELECT organization AS o, organization_coordsys_id AS c, definition AS d FROM gpkg_spatial_ref_sys WHERE srs_id = ?',
    [srsId],
  )[0];
  if (!srs || srsId <= 0) return WGS84; // -1/0: undefined Cartesian/geographic (GeoPackage §1.1.2.1.1)
  if (String(srs.o).toUpperCase() === 'EPSG') return crsOfEpsg(Number(srs.c), 'GeoPackage srs');
  return crsOfWkt(String(srs.d), 'GeoPackage srs');
}

async function* rows(
  db: Database,
  table: string,
  column: string,
  crs: ImportCrs,
): AsyncGenerator<SourceFeature> {
  const pk = new Set(
    all(db, `PRAGMA table_info(${quote(table)})`)
      .filter((c) => Number(c.pk) > 0)
      .map((c) => String(c.name)),
  );
  const stmt = db.prepare(`SELECT * FROM ${quote(table)}`);
  let index = 0;
  try {
    while (stmt.step()) {
      const row = stmt.getAsObject();
      const properties: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(row)) if (k !== column && !pk.has(k)) properties[k] = v;
      const blob = row[column];
      yield featureOf(index++, properties, () =>
        blob instanceof Uint8Array ? geometryToLonLat(gpkgGeometry(blob), crs) : null,
      );
    }
  } finally {
    stmt.free();
    db.close();
  }
}

export async function readGeoPackage(file: string, options: ReadOptions): Promise<FeatureSource> {
  const { size } = await stat(file);
  if (size > MAX_GPKG_BYTES)
    throw new PayloadTooLargeError(`the GeoPackage has ${size} bytes; at most ${MAX_GPKG_BYTES} are read`);
  sqlJs ??= initSqlJs();
  const SQL = await sqlJs;
  let db: Database;
  try {
    db = new SQL.Database(await readFile(file));
  } catch (err) {
    throw invalid(`the file cannot be opened (${(err as Error).message})`);
  }
  try {
    const { table, column, srsId } = layerOf(db, options.layer);
    const crs = crsOf(db, srsId, options);
    return { format: 'geopackage', crs: crs.label, features: rows(db, table, column, crs) };
  } catch (err) {
    db.close();
    throw err;
  }
}
