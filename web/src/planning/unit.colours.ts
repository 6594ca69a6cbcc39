/**
 * Colours of pasture units on the planning map, by season or by use, shared by the map layer and its
 * legend so the two agree. Seasons follow the herders' calendar (cold winter blue to warm autumn
 * ochre, reserve grey-green); uses are distinct hues.
 */
import type { ExpressionSpecification } from 'maplibre-gl';
import { SEASONS, USES, type Season, type Use } from './units.api.ts';

export type ColourBy = 'season' | 'use';

export const SEASON_COLOURS: Readonly<Record<Season, string>> = {
  winter: '#4f7fbf',
  spring: '#7cc47a',
  summer: '#2e9b4f',
  autumn: '#d9a23a',
  reserve: '#8c8f7a',
};

export const USE_COLOURS: Readonly<Record<Use, string>> = {
  pasture: '#5aa55a',
  hayfield: '#c9b03c',
  cropland: '#b5653b',
  fallow: '#9a8c7a',
};

export function legendEntries(by: ColourBy): ReadonlyArray<readonly [string, string]> {
  return by === 'season'
    ? SEASONS.map((s) => [s, SEASON_COLOURS[s]] as const)
    : USES.map((u) => [u, USE_COLOURS[u]] as const);
}

/** A MapLibre `match` on the unit's property. */
export function colourExpression(by: ColourBy): ExpressionSpecification {
  const pairs = legendEntries(by).flat();
  return ['match', ['get', by], ...pairs, '#999999'] as unknown as ExpressionSpecification;
}
