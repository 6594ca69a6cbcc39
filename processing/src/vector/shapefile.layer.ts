/**
 * A vector layer as the files of a Shapefile (`<layer>.shp/.shx/.dbf/.cpg/.prj`, WGS 84 ESRI WKT). Field
 * types map to dBASE as OGR reads them back: string → C (width: the longest UTF-8 value, at most 254
 * bytes), real → N(24,10) (Real), integer → N(9,0) (Integer: OGR makes widths ≥ 10 Integer64), date →
 * D, boolean → L, datetime → C(24) (dBASE has no date-time; ISO 8601 text). Names: dbf.names.ts.
 * Reference: shapefile.ts, dbf.ts; GDAL ESRI Shapefile driver, "Field sizes".
 */
import { DBF_TEXT_MAX, utf8Truncate, type DbfField } from './dbf.ts';
import { dbfFieldNames } from './dbf.names.ts';
import { esriWkt } from './esri.prj.ts';
import { shapefile } from './shapefile.ts';
import type { VectorField, VectorLayer } from './vector.layer.ts';
import type { ZipEntry } from './zip.store.ts';

/** The widest UTF-8 value of text column `k` (1 when all are null or empty). */
function textWidth(layer: VectorLayer, k: number): number {
  let width = 1;
  for (const f of layer.features) {
    const v = f.values[k];
    if (v !== null && v !== undefined) width = Math.max(width, utf8Truncate(String(v), DBF_TEXT_MAX).length);
  }
  return width;
}

function dbfField(layer: VectorLayer, field: VectorField, k: number, name: string): DbfField {
  switch (field.type) {
    case 'string':
      return { name, type: 'C', length: textWidth(layer, k), decimals: 0 };
    case 'datetime':
      return { name, type: 'C', length: 24, decimals: 0 };
    case 'real':
      return { name, type: 'N', length: 24, decimals: 10 };
    case 'integer':
      return { name, type: 'N', length: 9, decimals: 0 };
    case 'date':
      return { name, type: 'D', length: 8, decimals: 0 };
    case 'boolean':
      return { name, type: 'L', length: 1, decimals: 0 };
  }
}

/** The dBASE fields of a layer, in its field order. */
export function layerDbfFields(layer: VectorLayer): DbfField[] {
  const names = dbfFieldNames(layer.fields);
  return layer.fields.map((f, k) => dbfField(layer, f, k, names[k]!));
}

/** The files of the layer as a Shapefile named after it, for `zipStore` or `zipStoreChunks`. */
export function layerShapefileFiles(layer: VectorLayer): ZipEntry[] {
  return shapefile(layer.name, layer.geometryType, layerDbfFields(layer), layer.features, esriWkt(4326));
}
