/**
 * Planar primitives on rings given as open vertex lists (the closing vertex not repeated):
 * shoelace area, even–odd point-in-ring, orientation and point–segment distance.
 * Reference: O'Rourke, "Computational Geometry in C" (2nd ed.), §1.3 and §7.4.
 */
import type { Position } from 'geojson';

const X = (p: Position): number => p[0] as number;
const Y = (p: Position): number => p[1] as number;

/** Signed area (shoelace): positive for counter-clockwise rings in a y-up plane. */
export function signedArea(ring: ReadonlyArray<Position>): number {
  let sum = 0;
  for (let i = 0; i < ring.length; i++) {
    const p = ring[i] as Position;
    const q = ring[(i + 1) % ring.length] as Position;
    sum += X(p) * Y(q) - X(q) * Y(p);
  }
  return sum / 2;
}

/** Twice the signed area of triangle abc: > 0 when c is left of a→b, 0 when collinear. */
export function orient(a: Position, b: Position, c: Position): number {
  return (X(b) - X(a)) * (Y(c) - Y(a)) - (Y(b) - Y(a)) * (X(c) - X(a));
}

/** True when p lies strictly inside the ring (even–odd rule); points on the boundary are undefined. */
export function insideRing(p: Position, ring: ReadonlyArray<Position>): boolean {
  let inside = false;
  const px = X(p);
  const py = Y(p);
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[i] as Position;
    const b = ring[j] as Position;
    if (Y(a) > py !== Y(b) > py && px < ((X(b) - X(a)) * (py - Y(a))) / (Y(b) - Y(a)) + X(a))
      inside = !inside;
  }
  return inside;
}

/** Squared distance from p to the segment a–b. */
export function segmentDistanceSquared(p: Position, a: Position, b: Position): number {
  const dx = X(b) - X(a);
  const dy = Y(b) - Y(a);
  const length2 = dx * dx + dy * dy;
  const t = length2 === 0 ? 0 : Math.max(0, Math.min(1, ((X(p) - X(a)) * dx + (Y(p) - Y(a)) * dy) / length2));
  const ex = X(a) + t * dx - X(p);
  const ey = Y(a) + t * dy - Y(p);
  return ex * ex + ey * ey;
}

/** The midpoint of the ring's first edge: a point on the ring that is not one of its vertices. */
export function firstEdgeMidpoint(ring: ReadonlyArray<Position>): Position {
  const a = ring[0] as Position;
  const b = ring[1] as Position;
  return [(X(a) + X(b)) / 2, (Y(a) + Y(b)) / 2];
}
