/**
 * Well-known binary of Point and MultiPolygon geometries, little-endian (NDR), 2D — the body of a
 * GeoPackage geometry blob.
 * Reference: OGC 06-103r4 Simple Features Access part 1, §8.2 (WKB): byte order 1, uint32 type
 * (1 Point, 3 Polygon, 6 MultiPolygon), then counts and IEEE 754 doubles.
 */
import type { VectorGeometry } from './vector.layer.ts';

export const WKB_TYPE = { Point: 1, Polygon: 3, MultiPolygon: 6 } as const;

/** The byte length of the geometry's WKB. */
export function wkbLength(g: VectorGeometry): number {
  if (g.type === 'Point') return 21;
  return g.coordinates.reduce(
    (s, polygon) => s + 9 + polygon.reduce((r, ring) => r + 4 + 16 * ring.length, 0),
    9,
  );
}

/** Writes the geometry's WKB into `view` at `at`; returns the offset after it. */
export function writeWkb(view: DataView, at: number, g: VectorGeometry): number {
  const head = (type: number): void => {
    view.setUint8(at, 1);
    view.setUint32(at + 1, type, true);
    at += 5;
  };
  const xy = (p: ReadonlyArray<number>): void => {
    view.setFloat64(at, p[0]!, true);
    view.setFloat64(at + 8, p[1]!, true);
    at += 16;
  };
  if (g.type === 'Point') {
    head(WKB_TYPE.Point);
    xy(g.coordinates);
    return at;
  }
  head(WKB_TYPE.MultiPolygon);
  view.setUint32(at, g.coordinates.length, true);
  at += 4;
  for (const polygon of g.coordinates) {
    head(WKB_TYPE.Polygon);
    view.setUint32(at, polygon.length, true);
    at += 4;
    for (const ring of polygon) {
      view.setUint32(at, ring.length, true);
      at += 4;
      ring.forEach(xy);
    }
  }
  return at;
}

/** The geometry's WKB bytes. */
export function wkb(g: VectorGeometry): Uint8Array {
  const out = new Uint8Array(wkbLength(g));
  writeWkb(new DataView(out.buffer), 0, g);
  return out;
}
