/**
 * GeoJSON of field plots → rows. The position comes from the Point geometry ([lon, lat], RFC 7946
 * §3.1.2), the other fields from `properties` by the aliases of `plot.fields.ts` (position-like
 * properties such as x/y are ignored: the geometry wins). Used by the import (a FeatureCollection) and
 * by POST/PUT of one Feature.
 * Reference: RFC 7946; issue 6 "Field plots".
 */
import { ValidationError } from '@belcheer/processing';
import { plotFieldOf, type PlotField } from './plot.fields.ts';
import { checkRowCount, type PlotRow } from './plot.rows.ts';
import type { FieldError, RawPlot, RawValue } from './plot.validate.ts';

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function position(geometry: unknown, errors: FieldError[]): Pick<RawPlot, 'lon' | 'lat'> {
  if (!isObject(geometry) || geometry.type !== 'Point') {
    const kind = isObject(geometry) ? String(geometry.type) : String(geometry);
    errors.push({ field: 'geometry', message: `the geometry is ${kind}; a Point [lon, lat] is needed` });
    return {};
  }
  const c = geometry.coordinates;
  if (!Array.isArray(c) || c.length < 2 || c.length > 3 || !c.every((n) => typeof n === 'number')) {
    errors.push({ field: 'geometry', message: 'the Point needs coordinates [lon, lat] as numbers' });
    return {};
  }
  return { lon: c[0] as number, lat: c[1] as number };
}

/** One feature → a row numbered `row`. */
export function plotRowFromFeature(feature: unknown, row: number): PlotRow {
  const errors: FieldError[] = [];
  if (!isObject(feature) || feature.type !== 'Feature') {
    errors.push({ field: 'feature', message: 'not a GeoJSON Feature' });
    return { row, raw: {}, errors };
  }
  const raw: Partial<Record<PlotField, RawValue>> = position(feature.geometry, errors);
  const from = new Map<PlotField, string>();
  const properties = isObject(feature.properties) ? feature.properties : {};
  for (const [name, value] of Object.entries(properties)) {
    const field = plotFieldOf(name);
    if (!field || field === 'lon' || field === 'lat') continue;
    const other = from.get(field);
    if (other !== undefined) {
      errors.push({ field, message: `properties "${other}" and "${name}" both give the plot's ${field}` });
      continue;
    }
    from.set(field, name);
    if (value === null || ['string', 'number', 'boolean'].includes(typeof value))
      raw[field] = value as RawValue;
    else
      errors.push({
        field,
        message: `property "${name}" is ${Array.isArray(value) ? 'an array' : 'an object'}`,
      });
  }
  return { row, raw, errors };
}

export function plotRowsFromGeoJson(doc: unknown): PlotRow[] {
  if (!isObject(doc) || doc.type !== 'FeatureCollection' || !Array.isArray(doc.features))
    throw new ValidationError('expected a GeoJSON FeatureCollection of Point features (or a CSV)');
  checkRowCount(doc.features.length, 'FeatureCollection');
  return doc.features.map((f: unknown, i) => plotRowFromFeature(f, i + 1));
}
