/**
 * Ring orientation by the shoelace formula: GeoJSON (RFC 7946 §3.1.6) wants outer rings
 * counter-clockwise and holes clockwise, the ESRI Shapefile the opposite. Rings are copied only when
 * they must be reversed.
 * Reference: RFC 7946 §3.1.6; ESRI Shapefile Technical Description (1998), p. 8 "Polygon".
 */
import type { Position } from './vector.layer.ts';

/** Twice the signed area of a ring in x/y (positive: counter-clockwise with y up). */
export function signedArea2(ring: ReadonlyArray<Position>): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    sum += (ring[j]![0]! - ring[i]![0]!) * (ring[j]![1]! + ring[i]![1]!);
  }
  return sum;
}

/** The polygon's rings with the outer ring counter-clockwise (`outerCcw`) or clockwise, holes the other way. */
export function orientPolygon(
  polygon: ReadonlyArray<ReadonlyArray<Position>>,
  outerCcw: boolean,
): ReadonlyArray<ReadonlyArray<Position>> {
  return polygon.map((ring, i) => {
    const ccw = signedArea2(ring) > 0;
    const wantCcw = i === 0 ? outerCcw : !outerCcw;
    return ccw === wantCcw ? ring : [...ring].reverse();
  });
}
