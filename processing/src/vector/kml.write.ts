/**
 * A vector layer as KML 2.2 for Google Earth and QGIS: one Placemark per feature, its `<name>` from the
 * layer's `name` field when it has one (Cyrillic kept: UTF-8), the other fields as typed
 * `<ExtendedData><SchemaData>` of a `<Schema>` (SimpleField types string, int, double, bool; dates as
 * text), polygons as `<MultiGeometry>` of `<Polygon>` with outer and inner boundaries, points as
 * `<Point>`. Text is XML-escaped; characters XML 1.0 forbids are dropped. Chunks of one Placemark.
 * Reference: OGC 07-147r2 KML 2.2 §9.8 (Schema, SimpleField), §9.4 (ExtendedData), §10.8 (Polygon).
 */
import type { FieldType, Position, VectorFeature, VectorGeometry, VectorLayer } from './vector.layer.ts';
import { xmlEscape } from '../text/xml.escape.ts';

const KML_TYPE: Record<FieldType, string> = {
  string: 'string',
  real: 'double',
  integer: 'int',
  boolean: 'bool',
  date: 'string',
  datetime: 'string',
};

const coordinates = (ring: ReadonlyArray<Position>): string =>
  `<coordinates>${ring.map((p) => `${p[0]},${p[1]}`).join(' ')}</coordinates>`;

const boundary = (tag: string, ring: ReadonlyArray<Position>): string =>
  `<${tag}><LinearRing>${coordinates(ring)}</LinearRing></${tag}>`;

function geometryKml(g: VectorGeometry): string {
  if (g.type === 'Point') return `<Point>${coordinates([g.coordinates])}</Point>`;
  const polygons = g.coordinates.map(
    ([outer, ...holes]) =>
      `<Polygon>${boundary('outerBoundaryIs', outer ?? [])}${holes.map((h) => boundary('innerBoundaryIs', h)).join('')}</Polygon>`,
  );
  return `<MultiGeometry>${polygons.join('')}</MultiGeometry>`;
}

function placemark(layer: VectorLayer, f: VectorFeature, nameIndex: number): string {
  const name = f.values[nameIndex];
  const data = layer.fields
    .map((field, k) => ({ field, v: f.values[k] ?? null, k }))
    .filter(({ v, k }) => v !== null && k !== nameIndex)
    .map(
      ({ field, v }) => `<SimpleData name="${xmlEscape(field.name)}">${xmlEscape(String(v))}</SimpleData>`,
    );
  return (
    '<Placemark>' +
    (name !== null && name !== undefined ? `<name>${xmlEscape(String(name))}</name>` : '') +
    `<ExtendedData><SchemaData schemaUrl="#${xmlEscape(layer.name)}">${data.join('')}</SchemaData></ExtendedData>` +
    geometryKml(f.geometry) +
    '</Placemark>\n'
  );
}

/** The document's text: the head with the Schema, one chunk per Placemark, the tail. */
export function* kmlChunks(layer: VectorLayer): Generator<string> {
  const id = xmlEscape(layer.name);
  const nameIndex = layer.fields.findIndex((f) => f.name === 'name');
  const fields = layer.fields
    .filter((_, k) => k !== nameIndex)
    .map((f) => `<SimpleField name="${xmlEscape(f.name)}" type="${KML_TYPE[f.type]}"/>`);
  yield (
    '<?xml version="1.0" encoding="UTF-8"?>\n<kml xmlns="http://www.opengis.net/kml/2.2">\n<Document>' +
    `<Schema name="${id}" id="${id}">${fields.join('')}</Schema>\n<Folder><name>${id}</name>\n`
  );
  for (const f of layer.features) yield placemark(layer, f, nameIndex);
  yield '</Folder>\n</Document>\n</kml>\n';
}
