/**
 * A vector layer as a GeoPackage 1.4 (SQLite through sql.js, in memory): `application_id` 'GPKG' and
 * `user_version` 10400, `gpkg_spatial_ref_sys` with the required -1, 0 and 4326 rows, `gpkg_contents`
 * with the layer's bbox, `gpkg_geometry_columns`, and the feature table with `fid INTEGER PRIMARY KEY`,
 * a `geom` column and typed columns (TEXT, REAL, MEDIUMINT, DATE, DATETIME, BOOLEAN). Geometries are
 * GeoPackage binary: 'GP', version 0, flags (little-endian, envelope type 1 = [minx, maxx, miny, maxy]),
 * srs_id 4326, the envelope, then WKB. No R-tree spatial index: the sql.js build has no rtree module
 * (GDAL and QGIS read the layer without one).
 * Reference: OGC 12-128r18 GeoPackage Encoding Standard §1.1.1 (file format), §1.1.2–1.1.3 (tables),
 * §2.1.3 (geometry encoding), Table 1 (data types), Annex F.
 */
import initSqlJs, { type SqlJsStatic } from 'sql.js';
import {
  extentOf,
  wkbLength,
  writeWkb,
  type FieldType,
  type VectorGeometry,
  type VectorLayer,
} from '@belcheer/processing';

const GPKG_APPLICATION_ID = 0x47504b47; // 'GPKG'
const GPKG_USER_VERSION = 10400; // 1.4.0
const HEADER = 8 + 32; // magic, version, flags, srs_id, envelope of 4 doubles

const WGS84_WKT =
  'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],' +
  'AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],' +
  'UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AXIS["Latitude",NORTH],AXIS["Longitude",EAST],' +
  'AUTHORITY["EPSG","4326"]]';

const SQL_TYPE: Record<FieldType, string> = {
  string: 'TEXT',
  real: 'REAL',
  integer: 'MEDIUMINT', // 32-bit (Table 1); OGR reads INTEGER as Integer64
  date: 'DATE',
  datetime: 'DATETIME',
  boolean: 'BOOLEAN',
};

const SCHEMA = `
CREATE TABLE gpkg_spatial_ref_sys (
  srs_name TEXT NOT NULL, srs_id INTEGER NOT NULL PRIMARY KEY, organization TEXT NOT NULL,
  organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);
CREATE TABLE gpkg_contents (
  table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE,
  description TEXT DEFAULT '', last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER,
  CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));
CREATE TABLE gpkg_geometry_columns (
  table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL,
  srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL,
  CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
  CONSTRAINT uk_gc_table_name UNIQUE (table_name),
  CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
  CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id));
`;

let sqlJs: Promise<SqlJsStatic> | null = null;

/** A quoted SQLite identifier. */
const ident = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** The GeoPackage binary of a geometry: header with its envelope, then little-endian WKB. */
export function gpkgGeometry(g: VectorGeometry): Uint8Array {
  const out = new Uint8Array(HEADER + wkbLength(g));
  const view = new DataView(out.buffer);
  out.set([0x47, 0x50, 0, 0b0000_0011]); // 'G' 'P', version 0, flags: envelope type 1, little-endian
  view.setInt32(4, 4326, true);
  const [minX, minY, maxX, maxY] = extentOf([g])!;
  [minX, maxX, minY, maxY].forEach((v, i) => view.setFloat64(8 + 8 * i, v, true));
  writeWkb(view, HEADER, g);
  return out;
}

/** The .gpkg bytes of the layer: one feature table named after it. */
export async function gpkgBytes(layer: VectorLayer): Promise<Uint8Array> {
  sqlJs ??= initSqlJs();
  const db = new (await sqlJs).Database();
  try {
    db.run(`PRAGMA application_id = ${GPKG_APPLICATION_ID}; PRAGMA user_version = ${GPKG_USER_VERSION};`);
    db.run(SCHEMA);
    const srs = 'INSERT INTO gpkg_spatial_ref_sys VALUES (?, ?, ?, ?, ?, ?)';
    db.run(srs, [
      'Undefined cartesian SRS',
      -1,
      'NONE',
      -1,
      'undefined',
      'undefined cartesian coordinate reference system',
    ]);
    db.run(srs, [
      'Undefined geographic SRS',
      0,
      'NONE',
      0,
      'undefined',
      'undefined geographic coordinate reference system',
    ]);
    db.run(srs, [
      'WGS 84 geodetic',
      4326,
      'EPSG',
      4326,
      WGS84_WKT,
      'longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid',
    ]);
    const box = extentOf(layer.features.map((f) => f.geometry));
    db.run(
      'INSERT INTO gpkg_contents (table_name, data_type, identifier, min_x, min_y, max_x, max_y, srs_id) VALUES (?, ?, ?, ?, ?, ?, ?, 4326)',
      [layer.name, 'features', layer.name, ...(box ?? [null, null, null, null])],
    );
    const geometryType = layer.geometryType.toUpperCase();
    db.run('INSERT INTO gpkg_geometry_columns VALUES (?, ?, ?, 4326, 0, 0)', [
      layer.name,
      'geom',
      geometryType,
    ]);
    const columns = ['fid INTEGER PRIMARY KEY AUTOINCREMENT', `geom ${geometryType}`];
    const names = ['geom', ...layer.fields.map((f) => ident(f.name))];
    columns.push(...layer.fields.map((f) => `${ident(f.name)} ${SQL_TYPE[f.type]}`));
    db.run(`CREATE TABLE ${ident(layer.name)} (${columns.join(', ')})`);
    const slots = names.map(() => '?').join(', ');
    const insert = db.prepare(`INSERT INTO ${ident(layer.name)} (${names.join(', ')}) VALUES (${slots})`);
    db.run('BEGIN');
    for (const f of layer.features) {
      insert.run([
        gpkgGeometry(f.geometry),
        ...f.values.map((v) => (typeof v === 'boolean' ? Number(v) : v)),
      ]);
    }
    db.run('COMMIT');
    insert.free();
    return db.export();
  } finally {
    db.close();
  }
}
