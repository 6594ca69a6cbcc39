/**
 * `POST /api/pasture-units/import` (issue 7): the raw file (GeoJSON, zipped Shapefile, KML/KMZ,
 * GeoPackage, CSV — sniffed, not trusted from Content-Type) streamed to a temporary folder under
 * DATA_DIR (413 beyond 512 MB), read feature by feature, checked, and with `dry_run=false` written all
 * or nothing. The app's JSON parser skips this path (`raw.body.ts`) so GeoJSON arrives as a stream.
 */
import path from 'node:path';
import { rm } from 'node:fs/promises';
import type { Db } from '../db/db.ts';
import { defineRoute, type RouteDef } from '../http/route.ts';
import { requireCaller } from '../auth/caller.ts';
import { UNIT_EDITORS } from '../pasture-units/pasture.units.service.ts';
import { parseAttributeMap } from './attribute.map.ts';
import { importReport, unitImportQuery, type UnitImportQuery } from './imports.schemas.ts';
import { openSource } from './open.source.ts';
import { createUnitImportService } from './units.import.service.ts';
import { bodyToTempFile } from './upload.temp.ts';

/** The largest import file. */
export const MAX_IMPORT_FILE_BYTES = 512 * 2 ** 20;

export interface ImportRoutesDeps {
  readonly db: Db;
  /** DATA_DIR: uploads are kept under `<dataDir>/imports` while they are read. */
  readonly dataDir: string;
}

const mapOf = (q: UnitImportQuery) =>
  parseAttributeMap(q.map, {
    ...(q.name_field ? { name: q.name_field } : {}),
    ...(q.soum_field ? { soum: q.soum_field } : {}),
    ...(q.season_field ? { season: q.season_field } : {}),
    ...(q.use_field ? { use: q.use_field } : {}),
    ...(q.notes_field ? { notes: q.notes_field } : {}),
  });

export function importRoutes({ db, dataDir }: ImportRoutesDeps): RouteDef[] {
  const imports = createUnitImportService(db);
  return [
    defineRoute(
      {
        method: 'post',
        path: '/api/pasture-units/import',
        summary:
          'Import pasture units from the raw file in the body: GeoJSON, zipped Shapefile (.shp/.dbf/.prj/.cpg), KML/KMZ, GeoPackage or CSV (WKT or lon/lat), any CRS of a .prj or EPSG code. dry_run=true reports per feature what would be created and what is wrong (invalid geometry with reason and location, outside the soum, duplicate names, swapped axes); otherwise every unit is written in one transaction only when all are ok, else 400 with the report in details.',
        tags: ['pasture units'],
        access: UNIT_EDITORS,
        query: unitImportQuery,
        rawBody: {
          description: 'The file itself; its format is recognised from its bytes, not from Content-Type',
          contentTypes: [
            'application/geo+json',
            'application/zip',
            'application/vnd.google-earth.kml+xml',
            'application/vnd.google-earth.kmz',
            'application/geopackage+sqlite3',
            'text/csv',
            'application/octet-stream',
          ],
        },
        response: { status: 200, description: 'The import report', schema: importReport },
        errors: [403, 413],
      },
      async ({ caller, query, req }) => {
        const me = requireCaller(caller);
        const map = mapOf(query);
        const upload = await bodyToTempFile(req, path.join(dataDir, 'imports'), MAX_IMPORT_FILE_BYTES);
        try {
          const source = await openSource(upload.file, {
            crs: query.crs,
            layer: query.layer,
            workDir: upload.dir,
          });
          try {
            return await imports.run(me, source, {
              dryRun: query.dry_run,
              map,
              defaults: { soum: query.soum, season: query.season, use: query.use },
            });
          } finally {
            source.close();
          }
        } finally {
          await rm(upload.dir, { recursive: true, force: true });
        }
      },
    ),
  ];
}
