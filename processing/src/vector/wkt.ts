/**
 * Well-known text of Point and MultiPolygon geometries (`POINT (x y)`, `MULTIPOLYGON (((x y, …)))`),
 * numbers in JavaScript's shortest round-trip form — the WKT column of the CSV export.
 * Reference: OGC 06-103r4 Simple Features Access part 1, §7 (WKT).
 */
import type { Position, VectorGeometry } from './vector.layer.ts';

const xy = (p: Position): string => `${p[0]} ${p[1]}`;
const list = <T>(items: ReadonlyArray<T>, f: (t: T) => string): string => `(${items.map(f).join(', ')})`;

export function wkt(g: VectorGeometry): string {
  if (g.type === 'Point') return `POINT (${xy(g.coordinates)})`;
  return `MULTIPOLYGON ${list(g.coordinates, (polygon) => list(polygon, (ring) => list(ring, xy)))}`;
}
