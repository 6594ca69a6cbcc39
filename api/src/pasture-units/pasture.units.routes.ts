/**
 * /api/pasture-units (SPEC §2.4, §3): GeoJSON Features in and out. List with `soum`, `season`, `use`,
 * `bbox`, `include_deleted`; create; read; replace (PUT) and change (PATCH) with If-Match; soft delete
 * with If-Match; restore; the edit history. Every answer about one unit carries `ETag: "<id>-v<version>"`.
 */
import { z } from 'zod';
import type { Response } from 'express';
import type { Db } from '../db/db.ts';
import { defineRoute, type RouteDef } from '../http/route.ts';
import { requireCaller } from '../auth/caller.ts';
import {
  createUnitBody,
  patchUnitBody,
  unitCollection,
  unitFeature,
  unitHistory,
  unitListQuery,
  type UnitFeature,
  type UnitPatch,
} from './pasture.units.schemas.ts';
import { createPastureUnitService, UNIT_EDITORS } from './pasture.units.service.ts';
import type { UnitRecord } from './pasture.units.repository.ts';
import { ifMatchHeader, unitEtag } from './unit.etag.ts';

const idParams = z.strictObject({ id: z.uuid('the pasture unit id must be a UUID') });
const TAGS = ['pasture units'];
const featureResponse = (status: number, description: string) => ({
  status,
  description,
  schema: unitFeature,
});

function withEtag(res: Response, record: UnitRecord): UnitFeature {
  res.setHeader('ETag', unitEtag(record.id, record.version));
  return record.feature;
}

export function pastureUnitRoutes(db: Db): RouteDef[] {
  const units = createPastureUnitService(db);
  const edit = (method: 'put' | 'patch', summary: string, body: z.ZodType<UnitPatch>) =>
    defineRoute(
      {
        method,
        path: '/api/pasture-units/:id',
        summary,
        tags: TAGS,
        access: UNIT_EDITORS,
        params: idParams,
        body,
        response: featureResponse(200, 'Updated; the new ETag'),
        errors: [403, 404, 409, 412, 428],
      },
      async ({ caller, params, body: input, req, res }) => {
        const ifMatch = ifMatchHeader(req.headers['if-match']);
        const after = await units.edit(requireCaller(caller), params.id, input, ifMatch, method === 'put');
        return withEtag(res, after);
      },
    );
  return [
    defineRoute(
      {
        method: 'get',
        path: '/api/pasture-units',
        summary: 'Pasture units of the caller’s organisations as a GeoJSON FeatureCollection (EPSG:4326)',
        tags: TAGS,
        access: 'user',
        query: unitListQuery,
        response: { status: 200, description: 'A FeatureCollection', schema: unitCollection },
      },
      async ({ caller, query }) => ({
        type: 'FeatureCollection',
        features: await units.list(requireCaller(caller), query),
      }),
    ),
    defineRoute(
      {
        method: 'post',
        path: '/api/pasture-units',
        summary:
          'Create a pasture unit from a GeoJSON Feature (Polygon or MultiPolygon); invalid geometry → 400 with reason and location',
        tags: TAGS,
        access: UNIT_EDITORS,
        body: createUnitBody,
        response: featureResponse(201, 'Created; ETag "<id>-v1"'),
        errors: [403],
      },
      async ({ caller, body, res }) => withEtag(res, await units.create(requireCaller(caller), body)),
    ),
    defineRoute(
      {
        method: 'get',
        path: '/api/pasture-units/:id',
        summary: 'One pasture unit (also a soft-deleted one, with deleted_at), with its ETag',
        tags: TAGS,
        access: 'user',
        params: idParams,
        response: featureResponse(200, 'The unit'),
        errors: [404],
      },
      async ({ caller, params, res }) => withEtag(res, await units.get(requireCaller(caller), params.id)),
    ),
    edit('put', 'Replace a pasture unit (If-Match required: missing → 428, stale → 412)', createUnitBody),
    edit(
      'patch',
      'Change some properties and/or the geometry of a pasture unit (If-Match required)',
      patchUnitBody,
    ),
    defineRoute(
      {
        method: 'delete',
        path: '/api/pasture-units/:id',
        summary: 'Soft-delete a pasture unit (If-Match required); it can be restored with its history',
        tags: TAGS,
        access: UNIT_EDITORS,
        params: idParams,
        response: { status: 204, description: 'Deleted; the ETag of the deleted version' },
        errors: [403, 404, 409, 412, 428],
      },
      async ({ caller, params, req, res }) => {
        const after = await units.remove(
          requireCaller(caller),
          params.id,
          ifMatchHeader(req.headers['if-match']),
        );
        res.setHeader('ETag', unitEtag(after.id, after.version));
        return undefined;
      },
    ),
    defineRoute(
      {
        method: 'post',
        path: '/api/pasture-units/:id/restore',
        summary: 'Restore a soft-deleted pasture unit (If-Match optional)',
        tags: TAGS,
        access: UNIT_EDITORS,
        params: idParams,
        response: featureResponse(200, 'Restored; the new ETag'),
        errors: [403, 404, 409, 412],
      },
      async ({ caller, params, req, res }) =>
        withEtag(
          res,
          await units.restore(requireCaller(caller), params.id, ifMatchHeader(req.headers['if-match'])),
        ),
    ),
    defineRoute(
      {
        method: 'get',
        path: '/api/pasture-units/:id/history',
        summary:
          'Edit history of a pasture unit: who, when, action, old and new values (geometry as GeoJSON)',
        tags: TAGS,
        access: 'user',
        params: idParams,
        response: { status: 200, description: 'Oldest first', schema: unitHistory },
        errors: [404],
      },
      async ({ caller, params, res }) => {
        const { record, history } = await units.history(requireCaller(caller), params.id);
        res.setHeader('ETag', unitEtag(record.id, record.version));
        return { unit_id: record.id, history };
      },
    ),
  ];
}
