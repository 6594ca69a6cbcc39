/**
 * `GET /api/pasture-units/{id}/zones` (and `zones.geojson`): vigour zones of a cropland unit from one
 * survey as GeoJSON in WGS 84; `GET /api/pasture-units/{id}/zones.zip`: the same zones as a zipped
 * Shapefile in the survey raster's CRS with its .prj, for farm terminals (variable-rate prescriptions).
 * Reference: issue 6; SPEC §2.3.
 */
import { z } from 'zod';
import { INDEX_NAMES } from '@belcheer/processing';
import type { Db } from '../db/db.ts';
import { defineRoute, type RouteDef } from '../http/route.ts';
import { requireCaller } from '../auth/caller.ts';
import type { Store } from '../storage/store.ts';
import { createZonesService, type ZonesRequest } from './zones.service.ts';
import { ZONE_METHODS } from './vigour.zones.ts';

const params = z.strictObject({ id: z.uuid('the pasture unit id must be a UUID') });

const number = (name: string, min: number, max: number) =>
  z.coerce
    .number(`${name} is a number`)
    .min(min, `${name} is at least ${min}`)
    .max(max, `${name} is at most ${max}`);

const query = z.strictObject({
  survey: z.uuid('survey is a survey UUID').meta({ description: 'The survey the index is read from' }),
  index: z
    .string()
    .max(16)
    .default('ndvi')
    .meta({ description: `Index the zones classify: ${INDEX_NAMES.join(', ')} (default ndvi)` }),
  classes: z.coerce
    .number()
    .int('classes is an integer')
    .min(3, 'classes is 3 to 5')
    .max(5, 'classes is 3 to 5')
    .default(3)
    .meta({ description: 'Number of zones, 3–5 (default 3)' }),
  method: z
    .enum(ZONE_METHODS, 'method is quantile or jenks')
    .default('quantile')
    .meta({ description: 'Class breaks: quantile (equal areas) or jenks (natural breaks)' }),
  min_area_m2: number('min_area_m2', 0, 1e7)
    .default(100)
    .meta({ description: 'Islands under this area (m²) are merged into their neighbours (default 100)' }),
  resolution_m: number('resolution_m', 0.001, 1000)
    .optional()
    .meta({ description: 'Cell size in metres: read from the closest overview (default full resolution)' }),
});

type ZonesQuery = z.infer<typeof query>;

const zoneFeature = z.object({
  type: z.literal('Feature'),
  properties: z.object({
    zone: z.number().int(),
    rate: z.number(),
    from: z.number().nullable(),
    to: z.number().nullable(),
    pixels: z.number().int(),
    area_ha: z.number(),
    mean: z.number().nullable(),
    min: z.number().nullable(),
    max: z.number().nullable(),
  }),
  geometry: z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.unknown()) }),
});

const zonesSchema = z
  .object({
    type: z.literal('FeatureCollection'),
    unit: z.object({ id: z.string(), name: z.string() }),
    survey: z.string(),
    index: z.string(),
    method: z.enum(ZONE_METHODS),
    breaks: z.array(z.number()),
    level: z.number().int(),
    resolution_m: z.number(),
    source_crs: z.string(),
    features: z.array(zoneFeature),
  })
  .meta({ description: 'Vigour zones in WGS 84: one MultiPolygon per class with its statistics' });

function zonesRequest(id: string, q: ZonesQuery): ZonesRequest {
  return {
    unit: id,
    survey: q.survey,
    index: q.index,
    classes: q.classes,
    method: q.method,
    minAreaM2: q.min_area_m2,
    ...(q.resolution_m !== undefined ? { resolutionM: q.resolution_m } : {}),
  };
}

const ERRORS = [404, 413] as const;
const SUMMARY = 'Vigour zones of a cropland unit from a survey (GeoJSON, WGS 84)';

export function zoneRoutes({ db, store }: { db: Db; store: Store }): RouteDef[] {
  const service = createZonesService(db, store);
  const geojsonRoute = (path: string, contentType: string | undefined) =>
    defineRoute(
      {
        method: 'get',
        path,
        summary: SUMMARY,
        tags: ['analysis'],
        access: 'user',
        params,
        query,
        response: { status: 200, description: 'Zones', schema: zonesSchema },
        errors: ERRORS,
      },
      async ({ caller, params: p, query: q, res }) => {
        const body = await service.geojson(requireCaller(caller), zonesRequest(p.id, q));
        if (contentType) res.type(contentType);
        return body;
      },
    );
  return [
    geojsonRoute('/api/pasture-units/:id/zones', undefined),
    geojsonRoute('/api/pasture-units/:id/zones.geojson', 'application/geo+json'),
    defineRoute(
      {
        method: 'get',
        path: '/api/pasture-units/:id/zones.zip',
        summary: 'Vigour zones of a cropland unit as a zipped Shapefile in the survey raster’s CRS',
        tags: ['analysis'],
        access: 'user',
        params,
        query,
        response: { status: 200, description: 'Zipped Shapefile', contentType: 'application/zip' },
        errors: ERRORS,
      },
      async ({ caller, params: p, query: q, res }) => {
        const { name, zip } = await service.shapefile(requireCaller(caller), zonesRequest(p.id, q));
        res.setHeader('Content-Disposition', `attachment; filename="${name}.zip"`);
        res.status(200).type('application/zip').send(Buffer.from(zip));
        return undefined;
      },
    ),
  ];
}
