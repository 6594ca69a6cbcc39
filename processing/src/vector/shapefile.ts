/**
 * A Shapefile (.shp, .shx, .dbf, .cpg and optionally .prj) in memory: shape type 1 (Point) or 5
 * (Polygon — one record per MultiPolygon, all its rings as parts), attributes through `dbf`. Shapefile
 * rings run the other way from GeoJSON's: outer rings clockwise, holes counter-clockwise; rings are
 * oriented by their signed area, whatever the input's orientation.
 * Reference: ESRI Shapefile Technical Description (July 1998) — main file header, record headers,
 * shape types 1 and 5, index file; dbf.ts for the attributes.
 */
import { ValidationError } from '../errors.ts';
import { dbf, type DbfField } from './dbf.ts';
import { orientPolygon } from './ring.orient.ts';
import {
  extentOf,
  type Extent,
  type FieldValue,
  type Position,
  type VectorGeometry,
} from './vector.layer.ts';
import type { ZipEntry } from './zip.store.ts';

export interface ShapeRecord {
  readonly geometry: VectorGeometry;
  /** One value per field; null is written blank (dBASE null). */
  readonly values: ReadonlyArray<FieldValue>;
}

const SHAPE_TYPE = { Point: 1, MultiPolygon: 5 } as const;
const HEADER = 100;

/** The 100-byte header shared by .shp and .shx. */
function mainHeader(view: DataView, byteLength: number, shapeType: number, box: Extent): void {
  view.setInt32(0, 9994, false);
  view.setInt32(24, byteLength / 2, false);
  view.setInt32(28, 1000, true);
  view.setInt32(32, shapeType, true);
  box.forEach((v, i) => view.setFloat64(36 + 8 * i, v, true));
}

/** A record's rings in Shapefile orientation (polygons), or null for a point. */
function shapefileRings(g: VectorGeometry): ReadonlyArray<ReadonlyArray<Position>> | null {
  return g.type === 'Point' ? null : g.coordinates.flatMap((polygon) => orientPolygon(polygon, false));
}

/** Writes one record's content at `at`: a Point (20 bytes) or a Polygon with its rings as parts. */
function writeShape(
  view: DataView,
  at: number,
  g: VectorGeometry,
  rings: ReturnType<typeof shapefileRings>,
): void {
  view.setInt32(at, SHAPE_TYPE[g.type], true);
  if (rings === null) {
    view.setFloat64(at + 4, g.coordinates[0] as number, true);
    view.setFloat64(at + 12, g.coordinates[1] as number, true);
    return;
  }
  extentOf([g])!.forEach((v, k) => view.setFloat64(at + 4 + 8 * k, v, true));
  view.setInt32(at + 36, rings.length, true);
  let part = 0;
  rings.forEach((ring, k) => {
    view.setInt32(at + 44 + 4 * k, part, true);
    part += ring.length;
  });
  view.setInt32(at + 40, part, true);
  let p = at + 44 + 4 * rings.length;
  for (const ring of rings) {
    for (const [x, y] of ring) {
      view.setFloat64(p, x!, true);
      view.setFloat64(p + 8, y!, true);
      p += 16;
    }
  }
}

/** .shp and .shx bytes of the records' geometries (all of `shapeType`). */
function shpAndShx(
  shapeType: VectorGeometry['type'],
  records: ReadonlyArray<ShapeRecord>,
): { shp: Uint8Array; shx: Uint8Array } {
  const shapes = records.map(({ geometry }) => {
    const rings = shapefileRings(geometry);
    const points = rings ? rings.reduce((s, ring) => s + ring.length, 0) : 0;
    return { geometry, rings, content: rings ? 44 + 4 * rings.length + 16 * points : 20 };
  });
  const shp = new Uint8Array(shapes.reduce((s, x) => s + 8 + x.content, HEADER));
  const shx = new Uint8Array(HEADER + 8 * shapes.length);
  const sv = new DataView(shp.buffer);
  const xv = new DataView(shx.buffer);
  const all = extentOf(records.map((r) => r.geometry)) ?? [0, 0, 0, 0];
  mainHeader(sv, shp.length, SHAPE_TYPE[shapeType], all);
  mainHeader(xv, shx.length, SHAPE_TYPE[shapeType], all);
  let at = HEADER;
  shapes.forEach(({ geometry, rings, content }, i) => {
    if (geometry.type !== shapeType)
      throw new ValidationError(`record ${i + 1} is a ${geometry.type}, not a ${shapeType}`);
    xv.setInt32(HEADER + 8 * i, at / 2, false);
    xv.setInt32(HEADER + 8 * i + 4, content / 2, false);
    sv.setInt32(at, i + 1, false);
    sv.setInt32(at + 4, content / 2, false);
    writeShape(sv, at + 8, geometry, rings);
    at += 8 + content;
  });
  return { shp, shx };
}

/** The files of a Shapefile named `name` (.shp, .shx, .dbf, .cpg and .prj when `prj` is given). */
export function shapefile(
  name: string,
  shapeType: VectorGeometry['type'],
  fields: ReadonlyArray<DbfField>,
  records: ReadonlyArray<ShapeRecord>,
  prj: string | null,
): ZipEntry[] {
  const { shp, shx } = shpAndShx(shapeType, records);
  const ascii = (s: string): Uint8Array => new TextEncoder().encode(s);
  const files: ZipEntry[] = [
    { name: `${name}.shp`, data: shp },
    { name: `${name}.shx`, data: shx },
    {
      name: `${name}.dbf`,
      data: dbf(
        fields,
        records.map((r) => r.values),
      ),
    },
    { name: `${name}.cpg`, data: ascii('UTF-8') },
  ];
  if (prj) files.push({ name: `${name}.prj`, data: ascii(prj) });
  return files;
}
