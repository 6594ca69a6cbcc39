/**
 * A GeoJSON source with its own layers on the map: set its data (source and layers added the first
 * time), or take source and layers away. Shared by the sketch and the unit choropleth.
 */
import type { FeatureCollection } from 'geojson';
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';

export function setGeoJson(
  map: MapLibreMap,
  source: string,
  data: FeatureCollection,
  addLayers: () => void,
): void {
  const existing = map.getSource<GeoJSONSource>(source);
  if (existing) return void existing.setData(data);
  map.addSource(source, { type: 'geojson', data });
  addLayers();
}

export function removeGeoJson(map: MapLibreMap, source: string, layers: readonly string[]): void {
  for (const id of layers) if (map.getLayer(id)) map.removeLayer(id);
  if (map.getSource(source)) map.removeSource(source);
}
