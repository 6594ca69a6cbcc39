/**
 * Finds what would make a set of polygon rings invalid in the OGC simple-features sense, and names
 * the rings involved: edges that cross, touch or overlap (other than at a shared vertex), rings that
 * cross at a shared vertex or pass one point twice, a ring whose orientation flipped, a hole outside
 * its shell or inside another hole, and a polygon inside another polygon.
 * Edge pairs are found through a uniform grid, so the cost is near-linear for footprint-like rings.
 * Reference: OGC 06-103r4 §6.1.11 (Polygon) and §6.1.14 (MultiPolygon); GEOS IsValidOp.
 */
import type { Position } from 'geojson';
import { type Box, BoxGrid } from './box.grid.ts';
import { firstEdgeMidpoint, insideRing, orient, signedArea } from './ring.geometry.ts';

/** One ring under test: open vertex list, or null when it collapsed and is left out. */
export interface RingUnderTest {
  readonly polygon: number;
  readonly hole: boolean;
  readonly vertices: ReadonlyArray<Position> | null;
  /** The sign its signed area must keep (+1 or −1). */
  readonly sign: number;
}

interface Segment {
  readonly ring: number;
  readonly a: Position;
  readonly b: Position;
}

const same = (p: Position, q: Position): boolean => p[0] === q[0] && p[1] === q[1];

function between(a: Position, b: Position, p: Position): boolean {
  return (
    Math.min(a[0] as number, b[0] as number) <= (p[0] as number) &&
    (p[0] as number) <= Math.max(a[0] as number, b[0] as number) &&
    Math.min(a[1] as number, b[1] as number) <= (p[1] as number) &&
    (p[1] as number) <= Math.max(a[1] as number, b[1] as number)
  );
}

/** True when two edges meet anywhere except at one shared end vertex without overlapping. */
function edgesConflict(s: Segment, t: Segment): boolean {
  const shared = [
    [s.a, t.a, s.b, t.b],
    [s.a, t.b, s.b, t.a],
    [s.b, t.a, s.a, t.b],
    [s.b, t.b, s.a, t.a],
  ].filter(([p, q]) => same(p as Position, q as Position));
  if (shared.length > 1) return true;
  const [hit] = shared;
  if (hit) {
    const [v, , p, q] = hit as [Position, Position, Position, Position];
    const dot =
      ((p[0] as number) - (v[0] as number)) * ((q[0] as number) - (v[0] as number)) +
      ((p[1] as number) - (v[1] as number)) * ((q[1] as number) - (v[1] as number));
    return orient(v, p, q) === 0 && dot > 0;
  }
  const d1 = orient(t.a, t.b, s.a);
  const d2 = orient(t.a, t.b, s.b);
  const d3 = orient(s.a, s.b, t.a);
  const d4 = orient(s.a, s.b, t.b);
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) return true;
  return (
    (d1 === 0 && between(t.a, t.b, s.a)) ||
    (d2 === 0 && between(t.a, t.b, s.b)) ||
    (d3 === 0 && between(s.a, s.b, t.a)) ||
    (d4 === 0 && between(s.a, s.b, t.b))
  );
}

function crossingEdges(segments: ReadonlyArray<Segment>, defects: Set<number>): void {
  const grid = new BoxGrid(
    segments.map(({ a, b }): Box => {
      const [ax, ay] = a as [number, number];
      const [bx, by] = b as [number, number];
      return [Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by)];
    }),
  );
  for (const cell of grid.groups()) {
    for (let i = 0; i < cell.length; i++) {
      for (let j = i + 1; j < cell.length; j++) {
        const s = segments[cell[i] as number] as Segment;
        const t = segments[cell[j] as number] as Segment;
        if (edgesConflict(s, t)) defects.add(s.ring).add(t.ring);
      }
    }
  }
}

/** Angle of p seen from v, measured from `from`, in [0, 2π). */
function turn(v: Position, p: Position, from: number): number {
  const angle = Math.atan2((p[1] as number) - (v[1] as number), (p[0] as number) - (v[0] as number)) - from;
  return angle < 0 ? angle + 2 * Math.PI : angle;
}

/** Rings passing one point: a ring may not pass twice, two rings may touch there but not cross. */
function crossingsAtVertices(rings: ReadonlyArray<RingUnderTest>, defects: Set<number>): void {
  const passes = new Map<string, Array<{ ring: number; before: Position; after: Position }>>();
  rings.forEach(({ vertices }, ring) => {
    if (!vertices) return;
    vertices.forEach((v, i) => {
      const key = `${v[0]},${v[1]}`;
      const pass = {
        ring,
        before: vertices[(i + vertices.length - 1) % vertices.length] as Position,
        after: vertices[(i + 1) % vertices.length] as Position,
      };
      const list = passes.get(key);
      if (list) list.push(pass);
      else passes.set(key, [pass]);
    });
  });
  for (const [key, list] of passes) {
    if (list.length < 2) continue;
    const v = key.split(',').map(Number);
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const p = list[i] as (typeof list)[number];
        const q = list[j] as (typeof list)[number];
        const from = Math.atan2(
          (p.before[1] as number) - (v[1] as number),
          (p.before[0] as number) - (v[0] as number),
        );
        const end = turn(v, p.after, from);
        const t1 = turn(v, q.before, from);
        const t2 = turn(v, q.after, from);
        const collinear = t1 === 0 || t2 === 0 || t1 === end || t2 === end;
        if (p.ring === q.ring || collinear || t1 < end !== t2 < end) defects.add(p.ring).add(q.ring);
      }
    }
  }
}

function boxOf(vertices: ReadonlyArray<Position>): Box {
  let box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of vertices as ReadonlyArray<[number, number]>) {
    box = [Math.min(box[0], x), Math.min(box[1], y), Math.max(box[2], x), Math.max(box[3], y)];
  }
  return box;
}

/** Holes inside their shell and outside each other; polygons outside each other. */
function misplacedRings(rings: ReadonlyArray<RingUnderTest>, defects: Set<number>): void {
  const grid = new BoxGrid(rings.map(({ vertices }) => (vertices ? boxOf(vertices) : null)));
  /** The live rings strictly around p. */
  const around = (p: Position): number[] =>
    grid.at(p[0] as number, p[1] as number).filter((i) => {
      const vertices = (rings[i] as RingUnderTest).vertices;
      return vertices !== null && insideRing(p, vertices);
    });
  const shells = new Map<number, number>();
  rings.forEach((r, index) => {
    if (!r.hole && r.vertices) shells.set(r.polygon, index);
  });
  rings.forEach((r, index) => {
    if (!r.vertices) return;
    const probe = firstEdgeMidpoint(r.vertices);
    const containers = around(probe).filter((i) => i !== index);
    const shell = shells.get(r.polygon);
    if (r.hole) {
      // A hole lies inside its own shell and inside no other hole of its polygon.
      if (shell !== undefined && !containers.includes(shell)) defects.add(index).add(shell);
      for (const i of containers) {
        const other = rings[i] as RingUnderTest;
        if (other.hole && other.polygon === r.polygon) defects.add(index).add(i);
      }
      return;
    }
    // A shell lies inside no other polygon, unless also inside one of that polygon's holes.
    for (const i of containers) {
      const other = rings[i] as RingUnderTest;
      const inHole = containers.some(
        (h) => (rings[h] as RingUnderTest).hole && rings[h]?.polygon === other.polygon,
      );
      if (other.hole || inHole) continue;
      // Every ring of the other polygon counts, collapsed holes too: one may be what r lay in.
      defects.add(index);
      rings.forEach((ring, j) => {
        if (ring.polygon === other.polygon) defects.add(j);
      });
    }
  });
}

/** Indices of the rings involved in any defect; empty when the rings form a valid MultiPolygon. */
export function findDefects(rings: ReadonlyArray<RingUnderTest>): Set<number> {
  const defects = new Set<number>();
  const segments: Segment[] = [];
  rings.forEach(({ vertices, sign }, ring) => {
    if (!vertices) return;
    if (Math.sign(signedArea(vertices)) !== sign) defects.add(ring);
    vertices.forEach((a, i) =>
      segments.push({ ring, a, b: vertices[(i + 1) % vertices.length] as Position }),
    );
  });
  crossingEdges(segments, defects);
  crossingsAtVertices(rings, defects);
  misplacedRings(rings, defects);
  return defects;
}
