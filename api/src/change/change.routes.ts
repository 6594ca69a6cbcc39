/**
 * `GET /api/change?from=<survey>&to=<survey>`: per-unit change between two analysed surveys —
 * Δ mean index, Δ cover %, Δ biomass and the days between them.
 * Reference: SPEC §2.3; issue 6. The difference tiles are in api/src/tiles/change.tiles.routes.ts.
 */
import { z } from 'zod';
import type { Db } from '../db/db.ts';
import { defineRoute, type RouteDef } from '../http/route.ts';
import { requireCaller } from '../auth/caller.ts';
import { surveyChange } from './change.service.ts';

const nullableNumber = z.number().nullable();

const changeSchema = z
  .object({
    from: z.object({ id: z.string(), date: z.string() }),
    to: z.object({ id: z.string(), date: z.string() }),
    index: z.string(),
    days: z.number().int(),
    units: z.array(
      z.object({
        unit_id: z.string(),
        name: z.string(),
        mean_from: nullableNumber,
        mean_to: nullableNumber,
        delta_mean: nullableNumber,
        cover_pct_from: nullableNumber,
        cover_pct_to: nullableNumber,
        delta_cover_pct: nullableNumber,
        biomass_kg_ha_from: nullableNumber,
        biomass_kg_ha_to: nullableNumber,
        delta_biomass_kg_ha: nullableNumber,
      }),
    ),
  })
  .meta({ description: 'Per-unit change (to − from) over the units both surveys’ analyses cover' });

export function changeRoutes(db: Db): RouteDef[] {
  return [
    defineRoute(
      {
        method: 'get',
        path: '/api/change',
        summary: 'Change between two surveys per unit: Δ mean index, Δ cover %, Δ biomass',
        tags: ['analysis'],
        access: 'user',
        query: z.strictObject({
          from: z.uuid('from is a survey UUID').meta({ description: 'The earlier survey' }),
          to: z.uuid('to is a survey UUID').meta({ description: 'The later survey' }),
        }),
        response: { status: 200, description: 'Change per unit', schema: changeSchema },
        errors: [404, 409],
      },
      async ({ caller, query }) => surveyChange(db, requireCaller(caller), query.from, query.to),
    ),
  ];
}
