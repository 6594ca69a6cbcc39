/**
 * Sources and layers of the admin boundaries: soum fill (hover/selected highlight through feature
 * state and a filter), soum lines, aimag lines over a light casing, and aimag/soum names in the
 * current language (soums without a Mongolian name fall back to the Latin one).
 */
import type { ExpressionSpecification, LayerSpecification } from 'maplibre-gl';
import type { Lang } from '../i18n/i18n.ts';
import { PALETTE } from './palette.ts';
import { FONT_BOLD, FONT_REGULAR } from './style.ts';

export const SOURCES = {
  aimags: 'aimags',
  soums: 'soums',
  aimagLabels: 'aimag-labels',
  soumLabels: 'soum-labels',
} as const;

export const LAYERS = {
  soumFill: 'soum-fill',
  soumLine: 'soum-line',
  soumSelected: 'soum-selected',
  aimagCasing: 'aimag-casing',
  aimagLine: 'aimag-line',
  soumLabel: 'soum-label',
  aimagLabel: 'aimag-label',
} as const;

/** Which admin layers each legend entry switches (all groups: layer.groups.ts). */
export const ADMIN_LAYER_GROUPS = {
  soums: [LAYERS.soumFill, LAYERS.soumLine, LAYERS.soumSelected],
  aimags: [LAYERS.aimagCasing, LAYERS.aimagLine],
  labels: [LAYERS.soumLabel, LAYERS.aimagLabel],
} as const;

export const ATTRIBUTION = 'NSO Mongolia / OCHA, CC BY-IGO';

export function nameField(lang: Lang): ExpressionSpecification {
  return lang === 'mn'
    ? ['coalesce', ['get', 'name_mn'], ['get', 'name_en']]
    : ['coalesce', ['get', 'name_en'], ['get', 'name_mn']];
}

export function selectedFilter(code: string | null): ExpressionSpecification {
  return ['==', ['get', 'code'], code ?? ''];
}

export function adminLayers(
  lang: Lang,
  soumTint: ExpressionSpecification | string = PALETTE.soumFill,
): LayerSpecification[] {
  return [
    {
      id: LAYERS.soumFill,
      type: 'fill',
      source: SOURCES.soums,
      paint: {
        'fill-color': [
          'case',
          ['boolean', ['feature-state', 'hover'], false],
          PALETTE.soumFillHover,
          soumTint,
        ],
        'fill-opacity': 0.92,
      },
    },
    {
      id: LAYERS.soumSelected,
      type: 'line',
      source: SOURCES.soums,
      filter: selectedFilter(null),
      layout: { 'line-join': 'round' },
      paint: {
        'line-color': PALETTE.selectedLine,
        'line-width': ['interpolate', ['linear'], ['zoom'], 4, 2, 9, 4],
      },
    },
    {
      id: LAYERS.soumLine,
      type: 'line',
      source: SOURCES.soums,
      layout: { 'line-join': 'round' },
      paint: {
        'line-color': PALETTE.soumLine,
        'line-width': ['interpolate', ['linear'], ['zoom'], 4, 0.4, 7, 0.9, 10, 1.6],
      },
    },
    {
      id: LAYERS.aimagCasing,
      type: 'line',
      source: SOURCES.aimags,
      layout: { 'line-join': 'round', 'line-cap': 'round' },
      paint: {
        'line-color': PALETTE.aimagCasing,
        'line-opacity': 0.8,
        'line-width': ['interpolate', ['linear'], ['zoom'], 4, 3, 8, 6],
      },
    },
    {
      id: LAYERS.aimagLine,
      type: 'line',
      source: SOURCES.aimags,
      layout: { 'line-join': 'round', 'line-cap': 'round' },
      paint: {
        'line-color': PALETTE.aimagLine,
        'line-width': ['interpolate', ['linear'], ['zoom'], 4, 1.2, 8, 2.6],
      },
    },
    {
      id: LAYERS.soumLabel,
      type: 'symbol',
      source: SOURCES.soumLabels,
      minzoom: 5.6,
      layout: {
        'text-field': nameField(lang),
        'text-font': FONT_REGULAR,
        'text-size': ['interpolate', ['linear'], ['zoom'], 5.6, 10, 9, 13],
        'text-max-width': 7,
        'text-padding': 2,
      },
      paint: {
        'text-color': PALETTE.labelSoum,
        'text-halo-color': PALETTE.labelHalo,
        'text-halo-width': 1.2,
      },
    },
    {
      id: LAYERS.aimagLabel,
      type: 'symbol',
      source: SOURCES.aimagLabels,
      maxzoom: 8,
      layout: {
        'text-field': nameField(lang),
        'text-font': FONT_BOLD,
        'text-size': ['interpolate', ['linear'], ['zoom'], 3, 11, 5, 13, 7, 16],
        'text-letter-spacing': 0.04,
        'text-max-width': 8,
        'text-padding': 4,
      },
      paint: {
        'text-color': PALETTE.labelAimag,
        'text-halo-color': PALETTE.labelHalo,
        'text-halo-width': 1.6,
      },
    },
  ];
}
