/**
 * Simplifies a MultiPolygon with Douglas–Peucker, ring by ring, without making it invalid.
 * Each ring is simplified at `tolerance` (map units); if the result has a defect (crossing edges,
 * a hole leaving its shell, polygons overlapping, a flipped ring — see ring.defects.ts) the rings
 * involved are simplified again at half the tolerance, down to their original vertices after
 * MAX_HALVINGS. A ring that collapses (fewer than 3 distinct vertices or zero area) is dropped, and a
 * polygon whose shell collapses is dropped with its holes. Output rings are closed, shells
 * counter-clockwise and holes clockwise (RFC 7946). Every input vertex stays within `tolerance` of
 * the output. `footprintTolerance` gives the customary tolerance of two pixels of a raster level.
 * Reference: SPEC §2.1 "Footprint (simplified)"; validity checked with shapely in the tests.
 */
import type { MultiPolygon, Position } from 'geojson';
import { ValidationError } from '../errors.ts';
import type { GeoTransform } from '../raster/types.ts';
import { simplifyRing } from './douglas.peucker.ts';
import { findDefects, type RingUnderTest } from './ring.defects.ts';
import { signedArea } from './ring.geometry.ts';

/** After this many halvings of the tolerance a ring keeps its original vertices. */
export const MAX_HALVINGS = 8;

interface Slot {
  readonly polygon: number;
  readonly hole: boolean;
  readonly original: ReadonlyArray<Position>;
  readonly sign: number;
  halvings: number;
  vertices: ReadonlyArray<Position> | null;
}

/** The ring's distinct vertices in order, without the closing vertex or repeated points. */
function openRing(ring: ReadonlyArray<Position>): Position[] {
  const out: Position[] = [];
  for (const p of ring) {
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push([p[0] as number, p[1] as number]);
  }
  const first = out[0];
  const last = out[out.length - 1];
  if (first && last && out.length > 1 && first[0] === last[0] && first[1] === last[1]) out.pop();
  return out;
}

function simplifiedOrNull(slot: Slot, tolerance: number): ReadonlyArray<Position> | null {
  const vertices =
    slot.halvings >= MAX_HALVINGS
      ? slot.original
      : simplifyRing(slot.original, tolerance / 2 ** slot.halvings);
  return vertices.length < 3 || signedArea(vertices) === 0 ? null : vertices;
}

/**
 * Closed ring with the orientation RFC 7946 asks for (shells counter-clockwise, holes clockwise),
 * still starting at its first vertex.
 */
function closedRing(vertices: ReadonlyArray<Position>, hole: boolean): Position[] {
  const [first, ...rest] = vertices.map((p) => [...p]);
  if (signedArea(vertices) > 0 === hole) rest.reverse();
  return [first as Position, ...rest, [...(first as Position)]];
}

/** `multiPolygon` simplified at `tolerance` (map units, ≥ 0) and still valid. */
export function simplifyPolygon(multiPolygon: MultiPolygon, tolerance: number): MultiPolygon {
  if (!Number.isFinite(tolerance) || tolerance < 0) {
    throw new ValidationError(`simplification tolerance ${tolerance} is not a finite number ≥ 0`);
  }
  const slots: Slot[] = [];
  multiPolygon.coordinates.forEach((rings, polygon) => {
    rings.forEach((ring, index) => {
      const original = openRing(ring);
      const sign = Math.sign(signedArea(original));
      slots.push({ polygon, hole: index > 0, original, sign, halvings: 0, vertices: null });
    });
  });
  let dirty = slots;
  while (dirty.length > 0) {
    for (const slot of dirty) slot.vertices = simplifiedOrNull(slot, tolerance);
    const tested: RingUnderTest[] = slots;
    // Rings already at their original vertices cannot improve: a defect left among them is the input's.
    dirty = [...findDefects(tested)]
      .map((i) => slots[i] as Slot)
      .filter((slot) => slot.halvings < MAX_HALVINGS);
    for (const slot of dirty) slot.halvings++;
  }
  const coordinates: Position[][][] = [];
  let shellKept = false;
  for (const slot of slots) {
    if (!slot.hole) shellKept = slot.vertices !== null;
    if (!slot.vertices || !shellKept) continue;
    const ring = closedRing(slot.vertices, slot.hole);
    if (slot.hole) coordinates[coordinates.length - 1]?.push(ring);
    else coordinates.push([ring]);
  }
  return { type: 'MultiPolygon', coordinates };
}

/** A simplification tolerance of `pixels` pixels (default 2) of the level georeferenced by `transform`. */
export function footprintTolerance(transform: GeoTransform, pixels = 2): number {
  const [, b, c, , e, f] = transform;
  return pixels * Math.max(Math.hypot(b, e), Math.hypot(c, f));
}
