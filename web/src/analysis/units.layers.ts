/**
 * The choropleth of the units on the map: a GeoJSON source of the analysed units, each with its fill
 * colour (choropleth.ts), a translucent fill under the sketch and above the survey imagery, and a
 * white outline. `showUnits` replaces the data, `removeUnits` takes it away.
 */
import type { FeatureCollection } from 'geojson';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { removeGeoJson, setGeoJson } from './geojson.layers.ts';

const SOURCE = 'analysis-units';
export const UNITS_FILL = 'analysis-units-fill';
const UNITS_LINE = 'analysis-units-line';
/** The sketch's first layer: units go under it. */
const SKETCH_FILL = 'analysis-sketch-fill';

export function showUnits(map: MapLibreMap, data: FeatureCollection): void {
  setGeoJson(map, SOURCE, data, () => {
    const before = map.getLayer(SKETCH_FILL) ? SKETCH_FILL : undefined;
    map.addLayer(
      {
        id: UNITS_FILL,
        type: 'fill',
        source: SOURCE,
        paint: { 'fill-color': ['get', 'fill'], 'fill-opacity': 0.72 },
      },
      before,
    );
    map.addLayer(
      {
        id: UNITS_LINE,
        type: 'line',
        source: SOURCE,
        paint: { 'line-color': '#ffffff', 'line-width': 1.5, 'line-opacity': 0.9 },
      },
      before,
    );
  });
}

export function removeUnits(map: MapLibreMap): void {
  removeGeoJson(map, SOURCE, [UNITS_LINE, UNITS_FILL]);
}
