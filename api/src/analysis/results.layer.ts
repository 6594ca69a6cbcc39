/**
 * The `results` vector tile layer (SPEC §2.2 "MVT of … results"): one feature per analysed pasture unit
 * of each survey of the caller's organisations, with the unit's current geometry and the numbers of
 * the `results` table (a map filters on `survey`). Registered in vector-tiles/vector.layers.ts.
 * Reference: SPEC §2.2, §2.3; migration 003 `results`.
 */
import type { VectorLayer } from '../vector-tiles/vector.layers.ts';

export const resultsLayer: VectorLayer = {
  id: 'results',
  description:
    'Per-unit analysis of the caller’s surveys: survey and unit ids, unit name, survey date, index and its mean, coverage and green cover (%), biomass (kg DM/ha; absent when uncalibrated), recovery class, seasonal capacity (sheep units).',
  fields: {
    survey: 'String',
    unit: 'String',
    name: 'String',
    date: 'String',
    index: 'String',
    mean: 'Number',
    coverage_pct: 'Number',
    cover_pct: 'Number',
    biomass_kg_ha: 'Number',
    recovery_class: 'String',
    capacity_su: 'Number',
  },
  featureId: false,
  minzoom: 0,
  maxzoom: 22,
  readers: 'organisation',
  // Recomputed whenever the survey, a unit or the plots change.
  cacheControl: 'private, max-age=30, must-revalidate',
  rowsSql: `SELECT r.survey_id::text AS survey, r.unit_id::text AS unit, u.name, to_char(s.survey_date, 'YYYY-MM-DD') AS date,
                   r.product AS index, (r.stats->>'mean')::float8 AS mean, r.coverage_pct, r.cover_pct, r.biomass_kg_ha,
                   r.recovery_class, r.capacity_su, u.geom
              FROM results r JOIN pasture_units u ON u.id = r.unit_id JOIN surveys s ON s.id = r.survey_id, b
             WHERE r.organisation_id = ANY (b.orgs) AND s.deleted_at IS NULL AND u.deleted_at IS NULL AND u.geom && b.env`,
};
