/**
 * The sketch on the map: one GeoJSON source with the fill, a dashed outline and the vertices of the
 * polygon being drawn (or last drawn), above every other layer. `showSketch` replaces what it draws,
 * `removeSketch` takes it away.
 */
import type { FeatureCollection } from 'geojson';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { removeGeoJson, setGeoJson } from './geojson.layers.ts';

const SOURCE = 'analysis-sketch';
const INK = '#d9480f';
const LAYER_IDS = ['analysis-sketch-fill', 'analysis-sketch-line', 'analysis-sketch-vertex'] as const;

function addLayers(map: MapLibreMap): void {
  const [fill, line, vertex] = LAYER_IDS;
  map.addLayer({
    id: fill,
    type: 'fill',
    source: SOURCE,
    filter: ['==', ['get', 'role'], 'fill'],
    paint: { 'fill-color': INK, 'fill-opacity': 0.12 },
  });
  map.addLayer({
    id: line,
    type: 'line',
    source: SOURCE,
    filter: ['==', ['get', 'role'], 'line'],
    layout: { 'line-join': 'round', 'line-cap': 'round' },
    paint: { 'line-color': INK, 'line-width': 2.5, 'line-dasharray': [2, 1.5] },
  });
  map.addLayer({
    id: vertex,
    type: 'circle',
    source: SOURCE,
    filter: ['==', ['get', 'role'], 'vertex'],
    paint: {
      'circle-radius': ['case', ['get', 'first'], 6, 4],
      'circle-color': '#ffffff',
      'circle-stroke-color': INK,
      'circle-stroke-width': 2,
    },
  });
}

export function showSketch(map: MapLibreMap, data: FeatureCollection): void {
  setGeoJson(map, SOURCE, data, () => addLayers(map));
}

export function removeSketch(map: MapLibreMap): void {
  removeGeoJson(map, SOURCE, LAYER_IDS);
}
