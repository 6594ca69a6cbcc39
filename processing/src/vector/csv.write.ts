/**
 * A vector layer as CSV for spreadsheets and OGR: UTF-8 with a byte order mark (so Excel reads
 * Cyrillic), CRLF line ends, a header row, the geometry first as a `WKT` column (OGR's CSV driver takes
 * a column of that name as the geometry), then the attributes; fields quoted only when they hold a
 * comma, quote, CR or LF, quotes doubled. Nulls are empty fields; booleans `true`/`false`. Coordinates
 * are WGS 84 longitude/latitude (CSV has no place for a CRS). Chunks of one row each.
 * Reference: RFC 4180 §2; GDAL CSV driver ("WKT" geometry column, AUTODETECT_TYPE).
 */
import type { FieldValue, VectorLayer } from './vector.layer.ts';
import { wkt } from './wkt.ts';

/** One CSV field, quoted when RFC 4180 requires it. */
export function csvField(v: FieldValue): string {
  const text = v === null ? '' : String(v);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const row = (values: ReadonlyArray<FieldValue>): string => values.map(csvField).join(',') + '\r\n';

export function* csvChunks(layer: VectorLayer): Generator<string> {
  yield '\uFEFF' + row(['WKT', ...layer.fields.map((f) => f.name)]);
  for (const f of layer.features) yield row([wkt(f.geometry), ...f.values.map((v) => v ?? null)]);
}
