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
