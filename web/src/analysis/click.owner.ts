/**
 * Whether a map click belongs to the analysis tools rather than to the map's own selection (soum
 * and survey popups): while an area is being drawn, and on a unit of the choropleth.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import { DRAWING_CLASS } from './draw.tool.ts';
import { UNITS_FILL } from './units.layers.ts';

export function analysisOwnsClick(map: MapLibreMap, lngLat: readonly [number, number]): boolean {
  if (map.getContainer().classList.contains(DRAWING_CLASS)) return true;
  if (!map.getLayer(UNITS_FILL)) return false;
  return map.queryRenderedFeatures(map.project([lngLat[0], lngLat[1]]), { layers: [UNITS_FILL] }).length > 0;
}
