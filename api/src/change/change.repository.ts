/**
 * SQL of change between surveys: the per-unit results (index, mean, cover %, biomass) of one survey,
 * as the analysis job stored them, with the unit's name.
 * Reference: migration 003 (results); SPEC §2.3.
 */
import type { Queryable } from '../db/db.ts';

export interface UnitResult {
  readonly unitId: string;
  readonly name: string;
  readonly index: string;
  readonly mean: number | null;
  readonly coverPct: number | null;
  readonly biomassKgHa: number | null;
}

/** The results of survey `surveyId`, by unit id. */
export async function surveyResults(q: Queryable, surveyId: string): Promise<UnitResult[]> {
  const rows = await q.query<{
    unit_id: string;
    name: string;
    product: string;
    mean: number | null;
    cover_pct: number | null;
    biomass_kg_ha: number | null;
  }>(
    `SELECT r.unit_id, u.name, r.product, (r.stats->>'mean')::float8 AS mean, r.cover_pct, r.biomass_kg_ha
       FROM results r JOIN pasture_units u ON u.id = r.unit_id
      WHERE r.survey_id = $1 AND u.deleted_at IS NULL ORDER BY u.name, r.unit_id`,
    [surveyId],
  );
  return rows.map((r) => ({
    unitId: r.unit_id,
    name: r.name,
    index: r.product,
    mean: r.mean,
    coverPct: r.cover_pct,
    biomassKgHa: r.biomass_kg_ha,
  }));
}
