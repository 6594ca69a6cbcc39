/**
 * /api/surveys (SPEC §3): CRUD, the plain streaming upload `PUT /api/surveys/{id}/imagery`, and the
 * published COG `GET /api/surveys/{id}/imagery.tif` with HTTP range requests.
 */
import { z } from 'zod';
import { indexBands, indexDefinition, NotFoundError, ValidationError } from '@belcheer/processing';
import type { Db } from '../db/db.ts';
import { defineRoute, type RouteDef } from '../http/route.ts';
import { requireCaller, readableOrganisations } from '../auth/caller.ts';
import type { Store } from '../storage/store.ts';
import { MeasuringStream } from '../storage/measure.ts';
import { sendStoredFile } from '../http/send.file.ts';
import { createSurveyBody, surveyListQuery, surveySchema, updateSurveyBody } from './surveys.schemas.ts';
import type { SurveyService } from './surveys.service.ts';
import * as repo from './surveys.repository.ts';
import { cogKey, coverKey, productKey, sourceKey } from './survey.keys.ts';
import { checkFilename } from './filename.ts';

const idParams = z.strictObject({ id: z.uuid('the survey id must be a UUID') });
const sha256Hex = z.string().regex(/^[0-9a-fA-F]{64}$/, 'a SHA-256 is 64 hex digits');

export interface SurveyRoutesDeps {
  readonly db: Db;
  readonly store: Store;
  readonly surveys: SurveyService;
  readonly maxUploadBytes: number;
}

export function surveyRoutes({ db, store, surveys, maxUploadBytes }: SurveyRoutesDeps): RouteDef[] {
  return [
    defineRoute(
      {
        method: 'get',
        path: '/api/surveys',
        summary: 'Surveys of the caller’s organisations, newest first',
        tags: ['surveys'],
        access: 'user',
        query: surveyListQuery,
        response: {
          status: 200,
          description: 'Surveys',
          schema: z.object({ surveys: z.array(surveySchema) }),
        },
      },
      async ({ caller, query }) => ({ surveys: await surveys.list(requireCaller(caller), query) }),
    ),
    defineRoute(
      {
        method: 'post',
        path: '/api/surveys',
        summary: 'Create a survey (then upload its orthomosaic by tus or PUT)',
        tags: ['surveys'],
        access: 'user',
        body: createSurveyBody,
        response: { status: 201, description: 'Created', schema: surveySchema },
        errors: [403],
      },
      async ({ caller, body }) => surveys.create(requireCaller(caller), body),
    ),
    defineRoute(
      {
        method: 'get',
        path: '/api/surveys/:id',
        summary: 'One survey: status, progress, error, footprint, bbox, CRS, GSD, bands, products',
        tags: ['surveys'],
        access: 'user',
        params: idParams,
        response: { status: 200, description: 'The survey', schema: surveySchema },
        errors: [404],
      },
      async ({ caller, params }) => surveys.get(requireCaller(caller), params.id),
    ),
    defineRoute(
      {
        method: 'patch',
        path: '/api/surveys/:id',
        summary: 'Rename a survey, change its date, soum or declared bands',
        tags: ['surveys'],
        access: 'user',
        params: idParams,
        body: updateSurveyBody,
        response: { status: 200, description: 'Updated', schema: surveySchema },
        errors: [403, 404],
      },
      async ({ caller, params, body }) => surveys.update(requireCaller(caller), params.id, body),
    ),
    defineRoute(
      {
        method: 'delete',
        path: '/api/surveys/:id',
        summary: 'Delete a survey and its imagery',
        tags: ['surveys'],
        access: 'user',
        params: idParams,
        response: { status: 204, description: 'Deleted' },
        errors: [403, 404],
      },
      async ({ caller, params }) => {
        await surveys.remove(requireCaller(caller), params.id);
        return undefined;
      },
    ),
    defineRoute(
      {
        method: 'put',
        path: '/api/surveys/:id/imagery',
        summary:
          'Upload the orthomosaic as the raw request body (streamed; for scripts). Processing starts when it is complete.',
        tags: ['surveys'],
        access: 'user',
        params: idParams,
        rawBody: {
          description: 'The GeoTIFF orthomosaic, streamed',
          contentTypes: ['image/tiff', 'application/octet-stream'],
        },
        query: z.strictObject({
          filename: z.string().max(255).optional(),
          sha256: sha256Hex
            .optional()
            .meta({ description: 'SHA-256 of the whole file; checked before processing' }),
        }),
        response: { status: 202, description: 'Stored and queued for processing', schema: surveySchema },
        errors: [403, 404, 409, 413],
      },
      async ({ caller, params, query, req }) => {
        const me = requireCaller(caller);
        const filename = checkFilename(query.filename ?? 'imagery.tif');
        const declared = Number(req.headers['content-length'] ?? NaN);
        if (declared === 0)
          throw new ValidationError('empty upload: the body has no bytes', undefined, 'empty_upload');
        if (declared > maxUploadBytes)
          throw new ValidationError(
            `the file (${declared} bytes) exceeds the upload limit of ${maxUploadBytes} bytes`,
            undefined,
            'too_large',
          );
        const version = await surveys.beginUpload(me, params.id, {
          filename,
          size: Number.isFinite(declared) ? declared : 0,
        });
        const measure = new MeasuringStream(maxUploadBytes);
        try {
          await store.put(sourceKey(params.id, version), req.pipe(measure));
        } catch (err) {
          await surveys.uploadFailed(params.id, version, 'the upload was interrupted or too large');
          throw err;
        }
        if (measure.bytes === 0) {
          await surveys.uploadFailed(params.id, version, 'empty upload: the body has no bytes');
          throw new ValidationError('empty upload: the body has no bytes', undefined, 'empty_upload');
        }
        const sha256 = measure.digest();
        if (query.sha256 && query.sha256.toLowerCase() !== sha256) {
          const message = `SHA-256 mismatch: declared ${query.sha256.toLowerCase()}, received ${sha256}`;
          await surveys.uploadFailed(params.id, version, message);
          throw new ValidationError(message, undefined, 'checksum_mismatch');
        }
        await db.query('UPDATE surveys SET source_size = $2, source_sha256 = $3 WHERE id = $1', [
          params.id,
          measure.bytes,
          sha256,
        ]);
        await surveys.sourceArrived(params.id, version, measure.bytes, null);
        return surveys.get(me, params.id);
      },
    ),
    defineRoute(
      {
        method: 'get',
        path: '/api/surveys/:id/imagery.tif',
        summary:
          'The survey’s Cloud Optimized GeoTIFF, with HTTP range requests (GDAL /vsicurl/ reads it in place)',
        tags: ['surveys'],
        access: 'user',
        params: idParams,
        response: {
          status: 200,
          description: 'The COG (206 for a range)',
          contentType: 'image/tiff; application=geotiff; profile=cloud-optimized',
        },
        errors: [404, 416],
      },
      async ({ caller, params, req, res }) => {
        const record = await repo.getSurveyRecord(
          db,
          readableOrganisations(requireCaller(caller)),
          params.id,
        );
        const { version } = record.survey;
        const asset = version > 0 ? await repo.getAsset(db, params.id, version, 'cog') : undefined;
        if (!asset)
          throw new NotFoundError(
            `survey ${params.id} has no processed imagery yet (status ${record.survey.status})`,
          );
        await sendStoredFile(req, res, store, {
          key: cogKey(params.id, version),
          size: asset.size,
          etag: `${params.id}-v${version}`,
          contentType: 'image/tiff; application=geotiff; profile=cloud-optimized',
          filename: `${record.survey.name}.tif`,
          lastModified: new Date(record.survey.updatedAt),
        });
        return undefined;
      },
    ),
    defineRoute(
      {
        method: 'get',
        path: '/api/surveys/:id/products/:file',
        summary:
          'A product of the survey as a COG: an index (float32, NaN where undefined, statistics in its metadata) or cover (uint8 %); 202 while an index is being built',
        tags: ['surveys'],
        access: 'user',
        params: z.strictObject({
          id: z.uuid('the survey id must be a UUID'),
          file: z
            .string()
            .regex(/^[a-z]{2,16}\.tif$/, 'the file is {product}.tif, e.g. ndvi.tif')
            .meta({
              description: '`{product}.tif`: `cover.tif` or an index the bands allow, e.g. `ndvi.tif`',
            }),
        }),
        response: {
          status: 200,
          description: 'The product COG (206 for a range)',
          contentType: 'image/tiff; application=geotiff; profile=cloud-optimized',
        },
        errors: [202, 404, 416],
      },
      async ({ caller, params, req, res }) => {
        const record = await repo.getSurveyRecord(
          db,
          readableOrganisations(requireCaller(caller)),
          params.id,
        );
        const { version, name } = record.survey;
        if (version < 1) throw new NotFoundError(`survey ${params.id} has no processed imagery yet`);
        const product = params.file.slice(0, -'.tif'.length);
        if (product !== 'cover') indexBands(indexDefinition(product), record.bandContext);
        const kind = product === 'cover' ? 'cover' : `product:${product}`;
        const asset = await repo.getAsset(db, params.id, version, kind);
        if (!asset) {
          if (product === 'cover') throw new NotFoundError(`survey ${params.id} has no green-cover layer`);
          await surveys.requestProduct(params.id, version, product);
          res.status(202).setHeader('Retry-After', '5');
          res.json({
            status: 'queued',
            product,
            message: `${product}.tif is being built; ask again shortly`,
          });
          return undefined;
        }
        await sendStoredFile(req, res, store, {
          key: product === 'cover' ? coverKey(params.id, version) : productKey(params.id, version, product),
          size: asset.size,
          etag: `${params.id}-v${version}-${product}`,
          contentType: 'image/tiff; application=geotiff; profile=cloud-optimized',
          filename: `${name} — ${product}.tif`,
          lastModified: new Date(record.survey.updatedAt),
        });
        return undefined;
      },
    ),
  ];
}
