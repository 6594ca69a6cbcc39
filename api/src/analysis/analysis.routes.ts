/**
 * `GET|POST /api/surveys/{id}/analysis` (per-unit index statistics, cover, biomass, recovery class,
 * capacity; POST forces a recompute) and `GET /api/surveys/{id}/calibration` (the biomass calibration
 * with its scatter points). Reference: SPEC §3; issue 6.
 */
import { z } from 'zod';
import type { Db } from '../db/db.ts';
import { defineRoute, type RouteDef } from '../http/route.ts';
import { requireCaller } from '../auth/caller.ts';
import { createAnalysisService } from './analysis.service.ts';
import { analysisSchema, calibrationResponse } from './analysis.schemas.ts';

const idParams = z.strictObject({ id: z.uuid('the survey id must be a UUID') });

export function analysisRoutes(db: Db): RouteDef[] {
  const service = createAnalysisService(db);
  return [
    defineRoute(
      {
        method: 'get',
        path: '/api/surveys/:id/analysis',
        summary: 'Per-unit analysis of a survey: index statistics, cover, biomass, recovery class, capacity',
        tags: ['analysis'],
        access: 'user',
        params: idParams,
        response: {
          status: 200,
          description: 'The analysis (stale rows are answered while a recompute runs)',
          schema: analysisSchema,
        },
        errors: [404],
      },
      async ({ caller, params }) => service.get(requireCaller(caller), params.id),
    ),
    defineRoute(
      {
        method: 'post',
        path: '/api/surveys/:id/analysis',
        summary: 'Recompute the analysis of a survey',
        tags: ['analysis'],
        access: ['admin', 'land_officer', 'agronomist'],
        params: idParams,
        response: {
          status: 202,
          description: 'Recompute queued; the current analysis',
          schema: analysisSchema,
        },
        errors: [403, 404],
      },
      async ({ caller, params }) => service.recompute(requireCaller(caller), params.id),
    ),
    defineRoute(
      {
        method: 'get',
        path: '/api/surveys/:id/calibration',
        summary: 'Biomass calibration of a survey: models, n, R², RMSE, LOO RMSE and the plot points',
        tags: ['analysis'],
        access: 'user',
        params: idParams,
        response: {
          status: 200,
          description: 'The calibration (null before the first analysis)',
          schema: calibrationResponse,
        },
        errors: [404],
      },
      async ({ caller, params }) => service.calibration(requireCaller(caller), params.id),
    ),
  ];
}
