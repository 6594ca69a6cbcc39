/**
 * The file formats of vector exports: media type and how the bytes are made — streamed chunks (GeoJSON,
 * CSV, KML feature by feature; the zipped Shapefile's files between zip headers) or one built file
 * (GeoPackage: sql.js exports the database whole).
 * Reference: IANA media types application/geo+json (RFC 7946 §12), application/geopackage+sqlite3
 * (OGC 12-128r18 §1.1.1.1.2), application/vnd.google-earth.kml+xml, text/csv (RFC 4180 §3).
 */
import {
  csvChunks,
  geojsonChunks,
  kmlChunks,
  layerShapefileFiles,
  zipStoreChunks,
  type VectorLayer,
} from '@belcheer/processing';
import { gpkgBytes } from './gpkg.write.ts';

export const FORMATS = ['geojson', 'gpkg', 'shp.zip', 'csv', 'kml'] as const;
export type Format = (typeof FORMATS)[number];

/** Chunks to stream (text, or a zip's headers around the files' bytes), or one file built at once. */
export type FormatBody =
  { readonly chunks: Iterable<string | Uint8Array> } | { readonly bytes: Promise<Uint8Array> };

export interface FormatWriter {
  readonly contentType: string;
  readonly write: (layer: VectorLayer) => FormatBody;
}

export const FORMAT_WRITERS: Record<Format, FormatWriter> = {
  geojson: {
    contentType: 'application/geo+json; charset=utf-8',
    write: (l) => ({ chunks: geojsonChunks(l) }),
  },
  gpkg: { contentType: 'application/geopackage+sqlite3', write: (l) => ({ bytes: gpkgBytes(l) }) },
  'shp.zip': {
    contentType: 'application/zip',
    write: (l) => ({ chunks: zipStoreChunks(layerShapefileFiles(l)) }),
  },
  csv: { contentType: 'text/csv; charset=utf-8', write: (l) => ({ chunks: csvChunks(l) }) },
  kml: {
    contentType: 'application/vnd.google-earth.kml+xml; charset=utf-8',
    write: (l) => ({ chunks: kmlChunks(l) }),
  },
};
