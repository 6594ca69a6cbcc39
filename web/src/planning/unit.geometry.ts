/**
 * Geometry of pasture units in the browser: geodesic area in ha (shown live while drawing), a unit
 * split in two by a line drawn across it, two adjacent units merged into one. The server computes
 * the stored area itself (ST_Area on the geography) and checks every geometry again.
 * Reference: SPEC §2.4; turf's area follows Chamberlain & Duquette (JPL 07-03) on a sphere of the
 * WGS 84 equatorial radius.
 */
import {
  area,
  bbox,
  booleanIntersects,
  difference,
  featureCollection,
  intersect,
  polygon,
  union,
} from '@turf/turf';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';

export type Areal = Polygon | MultiPolygon;

export function areaHa(geometry: Areal): number {
  return area(geometry) / 10_000;
}

/** Far enough past the unit that the cutting side covers all of it. */
function reach(geometry: Areal): number {
  const [w, s, e, n] = bbox(geometry);
  return 4 * Math.hypot(e - w, n - s) + 1;
}

type Xy = readonly [number, number];

function xy(p: Position | undefined): Xy {
  return [p?.[0] ?? NaN, p?.[1] ?? NaN];
}

/** The point `d` past `b` on the way from `a` to `b`. */
function along([ax, ay]: Xy, [bx, by]: Xy, d: number): Xy {
  const len = Math.hypot(bx - ax, by - ay) || 1;
  return [bx + ((bx - ax) / len) * d, by + ((by - ay) / len) * d];
}

/**
 * The side left of a cutting line: the line lengthened at both ends, closed by a loop far to its
 * left (in lon/lat, which is fine for the few hundred metres of a cut).
 */
function leftSide(line: readonly Position[], d: number): Feature<Polygon> {
  const n = line.length;
  const start = along(xy(line[1]), xy(line[0]), d);
  const end = along(xy(line[n - 2]), xy(line[n - 1]), d);
  const [dx, dy] = [end[0] - start[0], end[1] - start[1]];
  const len = Math.hypot(dx, dy) || 1;
  const [nx, ny] = [(-dy / len) * d, (dx / len) * d];
  const ring = [
    start,
    ...line.map(xy),
    end,
    [end[0] + nx, end[1] + ny],
    [start[0] + nx, start[1] + ny],
    start,
  ];
  return polygon([ring.map(([x, y]) => [x, y])]);
}

function areal(feature: Feature<Polygon | MultiPolygon> | null): Areal | null {
  return feature && areaHa(feature.geometry) > 0 ? feature.geometry : null;
}

/** The two parts of `unit` on either side of `line`; an Error when the line does not cross it. */
export function splitUnit(unit: Areal, line: readonly Position[]): [Areal, Areal] {
  if (line.length < 2) throw new Error('the cutting line needs at least two points');
  const side = leftSide(line, reach(unit));
  const target = { type: 'Feature' as const, geometry: unit, properties: {} };
  const left = areal(intersect(featureCollection([target, side])));
  const right = areal(difference(featureCollection([target, side])));
  if (!left || !right) throw new Error('the line does not cross the unit');
  return [left, right];
}

/** One geometry of two units that touch or overlap; an Error when they are apart. */
export function mergeUnits(a: Areal, b: Areal): Polygon {
  const fa = { type: 'Feature' as const, geometry: a, properties: {} };
  const fb = { type: 'Feature' as const, geometry: b, properties: {} };
  if (!booleanIntersects(fa, fb)) throw new Error('the two units do not touch');
  const merged = union(featureCollection([fa, fb]));
  if (!merged || merged.geometry.type !== 'Polygon') throw new Error('the two units do not share an edge');
  return merged.geometry;
}

/** A unit's polygons one by one (terra-draw edits polygons, not multi-polygons). */
export function partsOf(geometry: MultiPolygon): Polygon[] {
  return geometry.coordinates.map((coordinates) => ({ type: 'Polygon', coordinates }));
}

/** The polygons edited back into one geometry: a Polygon for one part, else a MultiPolygon. */
export function fromParts(parts: readonly Polygon[]): Areal | null {
  const [only] = parts;
  if (!only) return null;
  return parts.length === 1 ? only : { type: 'MultiPolygon', coordinates: parts.map((p) => p.coordinates) };
}
