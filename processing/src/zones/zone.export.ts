/**
 * Vigour zones as a zipped Shapefile for farm machinery (variable-rate prescriptions): one record per
 * zone with ZONE, the index range FROM–TO, PIXELS, AREA_HA and the index MEAN, MIN and MAX.
 * Reference: issue 6; shapefile.ts, zip.store.ts.
 */
import { polygonShapefile, type DbfNumberField } from './shapefile.ts';
import type { ZoneFeatureCollection, ZoneProperties } from './zone.features.ts';
import { zipStore } from './zip.store.ts';

const FIELDS: ReadonlyArray<DbfNumberField & { readonly key: keyof ZoneProperties }> = [
  { name: 'ZONE', key: 'zone', length: 4, decimals: 0 },
  { name: 'FROM', key: 'from', length: 16, decimals: 6 },
  { name: 'TO', key: 'to', length: 16, decimals: 6 },
  { name: 'PIXELS', key: 'pixels', length: 12, decimals: 0 },
  { name: 'AREA_HA', key: 'area_ha', length: 16, decimals: 4 },
  { name: 'MEAN', key: 'mean', length: 16, decimals: 6 },
  { name: 'MIN', key: 'min', length: 16, decimals: 6 },
  { name: 'MAX', key: 'max', length: 16, decimals: 6 },
];

/** The zip of `<name>.shp/.shx/.dbf/.cpg` (and `.prj` when the CRS's WKT is given) of the zones. */
export function zoneShapefileZip(zones: ZoneFeatureCollection, name: string, prj: string | null): Uint8Array {
  const records = zones.features.map((f) => ({
    coordinates: f.geometry.coordinates,
    values: FIELDS.map((field) => f.properties[field.key]),
  }));
  return zipStore(polygonShapefile(name, FIELDS, records, prj));
}
