/**
 * Well-Known Binary → GeoJSON geometry: Point, LineString, Polygon and their Multi* forms and
 * GeometryCollection, either byte order, with Z/M/ZM flagged the ISO way (type + 1000/2000/3000) or
 * the EWKB way (high bits); Z and M values are dropped. Used by the GeoPackage reader after its
 * GP header. Throws a ValidationError on truncated or unknown input.
 * Reference: OGC 06-103r4 §8.2 (WKB); PostGIS EWKB; GeoPackage 1.4 §2.1.3.
 */
import type { Geometry, Position } from 'geojson';
import { ValidationError } from '@belcheer/processing';

const TYPES = [
  '',
  'Point',
  'LineString',
  'Polygon',
  'MultiPoint',
  'MultiLineString',
  'MultiPolygon',
  'GeometryCollection',
] as const;

class Cursor {
  private at: number;
  constructor(
    private readonly view: DataView,
    start: number,
  ) {
    this.at = start;
  }
  need(n: number): void {
    if (this.at + n > this.view.byteLength)
      throw new ValidationError('the WKB geometry is truncated', undefined, 'invalid_wkb');
  }
  u8(): number {
    this.need(1);
    return this.view.getUint8(this.at++);
  }
  u32(little: boolean): number {
    this.need(4);
    const v = this.view.getUint32(this.at, little);
    this.at += 4;
    return v;
  }
  f64(little: boolean): number {
    this.need(8);
    const v = this.view.getFloat64(this.at, little);
    this.at += 8;
    return v;
  }
}

function geometry(c: Cursor): Geometry {
  const little = c.u8() === 1;
  const raw = c.u32(little);
  const ewkbZ = (raw & 0x80000000) !== 0;
  const ewkbM = (raw & 0x40000000) !== 0;
  if (raw & 0x20000000) c.u32(little); // EWKB SRID
  const iso = raw & 0x0fffffff;
  const base = iso % 1000;
  const flag = Math.floor(iso / 1000);
  const dims = 2 + (ewkbZ || flag === 1 || flag === 3 ? 1 : 0) + (ewkbM || flag === 2 || flag === 3 ? 1 : 0);
  const type = TYPES[base];
  if (!type) throw new ValidationError(`WKB geometry type ${raw} is not supported`, undefined, 'invalid_wkb');
  const point = (): Position => {
    const p = [c.f64(little), c.f64(little)];
    for (let i = 2; i < dims; i++) c.f64(little);
    return p;
  };
  const many = <T>(item: () => T): T[] => Array.from({ length: c.u32(little) }, item);
  const part = <T extends Geometry>(): T => geometry(c) as T;
  switch (type) {
    case 'Point':
      return { type, coordinates: point() };
    case 'LineString':
      return { type, coordinates: many(point) };
    case 'Polygon':
      return { type, coordinates: many(() => many(point)) };
    case 'MultiPoint':
      return { type, coordinates: many(() => part<{ type: 'Point'; coordinates: Position }>().coordinates) };
    case 'MultiLineString':
      return {
        type,
        coordinates: many(() => part<{ type: 'LineString'; coordinates: Position[] }>().coordinates),
      };
    case 'MultiPolygon':
      return {
        type,
        coordinates: many(() => part<{ type: 'Polygon'; coordinates: Position[][] }>().coordinates),
      };
    case 'GeometryCollection':
      return { type, geometries: many(() => geometry(c)) };
  }
}

/** The geometry of WKB starting at `offset` of `bytes`. */
export function readWkb(bytes: Uint8Array, offset = 0): Geometry {
  return geometry(new Cursor(new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), offset));
}
