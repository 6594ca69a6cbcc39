/**
 * /api/field-plots (SPEC §3): list as a GeoJSON FeatureCollection (filters survey, unit, bbox,
 * from/to), create, read, replace and soft-delete one Point Feature, `POST /api/field-plots/import`
 * (CSV or GeoJSON, errors by row, `?dry_run=true`), and a photo per plot.
 */
import type { Request } from 'express';
import { z } from 'zod';
import { ValidationError } from '@belcheer/processing';
import type { Db } from '../db/db.ts';
import { defineRoute, type RouteDef } from '../http/route.ts';
import { requireCaller, type Role } from '../auth/caller.ts';
import type { Store } from '../storage/store.ts';
import type { SurveyService } from '../surveys/surveys.service.ts';
import { sendStoredFile } from '../http/send.file.ts';
import {
  importQuery,
  importReportSchema,
  plotCollectionSchema,
  plotFeatureInput,
  plotFeatureSchema,
  plotListQuery,
} from './field.plots.schemas.ts';
import { createFieldPlotService } from './field.plots.service.ts';
import { plotRowsFromCsv } from './plot.csv.ts';
import { plotRowFromFeature, plotRowsFromGeoJson } from './plot.geojson.ts';
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, type PlotRow } from './plot.rows.ts';
import { containerFeatures } from '../imports/container.features.ts';
import type { ImportFormat } from '../imports/import.source.ts';
import { MAX_PHOTO_BYTES } from './plot.photo.ts';
import { readRequestBytes } from './request.bytes.ts';

const WRITERS: readonly Role[] = ['admin', 'land_officer', 'agronomist'];
const idParams = z.strictObject({ id: z.uuid('the field plot id must be a UUID') });

/**
 * The import body: GeoJSON (sniffed by its `{`), CSV, or a zipped Shapefile of points, KML/KMZ or
 * GeoPackage read by the shared import readers (`api/src/imports/`).
 */
async function importRows(req: Request): Promise<{ rows: PlotRow[]; format: ImportFormat }> {
  if (req.body !== undefined) return { rows: plotRowsFromGeoJson(req.body), format: 'geojson' };
  const bytes = await readRequestBytes(req, MAX_IMPORT_BYTES, 'import file');
  const container = await containerFeatures(bytes, { maxFeatures: MAX_IMPORT_ROWS });
  if (container) {
    const { features, format } = container;
    return {
      rows: features.map((f) =>
        plotRowFromFeature({ type: 'Feature', properties: f.properties, geometry: f.geometry }, f.index + 1),
      ),
      format,
    };
  }
  const text = bytes.subarray(0, 1024).toString('utf8');
  if (!/^\uFEFF?\s*\{/.test(text)) return { rows: plotRowsFromCsv(bytes), format: 'csv' };
  let doc: unknown;
  try {
    doc = JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new ValidationError(
      `the GeoJSON is not valid JSON: ${(err as Error).message}`,
      undefined,
      'malformed_json',
    );
  }
  return { rows: plotRowsFromGeoJson(doc), format: 'geojson' };
}

export interface FieldPlotRoutesDeps {
  readonly db: Db;
  readonly store: Store;
  readonly surveys: SurveyService;
}

export function fieldPlotRoutes({ db, store, surveys }: FieldPlotRoutesDeps): RouteDef[] {
  const plots = createFieldPlotService(db, store, surveys);
  return [
    defineRoute(
      {
        method: 'get',
        path: '/api/field-plots',
        summary: 'Field plots of the caller’s organisations as a GeoJSON FeatureCollection, newest first',
        tags: ['field-plots'],
        access: 'user',
        query: plotListQuery,
        response: { status: 200, description: 'Plots', schema: plotCollectionSchema },
      },
      async ({ caller, query }) => ({
        type: 'FeatureCollection',
        features: await plots.list(requireCaller(caller), query),
      }),
    ),
    defineRoute(
      {
        method: 'post',
        path: '/api/field-plots',
        summary: 'Create a field plot from one GeoJSON Point Feature',
        tags: ['field-plots'],
        access: WRITERS,
        body: plotFeatureInput,
        response: { status: 201, description: 'Created', schema: plotFeatureSchema },
        errors: [404],
      },
      async ({ caller, body }) => plots.create(requireCaller(caller), body),
    ),
    defineRoute(
      {
        method: 'post',
        path: '/api/field-plots/import',
        summary:
          'Import plots from a CSV (lon/lat, date, biomass_g_m2 | biomass_kg_ha | biomass_c_ha, fresh, cover, height, notes, name, plot_size_m) or a GeoJSON FeatureCollection of Points, up to 10 000 rows / 20 MB. All rows are written in one transaction only when every row is valid; otherwise 400 with the report (errors by row) in details.',
        tags: ['field-plots'],
        access: WRITERS,
        query: importQuery,
        rawBody: {
          description: 'A CSV with a header row, or a GeoJSON FeatureCollection of Points',
          contentTypes: ['text/csv', 'application/geo+json'],
        },
        response: { status: 200, description: 'The import report', schema: importReportSchema },
        errors: [404, 413],
      },
      async ({ caller, query, req }) => {
        const me = requireCaller(caller);
        const { rows, format } = await importRows(req);
        return plots.import(me, rows, { surveyId: query.survey, dryRun: query.dry_run, format });
      },
    ),
    defineRoute(
      {
        method: 'get',
        path: '/api/field-plots/:id',
        summary: 'One field plot as a GeoJSON Feature',
        tags: ['field-plots'],
        access: 'user',
        params: idParams,
        response: { status: 200, description: 'The plot', schema: plotFeatureSchema },
        errors: [404],
      },
      async ({ caller, params }) => plots.get(requireCaller(caller), params.id),
    ),
    defineRoute(
      {
        method: 'put',
        path: '/api/field-plots/:id',
        summary: 'Replace a field plot (a GeoJSON Point Feature; read-only properties are ignored)',
        tags: ['field-plots'],
        access: WRITERS,
        params: idParams,
        body: plotFeatureInput,
        response: { status: 200, description: 'Updated', schema: plotFeatureSchema },
        errors: [404],
      },
      async ({ caller, params, body }) => plots.replace(requireCaller(caller), params.id, body),
    ),
    defineRoute(
      {
        method: 'delete',
        path: '/api/field-plots/:id',
        summary: 'Delete a field plot (soft delete: it disappears from every read)',
        tags: ['field-plots'],
        access: WRITERS,
        params: idParams,
        response: { status: 204, description: 'Deleted' },
        errors: [404],
      },
      async ({ caller, params }) => {
        await plots.remove(requireCaller(caller), params.id);
        return undefined;
      },
    ),
    defineRoute(
      {
        method: 'put',
        path: '/api/field-plots/:id/photo',
        summary: 'Store the plot’s photo: the raw body, image/jpeg or image/png, at most 10 MB',
        tags: ['field-plots'],
        access: WRITERS,
        params: idParams,
        rawBody: { description: 'The photo', contentTypes: ['image/jpeg', 'image/png'] },
        response: { status: 200, description: 'The plot with its photo_url', schema: plotFeatureSchema },
        errors: [404, 413],
      },
      async ({ caller, params, req }) => {
        const me = requireCaller(caller);
        const bytes = await readRequestBytes(req, MAX_PHOTO_BYTES, 'photo');
        return plots.putPhoto(me, params.id, bytes, req.headers['content-type']);
      },
    ),
    defineRoute(
      {
        method: 'get',
        path: '/api/field-plots/:id/photo',
        summary: 'The plot’s photo',
        tags: ['field-plots'],
        access: 'user',
        params: idParams,
        response: { status: 200, description: 'The photo (JPEG or PNG)', contentType: 'image/*' },
        errors: [404],
      },
      async ({ caller, params, req, res }) => {
        const photo = await plots.photo(requireCaller(caller), params.id);
        await sendStoredFile(req, res, store, {
          ...photo,
          filename: `field-plot-${params.id}.${photo.key.split('.').pop()}`,
          lastModified: photo.updatedAt,
        });
        return undefined;
      },
    ),
  ];
}
