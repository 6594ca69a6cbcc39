/**
 * A vector layer as an RFC 7946 GeoJSON FeatureCollection, in chunks of one feature (the caller streams
 * them): WGS 84 longitude/latitude with no `crs` member, outer rings counter-clockwise, properties typed
 * (numbers — whole reals as `1200.0` —, booleans, strings, null; dates as `YYYY-MM-DD` strings).
 * Reference: RFC 7946 §3.1.6 (orientation), §3.2 (Feature), §3.3 (FeatureCollection), §4 (CRS).
 */
import { orientPolygon } from './ring.orient.ts';
import type { FieldType, FieldValue, VectorFeature, VectorGeometry, VectorLayer } from './vector.layer.ts';

function rfc7946(g: VectorGeometry): VectorGeometry {
  if (g.type === 'Point') return g;
  return { type: 'MultiPolygon', coordinates: g.coordinates.map((polygon) => orientPolygon(polygon, true)) };
}

/** A property value; a real that happens to be whole keeps a decimal point (`1200.0`) so readers type it Real. */
function propertyJson(v: FieldValue, type: FieldType): string {
  if (type === 'real' && typeof v === 'number' && Number.isInteger(v) && Math.abs(v) < 1e21)
    return v.toFixed(1);
  return JSON.stringify(v);
}

function featureJson(layer: VectorLayer, f: VectorFeature): string {
  const properties = layer.fields.map(
    (field, k) => `${JSON.stringify(field.name)}:${propertyJson(f.values[k] ?? null, field.type)}`,
  );
  return `{"type":"Feature","geometry":${JSON.stringify(rfc7946(f.geometry))},"properties":{${properties.join(',')}}}`;
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
