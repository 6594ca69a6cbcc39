/**
 * Douglas–Peucker simplification of one closed ring. The ring is cut at its lowest-x (then lowest-y)
 * vertex and at the vertex farthest from it, and each half is simplified so that every dropped vertex
 * lies within `tolerance` of the kept chain (point-to-segment distance). Because the cut points
 * depend only on the geometry, rotating the input ring does not change the output.
 * Reference: Douglas & Peucker, The Canadian Cartographer 10(2), 1973.
 */
import type { Position } from 'geojson';
import { segmentDistanceSquared } from './ring.geometry.ts';

function anchorIndex(ring: ReadonlyArray<Position>): number {
  let best = 0;
  for (let i = 1; i < ring.length; i++) {
    const p = ring[i] as Position;
    const q = ring[best] as Position;
    if ((p[0] as number) < (q[0] as number) || (p[0] === q[0] && (p[1] as number) < (q[1] as number)))
      best = i;
  }
  return best;
}

/** The kept vertices of an open ring (no repeated closing vertex), starting at the anchor vertex. */
export function simplifyRing(ring: ReadonlyArray<Position>, tolerance: number): Position[] {
  const n = ring.length;
  const at = (i: number): Position => ring[i % n] as Position;
  const anchor = anchorIndex(ring);
  let far = anchor;
  let farthest = -1;
  for (let i = anchor; i < anchor + n; i++) {
    const dx = (at(i)[0] as number) - (at(anchor)[0] as number);
    const dy = (at(i)[1] as number) - (at(anchor)[1] as number);
    if (dx * dx + dy * dy > farthest) {
      farthest = dx * dx + dy * dy;
      far = i;
    }
  }
  // Indices run from anchor to anchor + n (the anchor again), unwrapped.
  const keep = new Uint8Array(n + 1);
  keep[0] = 1;
  keep[far - anchor] = 1;
  keep[n] = 1;
  const tolerance2 = tolerance * tolerance;
  const stack: Array<readonly [number, number]> = [
    [0, far - anchor],
    [far - anchor, n],
  ];
  while (stack.length > 0) {
    const [i, j] = stack.pop() as readonly [number, number];
    let worst = -1;
    let worstDistance = tolerance2;
    for (let k = i + 1; k < j; k++) {
      const distance = segmentDistanceSquared(at(anchor + k), at(anchor + i), at(anchor + j));
      if (distance > worstDistance) {
        worstDistance = distance;
        worst = k;
      }
    }
    if (worst < 0) continue;
    keep[worst] = 1;
    stack.push([i, worst], [worst, j]);
  }
  const out: Position[] = [];
  for (let k = 0; k < n; k++) if (keep[k] === 1) out.push(at(anchor + k));
  return out;
}
