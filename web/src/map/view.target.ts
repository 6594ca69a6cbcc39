/**
 * What the map is fitted to: all of Mongolia, or one survey's bbox (with a margin of a sixth of the
 * view around it, so the footprint reads as a shape with its surroundings). A resize fits it again
 * until the user moves the map.
 */
import type { LngLatBoundsLike, PaddingOptions } from 'maplibre-gl';
import type { Bbox } from '../api/survey.types.ts';
import { fitPadding, MONGOLIA_BOUNDS } from './style.ts';

export type ViewTarget =
  { readonly kind: 'mongolia' } | { readonly kind: 'survey'; readonly id: string; readonly bbox: Bbox };

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
