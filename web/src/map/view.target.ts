/**
 * What the map is fitted to: all of Mongolia, one survey's bbox or all surveys' (with a margin of a sixth of the
 * view around it, so the footprint reads as a shape with its surroundings). A resize fits it again
 * until the user moves the map.
 */
import type { LngLatBoundsLike, PaddingOptions } from 'maplibre-gl';
import type { Bbox } from '../api/survey.types.ts';
import { fitPadding, MONGOLIA_BOUNDS } from './style.ts';

export type ViewTarget =
  | { readonly kind: 'mongolia' }
  | { readonly kind: 'survey'; readonly id: string; readonly bbox: Bbox }
  /** Every survey drawn on the map. */
  | { readonly kind: 'surveys'; readonly bbox: Bbox };

/** The bbox around all the given bboxes, or null for none. */
export function unionBbox(boxes: readonly Bbox[]): Bbox | null {
  if (boxes.length === 0) return null;
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const b of boxes) {
    w = Math.min(w, b[0]);
    s = Math.min(s, b[1]);
    e = Math.max(e, b[2]);
    n = Math.max(n, b[3]);
  }
  return [w, s, e, n];
}

export function viewBounds(target: ViewTarget): LngLatBoundsLike {
  if (target.kind === 'mongolia') return MONGOLIA_BOUNDS;
  const [w, s, e, n] = target.bbox;
  return [
    [w, s],
    [e, n],
  ];
}

export function viewPadding(target: ViewTarget, container: HTMLElement): PaddingOptions {
  const base = fitPadding(container);
  if (target.kind === 'mongolia') return base;
  const mx = Math.round(container.clientWidth / 6);
  const my = Math.round(container.clientHeight / 6);
  return {
    top: (base.top ?? 0) + my,
    bottom: (base.bottom ?? 0) + my,
    left: (base.left ?? 0) + mx,
    right: (base.right ?? 0) + mx,
  };
}
