/**
 * `POST /api/statistics` (SPEC §3): zonal statistics of a survey product over one polygon or a
 * FeatureCollection of up to 5,000, pixel-centre rule or coverage-weighted, at full resolution or an
 * overview, all statistics or those the `stats` member lists (the others null). Answers a GeoJSON
 * FeatureCollection in input order with `properties.stats`.
 */
import { z } from 'zod';
import { MAX_HISTOGRAM_BINS, ZONE_STATS } from '@belcheer/processing';
import type { Config } from '../config.ts';
import type { Db } from '../db/db.ts';
import { defineRoute, type RouteDef } from '../http/route.ts';
import { requireCaller } from '../auth/caller.ts';
import type { Store } from '../storage/store.ts';
import { createStatisticsService, MAX_FEATURES } from './statistics.service.ts';

const body = z.strictObject({
  survey: z.uuid('survey must be a survey id (UUID)'),
  product: z
    .string()
    .min(1)
    .max(64)
    .meta({ description: 'b1…bN, a band name (red, nir, …) or an index the survey allows (vari, ndvi, …)' }),
  geometry: z
    .unknown()
    .optional()
    .meta({ description: 'A Polygon or MultiPolygon (WGS 84 unless crs says)' }),
  featureCollection: z
    .object({
      type: z.literal('FeatureCollection'),
      features: z
        .array(z.unknown())
        .meta({ description: `At most ${MAX_FEATURES} Polygon/MultiPolygon features` }),
      crs: z.unknown().optional(),
    })
    .optional(),
  crs: z.unknown().optional().meta({
    description: 'GeoJSON 2008 crs member, e.g. {"type":"name","properties":{"name":"EPSG:32648"}}',
  }),
  mode: z.enum(['centre', 'coverage']).optional(),
  overview: z
    .number()
    .int()
    .min(0)
    .max(32)
    .optional()
    .meta({ description: '0 = full resolution (default), 1 = first overview…' }),
  histogram: z
    .strictObject({
      bins: z.number().int().min(1).max(MAX_HISTOGRAM_BINS),
      min: z.number().optional(),
      max: z.number().optional(),
    })
    .optional(),
  stats: z
    .array(z.enum(ZONE_STATS))
    .min(1)
    .optional()
    .meta({
      description:
        'The statistics to compute (default all). Those not listed are null in the answer (count and area_ha are always given); without p10/p50/p90 and histogram the zone is not kept in memory and the answer comes faster.',
      example: ['count', 'mean', 'std', 'min', 'max'],
    }),
});

const stats = z.object({
  count: z.number(),
  area_ha: z.number(),
  mean: z.number().nullable(),
  std: z.number().nullable(),
  min: z.number().nullable(),
  max: z.number().nullable(),
  p10: z.number().nullable(),
  p50: z.number().nullable(),
  p90: z.number().nullable(),
  histogram: z
    .object({ bins: z.number(), min: z.number(), max: z.number(), counts: z.array(z.number()) })
    .nullable(),
});

const response = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      id: z.union([z.string(), z.number()]).optional(),
      geometry: z.unknown(),
      properties: z.looseObject({ stats }),
    }),
  ),
});

export function statisticsRoutes({
  db,
  store,
  config,
}: {
  db: Db;
  store: Store;
  config: Config;
}): RouteDef[] {
  const service = createStatisticsService(db, store, { storage: config.storage, s3: config.s3 });
  return [
    defineRoute(
      {
        method: 'post',
        path: '/api/statistics',
        summary: 'Zonal statistics of a survey product over polygons',
        tags: ['statistics'],
        access: 'user',
        body,
        response: { status: 200, description: 'A FeatureCollection with properties.stats', schema: response },
        errors: [404, 413],
      },
      async ({ caller, body: req }) => ({
        type: 'FeatureCollection',
        features: await service.compute(requireCaller(caller), req),
      }),
    ),
  ];
}
