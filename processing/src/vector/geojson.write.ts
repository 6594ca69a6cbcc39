/**
 * A vector layer as an RFC 7946 GeoJSON FeatureCollection, in chunks of one feature (the caller streams
 * them): WGS 84 longitude/latitude with no `crs` member, outer rings counter-clockwise, properties typed
 * (numbers, booleans, strings, null; dates as `YYYY-MM-DD` strings).
 * Reference: RFC 7946 §3.1.6 (orientation), §3.2 (Feature), §3.3 (FeatureCollection), §4 (CRS).
 */
import { orientPolygon } from './ring.orient.ts';
import type { VectorFeature, VectorGeometry, VectorLayer } from './vector.layer.ts';

function rfc7946(g: VectorGeometry): VectorGeometry {
  if (g.type === 'Point') return g;
  return { type: 'MultiPolygon', coordinates: g.coordinates.map((polygon) => orientPolygon(polygon, true)) };
}

function featureJson(layer: VectorLayer, f: VectorFeature): string {
  const properties = Object.fromEntries(layer.fields.map((field, k) => [field.name, f.values[k] ?? null]));
  return JSON.stringify({ type: 'Feature', geometry: rfc7946(f.geometry), properties });
}

/** The FeatureCollection's text: an opening, one chunk per feature, a closing. */
export function* geojsonChunks(layer: VectorLayer): Generator<string> {
  yield `{"type":"FeatureCollection","name":${JSON.stringify(layer.name)},"features":[`;
  let first = true;
  for (const f of layer.features) {
    yield (first ? '\n' : ',\n') + featureJson(layer, f);
    first = false;
  }
  yield '\n]}\n';
}
