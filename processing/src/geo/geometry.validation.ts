/**
 * Validation of an input Polygon or MultiPolygon (GeoJSON, still `unknown`): structure, finite
 * coordinates inside a range (longitude/latitude for EPSG:4326), closed rings of at least 4 positions,
 * and no ring that crosses or touches itself — reported with the reason and the location, never fixed.
 * Self-intersection is found by a sweep over the ring's edges sorted by x (each pair of edges whose
 * x ranges overlap is tested exactly with orientation signs); adjacent edges may only share their
 * common vertex (a spike that folds back on itself is refused).
 * Reference: OGC Simple Features §6.1.11 (valid polygon); RFC 7946 §3.1.6; PostGIS ST_IsValidDetail.
 */
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { ValidationError } from '../errors.ts';

/** Inclusive coordinate bounds [minX, minY, maxX, maxY]. */
export type CoordinateRange = readonly [number, number, number, number];

export const LON_LAT_RANGE: CoordinateRange = [-180, -90, 180, 90];

type Pt = readonly [number, number];

function invalid(message: string, reason: string, where: string, location?: Pt): ValidationError {
  return new ValidationError(`${where}: ${message}`, {
    reason,
    at: where,
    ...(location ? { location } : {}),
  });
}

function positionOf(p: unknown, range: CoordinateRange | null, where: string): Pt {
  if (!Array.isArray(p) || p.length < 2 || !p.every((v) => typeof v === 'number' && Number.isFinite(v))) {
    throw invalid('a position is not an array of finite numbers', 'bad_position', where);
  }
  const x = p[0] as number;
  const y = p[1] as number;
  if (range && (x < range[0] || x > range[2] || y < range[1] || y > range[3])) {
    throw invalid(
      `coordinate (${x}, ${y}) is outside [${range[0]}, ${range[2]}] × [${range[1]}, ${range[3]}]`,
      'out_of_range',
      where,
      [x, y],
    );
  }
  return [x, y];
}

/** Sign of the turn a → b → c: 1 left, −1 right, 0 collinear (exact for doubles up to rounding of the products). */
function orient(a: Pt, b: Pt, c: Pt): number {
  return Math.sign((b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]));
}

function onSegment(a: Pt, b: Pt, p: Pt): boolean {
  return (
    Math.min(a[0], b[0]) <= p[0] &&
    p[0] <= Math.max(a[0], b[0]) &&
    Math.min(a[1], b[1]) <= p[1] &&
    p[1] <= Math.max(a[1], b[1])
  );
}

/** A point where segments ab and cd meet, or null. */
function meet(a: Pt, b: Pt, c: Pt, d: Pt): Pt | null {
  const o1 = orient(a, b, c);
  const o2 = orient(a, b, d);
  const o3 = orient(c, d, a);
  const o4 = orient(c, d, b);
  if (o1 !== o2 && o3 !== o4 && o1 !== 0 && o2 !== 0 && o3 !== 0 && o4 !== 0) {
    const den = (b[0] - a[0]) * (d[1] - c[1]) - (b[1] - a[1]) * (d[0] - c[0]);
    const t = ((c[0] - a[0]) * (d[1] - c[1]) - (c[1] - a[1]) * (d[0] - c[0])) / den;
    return [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])];
  }
  if (o1 === 0 && onSegment(a, b, c)) return c;
  if (o2 === 0 && onSegment(a, b, d)) return d;
  if (o3 === 0 && onSegment(c, d, a)) return a;
  if (o4 === 0 && onSegment(c, d, b)) return b;
  return null;
}

/** Adjacent edges p→q, q→r overlap beyond q when they are collinear and r turns back towards p. */
function foldsBack(p: Pt, q: Pt, r: Pt): boolean {
  return orient(p, q, r) === 0 && (q[0] - p[0]) * (r[0] - q[0]) + (q[1] - p[1]) * (r[1] - q[1]) < 0;
}

/** Throws when the closed ring `pts` (last = first, repeated points dropped) touches or crosses itself. */
function checkSimple(pts: ReadonlyArray<Pt>, where: string): void {
  const n = pts.length - 1; // edges
  for (let i = 0; i < n; i++) {
    const p = pts[(i + n - 1) % n]!;
    if (n > 2 && foldsBack(p, pts[i]!, pts[i + 1]!)) {
      throw invalid(
        `the ring folds back on itself at (${pts[i]![0]}, ${pts[i]![1]})`,
        'self_intersection',
        where,
        pts[i],
      );
    }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (i, j) => Math.min(pts[i]![0], pts[i + 1]![0]) - Math.min(pts[j]![0], pts[j + 1]![0]),
  );
  for (let k = 0; k < n; k++) {
    const i = order[k]!;
    const maxX = Math.max(pts[i]![0], pts[i + 1]![0]);
    for (let m = k + 1; m < n; m++) {
      const j = order[m]!;
      if (Math.min(pts[j]![0], pts[j + 1]![0]) > maxX) break;
      const adjacent = Math.abs(i - j) === 1 || Math.abs(i - j) === n - 1;
      if (adjacent) continue;
      const at = meet(pts[i]!, pts[i + 1]!, pts[j]!, pts[j + 1]!);
      if (at) {
        throw invalid(
          `self-intersection at (${at[0]}, ${at[1]}) between edges ${Math.min(i, j)} and ${Math.max(i, j)}`,
          'self_intersection',
          where,
          at,
        );
      }
    }
  }
}

function ringOf(raw: unknown, range: CoordinateRange | null, where: string): Position[] {
  if (!Array.isArray(raw)) throw invalid('a ring is not an array of positions', 'bad_ring', where);
  const pts = raw.map((p) => positionOf(p, range, where));
  const first = pts[0];
  const last = pts[pts.length - 1];
  if (pts.length < 4 || !first || !last) {
    throw invalid(`a ring has ${pts.length} positions (at least 4 are needed)`, 'too_few_points', where);
  }
  if (first[0] !== last[0] || first[1] !== last[1]) {
    throw invalid(
      'a ring is not closed (its last position differs from its first)',
      'ring_not_closed',
      where,
      last,
    );
  }
  const distinct = pts.filter((p, i) => i === 0 || p[0] !== pts[i - 1]![0] || p[1] !== pts[i - 1]![1]);
  if (distinct.length < 4)
    throw invalid('a ring has fewer than 3 distinct positions', 'too_few_points', where);
  checkSimple(distinct, where);
  return pts.map((p) => [p[0], p[1]]);
}

function polygonOf(raw: unknown, range: CoordinateRange | null, where: string): Position[][] {
  if (!Array.isArray(raw) || raw.length === 0) {
    throw invalid('a polygon is not a non-empty array of rings', 'bad_polygon', where);
  }
  return raw.map((r, i) => ringOf(r, range, `${where}, ring ${i}`));
}

/**
 * The Polygon or MultiPolygon in `value`, checked; `where` names it in messages ("feature 3"), `range`
 * bounds its coordinates (null: finite only).
 */
export function validatePolygonal(
  value: unknown,
  where: string,
  range: CoordinateRange | null = LON_LAT_RANGE,
): Polygon | MultiPolygon {
  const g = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  if (g['type'] === 'Polygon')
    return { type: 'Polygon', coordinates: polygonOf(g['coordinates'], range, where) };
  if (g['type'] === 'MultiPolygon') {
    const parts = g['coordinates'];
    if (!Array.isArray(parts) || parts.length === 0) {
      throw invalid('a MultiPolygon needs at least one polygon', 'bad_polygon', where);
    }
    return {
      type: 'MultiPolygon',
      coordinates: parts.map((p, i) => polygonOf(p, range, `${where}, polygon ${i}`)),
    };
  }
  throw invalid(
    `geometry type ${JSON.stringify(g['type'] ?? null)} is not Polygon or MultiPolygon`,
    'bad_type',
    where,
  );
}
