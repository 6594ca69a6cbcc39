/**
 * The kind of an uploaded file from its first bytes, never from its name or Content-Type: zip
 * (`PK\x03\x04`; a Shapefile or a KMZ, told apart by its entries), SQLite (`SQLite format 3\0`: a
 * GeoPackage), JSON (`{` or `[` after an optional BOM and blanks), XML (`<?xml` or `<kml`), else CSV.
 * Reference: PKWARE APPNOTE §4.3.7; SQLite file format §1.3; RFC 8259.
 */
export type Container = 'zip' | 'sqlite' | 'json' | 'xml' | 'csv';

const ZIP = Buffer.from('PK\x03\x04', 'latin1');
const SQLITE = Buffer.from('SQLite format 3\0', 'latin1');

export function sniff(head: Buffer): Container {
  if (head.subarray(0, 4).equals(ZIP)) return 'zip';
  if (head.subarray(0, 16).equals(SQLITE)) return 'sqlite';
  const text = head
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (text.startsWith('{') || text.startsWith('[')) return 'json';
  if (/^<(\?xml|kml)\b/i.test(text)) return 'xml';
  return 'csv';
}
