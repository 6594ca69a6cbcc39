/**
 * A polygon Shapefile (.shp, .shx, .dbf and optionally .prj and .cpg) in memory: one record per
 * MultiPolygon, numeric attribute fields. Shapefile rings run the other way from GeoJSON's: outer
 * rings clockwise, holes counter-clockwise, so every ring is reversed on the way in.
 * Reference: ESRI Shapefile Technical Description (July 1998) — main file, index file, shape type 5
 * Polygon; dBASE III file structure (xBase .dbf, version 0x03) for the attributes.
 */
import { ValidationError } from '../errors.ts';
import type { Ring } from './polygonize.ts';
import type { ZipEntry } from './zip.store.ts';

/** A numeric dBASE field: `N(length, decimals)`; the name has at most 10 ASCII characters. */
export interface DbfNumberField {
  readonly name: string;
  readonly length: number;
  readonly decimals: number;
}

export interface ShapeRecord {
  /** GeoJSON MultiPolygon coordinates (outer rings counter-clockwise). */
  readonly coordinates: ReadonlyArray<ReadonlyArray<Ring>>;
  /** One value per field; null is written blank (dBASE null). */
  readonly values: ReadonlyArray<number | null>;
}

const POLYGON = 5;
const HEADER = 100;

type Bbox = [number, number, number, number];

function bboxOf(rings: ReadonlyArray<Ring>): Bbox {
  const box: Bbox = [Infinity, Infinity, -Infinity, -Infinity];
  for (const ring of rings) {
    for (const [x, y] of ring) {
      box[0] = Math.min(box[0], x);
      box[1] = Math.min(box[1], y);
      box[2] = Math.max(box[2], x);
      box[3] = Math.max(box[3], y);
    }
  }
  return box;
}

/** The 100-byte header shared by .shp and .shx. */
function mainHeader(view: DataView, byteLength: number, box: Bbox): void {
  view.setInt32(0, 9994, false);
  view.setInt32(24, byteLength / 2, false);
  view.setInt32(28, 1000, true);
  view.setInt32(32, POLYGON, true);
  box.forEach((v, i) => view.setFloat64(36 + 8 * i, v, true));
}

/** .shp and .shx bytes of the records' geometries. */
function shpAndShx(records: ReadonlyArray<ShapeRecord>): { shp: Uint8Array; shx: Uint8Array } {
  const shapes = records.map((r) => {
    const rings = r.coordinates.flat().map((ring) => [...ring].reverse());
    const points = rings.reduce((s, ring) => s + ring.length, 0);
    return { rings, box: bboxOf(rings), content: 44 + 4 * rings.length + 16 * points };
  });
  const shpLength = shapes.reduce((s, x) => s + 8 + x.content, HEADER);
  const shp = new Uint8Array(shpLength);
  const shx = new Uint8Array(HEADER + 8 * shapes.length);
  const sv = new DataView(shp.buffer);
  const xv = new DataView(shx.buffer);
  const all = shapes.length > 0 ? bboxOf(shapes.flatMap((s) => s.rings)) : ([0, 0, 0, 0] as Bbox);
  mainHeader(sv, shp.length, all);
  mainHeader(xv, shx.length, all);
  let at = HEADER;
  shapes.forEach(({ rings, box, content }, i) => {
    xv.setInt32(HEADER + 8 * i, at / 2, false);
    xv.setInt32(HEADER + 8 * i + 4, content / 2, false);
    sv.setInt32(at, i + 1, false);
    sv.setInt32(at + 4, content / 2, false);
    sv.setInt32(at + 8, POLYGON, true);
    box.forEach((v, k) => sv.setFloat64(at + 12 + 8 * k, v, true));
    sv.setInt32(at + 44, rings.length, true);
    let part = 0;
    rings.forEach((ring, k) => {
      sv.setInt32(at + 52 + 4 * k, part, true);
      part += ring.length;
    });
    sv.setInt32(at + 48, part, true);
    let p = at + 52 + 4 * rings.length;
    for (const ring of rings) {
      for (const [x, y] of ring) {
        sv.setFloat64(p, x, true);
        sv.setFloat64(p + 8, y, true);
        p += 16;
      }
    }
    at += 8 + content;
  });
  return { shp, shx };
}

/** A number right-justified in `f.length` characters with `f.decimals` decimals; null → blanks. */
function dbfNumber(v: number | null, f: DbfNumberField): string {
  const text = v === null || !Number.isFinite(v) ? '' : v.toFixed(f.decimals);
  if (text.length > f.length)
    throw new ValidationError(`value ${v} does not fit field ${f.name} N(${f.length})`);
  return text.padStart(f.length, ' ');
}

/** .dbf bytes: header, field descriptors, one record per shape. */
function dbf(fields: ReadonlyArray<DbfNumberField>, records: ReadonlyArray<ShapeRecord>): Uint8Array {
  const headerLength = 32 + 32 * fields.length + 1;
  const recordLength = 1 + fields.reduce((s, f) => s + f.length, 0);
  const out = new Uint8Array(headerLength + recordLength * records.length + 1);
  const view = new DataView(out.buffer);
  out[0] = 0x03;
  out.set([95, 1, 1], 1); // last update 1995-01-01 (fixed: the same input gives the same bytes)
  view.setUint32(4, records.length, true);
  view.setUint16(8, headerLength, true);
  view.setUint16(10, recordLength, true);
  fields.forEach((f, i) => {
    if (!/^[A-Za-z][A-Za-z0-9_]{0,9}$/.test(f.name))
      throw new ValidationError(`bad dBASE field name "${f.name}"`);
    const at = 32 + 32 * i;
    for (let k = 0; k < f.name.length; k++) out[at + k] = f.name.charCodeAt(k);
    out[at + 11] = 'N'.charCodeAt(0);
    out[at + 16] = f.length;
    out[at + 17] = f.decimals;
  });
  out[headerLength - 1] = 0x0d;
  records.forEach((r, i) => {
    const line = ' ' + fields.map((f, k) => dbfNumber(r.values[k] ?? null, f)).join('');
    for (let k = 0; k < line.length; k++) out[headerLength + recordLength * i + k] = line.charCodeAt(k);
  });
  out[out.length - 1] = 0x1a;
  return out;
}

/** The files of a polygon Shapefile named `name` (.shp, .shx, .dbf, .cpg and .prj when `prj` is given). */
export function polygonShapefile(
  name: string,
  fields: ReadonlyArray<DbfNumberField>,
  records: ReadonlyArray<ShapeRecord>,
  prj: string | null,
): ZipEntry[] {
  const { shp, shx } = shpAndShx(records);
  const ascii = (s: string): Uint8Array => new TextEncoder().encode(s);
  const files: ZipEntry[] = [
    { name: `${name}.shp`, data: shp },
    { name: `${name}.shx`, data: shx },
    { name: `${name}.dbf`, data: dbf(fields, records) },
    { name: `${name}.cpg`, data: ascii('UTF-8') },
  ];
  if (prj) files.push({ name: `${name}.prj`, data: ascii(prj) });
  return files;
}
