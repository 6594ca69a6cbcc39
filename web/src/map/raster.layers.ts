/**
 * The survey raster layers on the map: one MapLibre raster source per switched-on survey, read from
 * the product's TileJSON (`/tiles/surveys/{id}/{product}/tilejson.json?colormap=&rescale=`, same
 * origin, so the session cookie goes with every tile), with `raster-opacity` from the panel. They
 * lie above the soum fills and boundaries and below the names and the survey outlines. A change of
 * product or parameters points the existing source at the new TileJSON.
 */
import type { Map as MapLibreMap, RasterTileSource } from 'maplibre-gl';
import { tileJsonUrl } from '../api/survey.products.ts';
import type { SurveyLayer } from '../layers/layer.state.ts';
import { LAYERS } from './admin.layers.ts';
import { SURVEY_LAYERS } from './survey.layers.ts';

const PREFIX = 'survey-raster-';

export function rasterId(survey: string): string {
  return `${PREFIX}${survey}`;
}

/** The layer the rasters go below: the first name layer when the admin layers are there. */
export function rasterBefore(map: MapLibreMap): string {
  return map.getLayer(LAYERS.soumLabel) ? LAYERS.soumLabel : SURVEY_LAYERS.fill;
}

function tileJsonHref(layer: SurveyLayer): string {
  const url = tileJsonUrl(layer.survey, layer.product, { colormap: layer.colormap, range: layer.range });
  return new URL(url, window.location.origin).href;
}

function rasterIdsOnMap(map: MapLibreMap): string[] {
  return map
    .getStyle()
    .layers.filter((l) => l.type === 'raster' && l.id.startsWith(PREFIX))
    .map((l) => l.id);
}

/** Makes the map's survey rasters those of `layers` that are on, in their order (later on top). */
export function syncRasterLayers(map: MapLibreMap, layers: readonly SurveyLayer[]): void {
  const wanted = layers.filter((l) => l.on);
  const keep = new Set(wanted.map((l) => rasterId(l.survey)));
  for (const id of rasterIdsOnMap(map)) {
    if (keep.has(id)) continue;
    map.removeLayer(id);
    map.removeSource(id);
  }
  const before = rasterBefore(map);
  for (const layer of wanted) {
    const id = rasterId(layer.survey);
    const url = tileJsonHref(layer);
    const source = map.getSource<RasterTileSource>(id);
    if (!source) {
      map.addSource(id, { type: 'raster', url, tileSize: 256 });
      map.addLayer({ id, type: 'raster', source: id, paint: { 'raster-fade-duration': 0 } }, before);
    } else if (source.url !== url) {
      source.setUrl(url);
    }
    map.setPaintProperty(id, 'raster-opacity', layer.opacity);
    map.moveLayer(id, before);
  }
}

/** Puts the rasters back below the names (after the admin layers arrived under the surveys). */
export function placeRasterLayers(map: MapLibreMap): void {
  const before = rasterBefore(map);
  for (const id of rasterIdsOnMap(map)) map.moveLayer(id, before);
}
