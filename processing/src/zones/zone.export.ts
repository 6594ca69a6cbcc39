/**
 * Vigour zones as a zipped Shapefile for farm machinery (variable-rate prescriptions): one record per
 * zone with ZONE, the index range FROM–TO, PIXELS, AREA_HA and the index MEAN, MIN and MAX.
 * Reference: issue 6; vector/shapefile.ts, vector/zip.store.ts.
 */
import type { DbfField } from '../vector/dbf.ts';
import { shapefile } from '../vector/shapefile.ts';
import { zipStore } from '../vector/zip.store.ts';
import type { ZoneFeatureCollection, ZoneProperties } from './zone.features.ts';

const FIELDS: ReadonlyArray<DbfField & { readonly key: keyof ZoneProperties }> = [
  { type: 'N', name: 'ZONE', key: 'zone', length: 4, decimals: 0 },
  { type: 'N', name: 'FROM', key: 'from', length: 16, decimals: 6 },
  { type: 'N', name: 'TO', key: 'to', length: 16, decimals: 6 },
  { type: 'N', name: 'PIXELS', key: 'pixels', length: 12, decimals: 0 },
  { type: 'N', name: 'AREA_HA', key: 'area_ha', length: 16, decimals: 4 },
  { type: 'N', name: 'MEAN', key: 'mean', length: 16, decimals: 6 },
  { type: 'N', name: 'MIN', key: 'min', length: 16, decimals: 6 },
  { type: 'N', name: 'MAX', key: 'max', length: 16, decimals: 6 },
];

/** The zip of `<name>.shp/.shx/.dbf/.cpg` (and `.prj` when the CRS's WKT is given) of the zones. */
export function zoneShapefileZip(zones: ZoneFeatureCollection, name: string, prj: string | null): Uint8Array {
  const records = zones.features.map((f) => ({
    geometry: f.geometry,
    values: FIELDS.map((field) => f.properties[field.key]),
  }));
  return zipStore(shapefile(name, 'MultiPolygon', FIELDS, records, prj));
}
