/**
 * /api/exports (SPEC §2.2, §3): `POST` asks for an offline package of a survey (202, built by a job),
 * `GET /{id}` follows it, `GET /{id}/{file}` serves `package.zip`, `imagery.pmtiles` or
 * `vectors.pmtiles` with HTTP range requests — how the pmtiles library and MapLibre's pmtiles protocol
 * read an archive in place.
 */
import { z } from 'zod';
import type { Db } from '../db/db.ts';
import { defineRoute, type RouteDef } from '../http/route.ts';
import { requireCaller } from '../auth/caller.ts';
import type { Store } from '../storage/store.ts';
import { sendStoredFile } from '../http/send.file.ts';
import { CONTENT_TYPES, PACKAGE_FILES } from './export.keys.ts';
import { createExportService } from './exports.service.ts';

const idParams = z.strictObject({ id: z.uuid('the export id must be a UUID') });

const createBody = z.strictObject({
  kind: z.literal('survey-package', 'kind must be "survey-package"'),
  survey: z.uuid('survey must be a survey id (UUID)'),
  format: z
    .enum(['png', 'webp'], 'format is png or webp')
    .optional()
    .meta({ description: 'Raster tile format of imagery.pmtiles (default png)' }),
});

const exportSchema = z
  .object({
    id: z.uuid(),
    kind: z.literal('survey-package'),
    params: z.object({ survey: z.uuid(), format: z.enum(['png', 'webp']) }),
    status: z.enum(['queued', 'running', 'ready', 'failed', 'expired']),
    progress: z.number().min(0).max(100),
    error: z.string().optional(),
    files: z
      .array(z.object({ name: z.enum(PACKAGE_FILES), size: z.number().int(), url: z.string() }))
      .optional(),
    size: z.number().int().optional(),
    createdAt: z.string(),
    finishedAt: z.string().optional(),
    expiresAt: z.string().optional(),
  })
  .meta({ description: 'An export job: its state, progress (0–100) and, once ready, its files' });

export function exportRoutes({ db, store }: { db: Db; store: Store }): RouteDef[] {
  const exports = createExportService(db);
  return [
    defineRoute(
      {
        method: 'post',
        path: '/api/exports',
        summary:
          'Ask for an offline package of a survey: imagery.pmtiles (raster tiles to its native zoom), vectors.pmtiles (admin units, pasture units, field plots, surveys of its soum) and package.zip with a MapLibre style',
        tags: ['exports'],
        access: 'user',
        body: createBody,
        response: { status: 202, description: 'Queued', schema: exportSchema },
        errors: [404, 409, 413],
      },
      async ({ caller, body }) => exports.create(requireCaller(caller), body),
    ),
    defineRoute(
      {
        method: 'get',
        path: '/api/exports/:id',
        summary: 'An export: status, progress, error, and its files once ready',
        tags: ['exports'],
        access: 'user',
        params: idParams,
        response: { status: 200, description: 'The export', schema: exportSchema },
        errors: [404],
      },
      async ({ caller, params }) => exports.get(requireCaller(caller), params.id),
    ),
    defineRoute(
      {
        method: 'get',
        path: '/api/exports/:id/:file',
        summary: 'A file of a finished export, with HTTP range requests (206) for PMTiles readers',
        tags: ['exports'],
        access: 'user',
        params: idParams.extend({
          file: z.enum(PACKAGE_FILES, `the file is one of ${PACKAGE_FILES.join(', ')}`),
        }),
        response: {
          status: 200,
          description: 'The file (206 for a range)',
          contentType: 'application/octet-stream',
        },
        errors: [404, 409, 416],
      },
      async ({ caller, params, req, res }) => {
        const { key, size, record } = await exports.file(requireCaller(caller), params.id, params.file);
        await sendStoredFile(req, res, store, {
          key,
          size,
          etag: `${params.id}-${params.file}`,
          contentType: CONTENT_TYPES[params.file],
          filename: params.file,
          ...(record.finishedAt ? { lastModified: new Date(record.finishedAt) } : {}),
        });
        return undefined;
      },
    ),
  ];
}
