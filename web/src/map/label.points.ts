/**
 * One label point per polygon feature, well inside its largest part: a coarse grid search for the
 * point farthest from the edges, refined once around the best cell (a cheap stand-in for
 * polylabel's pole of inaccessibility). Labelling points instead of polygons avoids MapLibre
 * placing one label per tile fragment of a large polygon.
 * Distances are measured with longitude scaled by cos(latitude), so "far from the edge" is roughly
 * isotropic at Mongolia's latitudes.
 */
import type { Feature, FeatureCollection, MultiPolygon, Point, Polygon, Position } from 'geojson';

type Ring = readonly Position[];

function ringArea(ring: Ring): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[j];
    const b = ring[i];
    if (a && b) sum += ((a[0] ?? 0) - (b[0] ?? 0)) * ((a[1] ?? 0) + (b[1] ?? 0));
  }
  return Math.abs(sum / 2);
}

function insideRing(x: number, y: number, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const xi = ring[i]?.[0] ?? 0;
    const yi = ring[i]?.[1] ?? 0;
    const xj = ring[j]?.[0] ?? 0;
    const yj = ring[j]?.[1] ?? 0;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function segmentDistance2(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  let dx = bx - ax;
  let dy = by - ay;
  if (dx !== 0 || dy !== 0) {
    const t = ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy);
    if (t > 1) {
      ax = bx;
      ay = by;
    } else if (t > 0) {
      ax += dx * t;
      ay += dy * t;
    }
  }
  dx = px - ax;
  dy = py - ay;
  return dx * dx + dy * dy;
}

/** Signed distance (positive inside) from (x, y) to the polygon's rings, x pre-scaled by `kx`. */
function signedDistance(x: number, y: number, rings: readonly Ring[], kx: number): number {
  let inside = false;
  let min = Infinity;
  for (const ring of rings) {
    if (insideRing(x, y, ring)) inside = !inside;
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const a = ring[j];
      const b = ring[i];
      if (!a || !b) continue;
      const d = segmentDistance2(x * kx, y, (a[0] ?? 0) * kx, a[1] ?? 0, (b[0] ?? 0) * kx, b[1] ?? 0);
      if (d < min) min = d;
    }
  }
  return (inside ? 1 : -1) * Math.sqrt(min);
}

function bestOnGrid(
  rings: readonly Ring[],
  x0: number,
  y0: number,
  x1: number,
  y1: number,
  n: number,
  kx: number,
): [number, number, number] {
  let best: [number, number, number] = [(x0 + x1) / 2, (y0 + y1) / 2, -Infinity];
  const sx = (x1 - x0) / n;
  const sy = (y1 - y0) / n;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const x = x0 + (i + 0.5) * sx;
      const y = y0 + (j + 0.5) * sy;
      const d = signedDistance(x, y, rings, kx);
      if (d > best[2]) best = [x, y, d];
    }
  }
  return best;
}

export function polygonLabelPoint(rings: readonly Ring[]): Position {
  const outer = rings[0] ?? [];
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const p of outer) {
    const x = p[0] ?? 0;
    const y = p[1] ?? 0;
    if (x < x0) x0 = x;
    if (x > x1) x1 = x;
    if (y < y0) y0 = y;
    if (y > y1) y1 = y;
  }
  if (!Number.isFinite(x0)) return [0, 0];
  const kx = Math.cos((((y0 + y1) / 2) * Math.PI) / 180);
  const n = 16;
  const [bx, by] = bestOnGrid(rings, x0, y0, x1, y1, n, kx);
  const cw = (x1 - x0) / n;
  const ch = (y1 - y0) / n;
  const [rx, ry] = bestOnGrid(rings, bx - cw, by - ch, bx + cw, by + ch, 8, kx);
  return [rx, ry];
}

/** The rings of the polygon with the largest outer ring (the polygon itself for a Polygon). */
export function largestPolygon(geometry: Polygon | MultiPolygon): Position[][] {
  if (geometry.type === 'Polygon') return geometry.coordinates;
  let best: Position[][] = [];
  let bestArea = -1;
  for (const polygon of geometry.coordinates) {
    const area = ringArea(polygon[0] ?? []);
    if (area > bestArea) {
      bestArea = area;
      best = polygon;
    }
  }
  return best;
}

export function labelPoints<P>(
  fc: FeatureCollection<Polygon | MultiPolygon, P>,
): FeatureCollection<Point, P> {
  return {
    type: 'FeatureCollection',
    features: fc.features.map((f): Feature<Point, P> => ({
      type: 'Feature',
      properties: f.properties,
      geometry: { type: 'Point', coordinates: polygonLabelPoint(largestPolygon(f.geometry)) },
    })),
  };
}
