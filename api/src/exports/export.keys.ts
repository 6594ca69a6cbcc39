/**
 * Names shared by the export routes, service and job: the job kind, the store prefix of an export,
 * and the files a survey package holds.
 */
export const EXPORT_JOB = 'export.build';
export const exportJobKey = (id: string) => `${EXPORT_JOB}:${id}`;
export const exportPrefix = (id: string) => `exports/${id}`;

export const PACKAGE_FILES = ['package.zip', 'imagery.pmtiles', 'vectors.pmtiles'] as const;
export type PackageFile = (typeof PACKAGE_FILES)[number];

export const CONTENT_TYPES: Readonly<Record<PackageFile, string>> = {
  'package.zip': 'application/zip',
  'imagery.pmtiles': 'application/vnd.pmtiles',
  'vectors.pmtiles': 'application/vnd.pmtiles',
};

/** A finished export stays downloadable this long. */
export const EXPORT_TTL_DAYS = 7;

/**
 * Raster tiles a package may hold: ~10 GB of 256 px tiles at ~100 kB, what a field laptop carries
 * (a 2.5 Gpx ortho at its native zoom). Larger surveys are refused with 413 naming the count.
 */
export const MAX_PACKAGE_RASTER_TILES = 100_000;
