/**
 * CSV read row by row (csv-parse over a file stream): the geometry from a WKT column (wkt, geometry,
 * geom, the_geom) or from lon/lat columns (lon|lng|longitude|x, lat|latitude|y) as a Point; every
 * other column is an attribute. Delimiter `,` `;` or tab, detected from the header line; UTF-8 with or
 * without BOM. A WKT that does not parse is reported on its row.
 * Reference: RFC 4180; OGC 06-103r4 §7 (WKT); GDAL CSV driver (GEOMETRY=AS_WKT, X/Y_POSSIBLE_NAMES).
 */
import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
import { ValidationError } from '@belcheer/processing';
import { detectDelimiter } from '../field-plots/plot.csv.ts';
import { crsOfName, geometryToLonLat, WGS84, type ImportCrs } from './crs.resolve.ts';
import { fileHead } from './file.head.ts';
import { featureOf, type FeatureSource, type ReadOptions, type SourceFeature } from './import.source.ts';
import { readWkt } from './wkt.read.ts';

const WKT_NAMES = ['wkt', 'geometry', 'geom', 'the_geom'];
const LON_NAMES = ['lon', 'lng', 'long', 'longitude', 'x'];
const LAT_NAMES = ['lat', 'latitude', 'y'];

interface GeometryColumns {
  readonly wkt?: string;
  readonly lon?: string;
  readonly lat?: string;
}

function geometryColumns(header: readonly string[]): GeometryColumns {
  const find = (names: readonly string[]) => header.find((h) => names.includes(h.trim().toLowerCase()));
  const wkt = find(WKT_NAMES);
  if (wkt) return { wkt };
  const lon = find(LON_NAMES);
  const lat = find(LAT_NAMES);
  if (lon && lat) return { lon, lat };
  throw new ValidationError(
    `the CSV has no geometry column: name it WKT (or geometry), or give lon and lat columns (it has: ${header.join(', ')})`,
    undefined,
    'missing_geometry_column',
  );
}

function geometryOf(row: Record<string, string>, cols: GeometryColumns): unknown {
  if (cols.wkt) return readWkt(row[cols.wkt] ?? '');
  const lon = Number(row[cols.lon!]);
  const lat = Number(row[cols.lat!]);
  if (!Number.isFinite(lon) || !Number.isFinite(lat))
    throw new ValidationError(
      `lon/lat "${row[cols.lon!]}", "${row[cols.lat!]}" are not numbers`,
      undefined,
      'bad_position',
    );
  return { type: 'Point', coordinates: [lon, lat] };
}

async function* rows(file: string, delimiter: string, crs: ImportCrs): AsyncGenerator<SourceFeature> {
  const records = createReadStream(file).pipe(
    parse({ bom: true, delimiter, columns: true, skip_empty_lines: true, relax_column_count: true }),
  );
  let cols: GeometryColumns | undefined;
  let index = 0;
  try {
    for await (const row of records as AsyncIterable<Record<string, string>>) {
      const columns = (cols ??= geometryColumns(Object.keys(row)));
      const properties: Record<string, unknown> = { ...row };
      for (const c of Object.values(columns)) delete properties[c];
      yield featureOf(index++, properties, () => geometryToLonLat(geometryOf(row, columns), crs));
    }
  } catch (err) {
    if (err instanceof ValidationError) throw err;
    throw new ValidationError(`the CSV cannot be read: ${(err as Error).message}`, undefined, 'invalid_csv');
  } finally {
    records.destroy();
  }
}

export async function readCsv(file: string, options: ReadOptions): Promise<FeatureSource> {
  const crs = options.crs ? crsOfName(options.crs) : WGS84;
  return {
    format: 'csv',
    crs: crs.label,
    features: rows(file, detectDelimiter((await fileHead(file, 64 * 1024)).toString('utf8')), crs),
  };
}
