/**
 * GET /api/admin-units?level=aimag|soum[&parent=MN43][&bbox=…] and GET /api/admin-units/{code}:
 * Mongolia's aimags and soums with their NSO P-codes, as GeoJSON.
 */
import { z } from 'zod';
import { NotFoundError } from '@belcheer/processing';
import type { Db } from '../db/db.ts';
import { defineRoute, type RouteDef } from '../http/route.ts';
import { adminUnitsGeoJson } from './admin.units.repository.ts';

const bbox = z
  .string()
  .transform((s, ctx) => {
    const n = s.split(',').map(Number);
    const [w, so, e, no] = n;
    if (
      n.length !== 4 ||
      n.some((v) => !Number.isFinite(v)) ||
      w === undefined ||
      so === undefined ||
      e === undefined ||
      no === undefined
    ) {
      ctx.addIssue({ code: 'custom', message: 'bbox must be four numbers: minLon,minLat,maxLon,maxLat' });
      return z.NEVER;
    }
    if (w < -180 || e > 180 || so < -90 || no > 90 || w > e || so > no) {
      ctx.addIssue({ code: 'custom', message: 'bbox must be within -180,-90,180,90 with min ≤ max' });
      return z.NEVER;
    }
    return [w, so, e, no] as const;
  })
  .meta({ description: 'minLon,minLat,maxLon,maxLat (EPSG:4326)' });

const listQuery = z.strictObject({
  level: z.enum(['aimag', 'soum']).optional(),
  parent: z
    .string()
    .regex(/^MN\d{2}$/, 'parent is an aimag code such as MN43')
    .optional(),
  bbox: bbox.optional(),
});

const featureCollection = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      id: z.string(),
      properties: z.object({
        code: z.string(),
        level: z.enum(['aimag', 'soum']),
        parent_code: z.string().nullable(),
        name_mn: z.string().nullable(),
        name_en: z.string(),
        area_ha: z.number(),
      }),
      geometry: z.object({ type: z.string(), coordinates: z.array(z.unknown()) }),
    }),
  ),
});

export function adminUnitRoutes(db: Db): RouteDef[] {
  return [
    defineRoute(
      {
        method: 'get',
        path: '/api/admin-units',
        summary:
          'Aimags and soums (NSO P-codes, names in Mongolian and Latin, geodesic area in ha) as GeoJSON',
        tags: ['admin units'],
        access: 'user',
        query: listQuery,
        response: {
          status: 200,
          description: 'A GeoJSON FeatureCollection (EPSG:4326)',
          schema: featureCollection,
        },
      },
      async ({ query, res }) => {
        res.setHeader('Cache-Control', 'private, max-age=3600');
        return adminUnitsGeoJson(db, query);
      },
    ),
    defineRoute(
      {
        method: 'get',
        path: '/api/admin-units/:code',
        summary: 'One aimag or soum by its P-code',
        tags: ['admin units'],
        access: 'user',
        params: z.strictObject({
          code: z.string().regex(/^MN\d{2}(\d{2})?$/, 'a code looks like MN43 or MN4304'),
        }),
        response: {
          status: 200,
          description: 'A GeoJSON Feature',
          schema: featureCollection.shape.features.element,
        },
        errors: [404],
      },
      async ({ params }) => {
        const fc = await adminUnitsGeoJson(db, { code: params.code });
        const feature = fc.features[0];
        if (!feature) throw new NotFoundError(`no aimag or soum has the code ${params.code}`);
        return feature;
      },
    ),
  ];
}
