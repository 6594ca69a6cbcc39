/**
 * The planning map's backdrop: soums and aimags from the `admin-units` vector tiles
 * (`/tiles/admin-units/{z}/{x}/{y}.mvt`, SPEC §3) — a light soum fill, soum and aimag lines and the
 * names — drawn under the pasture units. Colours are the
 * main map's (palette.ts), names in the current language (admin.layers.ts): aimags when zoomed out,
 * soums from zoom 6.5 to 9.5 (tiles label each piece of a polygon they cut, so deeper in, where a
 * soum spans several tiles, a name would repeat at the tile corners; the side panel names the soum).
 */
import type { LayerSpecification, VectorSourceSpecification } from 'maplibre-gl';
import type { Lang } from '../i18n/i18n.ts';
import { nameField } from '../map/admin.layers.ts';
import { PALETTE } from '../map/palette.ts';
import { FONT_BOLD, FONT_REGULAR } from '../map/style.ts';

export const BACKDROP_SOURCE = 'planning-admin-units';
const SOURCE_LAYER = 'admin-units';
export const BACKDROP_LABELS = ['planning-soum-label', 'planning-aimag-label'] as const;

/** Boundaries need no detail beyond zoom 12 (≈ 2.4 m per tile unit); deeper zooms over-zoom it. */
export function backdropSource(origin: string = window.location.origin): VectorSourceSpecification {
  return {
    type: 'vector',
    tiles: [`${origin}/tiles/admin-units/{z}/{x}/{y}.mvt`],
    minzoom: 0,
    maxzoom: 12,
  };
}

const level = (l: 'aimag' | 'soum') => ['==', ['get', 'level'], l] as ['==', ['get', string], string];

export function backdropLayers(lang: Lang): LayerSpecification[] {
  const common = { source: BACKDROP_SOURCE, 'source-layer': SOURCE_LAYER } as const;
  const label = (l: 'aimag' | 'soum') => ({
    ...common,
    type: 'symbol' as const,
    filter: level(l),
    layout: {
      'text-field': nameField(lang),
      'text-font': l === 'aimag' ? FONT_BOLD : FONT_REGULAR,
      'text-size': l === 'aimag' ? 14 : 12,
      'text-max-width': 8,
      'text-padding': 4,
    },
    paint: {
      'text-color': l === 'aimag' ? PALETTE.labelAimag : PALETTE.labelSoum,
      'text-halo-color': PALETTE.labelHalo,
      'text-halo-width': 1.4,
    },
  });
  return [
    {
      ...common,
      id: 'planning-soum-fill',
      type: 'fill',
      filter: level('soum'),
      paint: { 'fill-color': PALETTE.soumFill },
    },
    {
      ...common,
      id: 'planning-soum-line',
      type: 'line',
      filter: level('soum'),
      layout: { 'line-join': 'round' },
      paint: {
        'line-color': PALETTE.soumLine,
        'line-width': ['interpolate', ['linear'], ['zoom'], 4, 0.4, 8, 1.2, 12, 2],
      },
    },
    {
      ...common,
      id: 'planning-aimag-line',
      type: 'line',
      filter: level('aimag'),
      layout: { 'line-join': 'round' },
      paint: {
        'line-color': PALETTE.aimagLine,
        'line-width': ['interpolate', ['linear'], ['zoom'], 4, 1.2, 8, 2.6],
      },
    },
    { ...label('aimag'), id: BACKDROP_LABELS[1], maxzoom: 6.5 },
    { ...label('soum'), id: BACKDROP_LABELS[0], minzoom: 6.5, maxzoom: 9.5 },
  ];
}
