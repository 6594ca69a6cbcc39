/**
 * What every import reader yields: features one by one, in EPSG:4326 (lon, lat), with their attributes
 * as read, and problems met while reading a feature (a WKT that does not parse) reported on that
 * feature rather than failing the file. The geometry is not validated yet.
 * Reference: issue 7 "Import".
 */
import type { Position } from 'geojson';
import { ValidationError } from '@belcheer/processing';

export type ImportFormat = 'geojson' | 'shapefile' | 'kml' | 'kmz' | 'geopackage' | 'csv';

export interface FeatureProblem {
  readonly code: string;
  readonly message: string;
  readonly location?: Position;
}

export interface SourceFeature {
  /** 0-based position in the file. */
  readonly index: number;
  readonly properties: Readonly<Record<string, unknown>>;
  /** GeoJSON geometry in EPSG:4326, unchecked; null when the feature has none. */
  readonly geometry: unknown;
  readonly problem?: FeatureProblem;
}

export interface FeatureSource {
  readonly format: ImportFormat;
  /** The CRS the file was read in (e.g. "EPSG:32648", or the name in its .prj). */
  readonly crs: string;
  readonly features: AsyncIterable<SourceFeature>;
}

/** Options shared by the readers: the CRS the caller names (`?crs=EPSG:n`) and the layer of a GeoPackage. */
export interface ReadOptions {
  readonly crs?: string;
  readonly layer?: string;
  /** A folder for files extracted from a zip (removed by the caller). */
  readonly workDir: string;
}

/** The feature whose geometry `read` gives, or — when reading it fails — the feature with that problem. */
export function featureOf(
  index: number,
  properties: Record<string, unknown>,
  read: () => unknown,
): SourceFeature {
  try {
    return { index, properties, geometry: read() };
  } catch (err) {
    if (!(err instanceof ValidationError)) throw err;
    return { index, properties, geometry: null, problem: { code: err.code, message: err.message } };
  }
}
