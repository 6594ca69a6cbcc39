/**
 * Wire shapes of the analysis routes (validated responses and OpenAPI): the calibration with its
 * scatter points, and the per-unit results as a GeoJSON FeatureCollection.
 * Reference: SPEC §2.3, §3; DOMAIN.md §3–§6.
 */
import { z } from 'zod';

const nullableNumber = z.number().nullable();

const fit = z
  .object({
    model: z.union([
      z.object({ kind: z.literal('linear'), slope: z.number(), intercept: z.number() }),
      z.object({ kind: z.literal('exponential'), a: z.number(), b: z.number() }),
    ]),
    n: z.number(),
    r2: nullableNumber,
    rmse: z.number(),
    loo_rmse: z.number(),
  })
  .nullable()
  .meta({ description: 'A model fit: coefficients, n, R², RMSE and leave-one-out RMSE (kg/ha)' });

export const calibrationSchema = z
  .object({
    status: z.enum(['calibrated', 'uncalibrated']),
    index: z
      .string()
      .nullable()
      .meta({ description: 'The calibration index (the survey’s green-cover index)' }),
    model: z
      .enum(['linear', 'exponential'])
      .nullable()
      .meta({ description: 'The lower LOO RMSE of the two' }),
    reason: z.string().nullable(),
    n: z.number().meta({ description: 'Usable plots (index and dry-matter biomass known)' }),
    min_plots: z.number().meta({ description: 'Fewest plots for a calibration (a configurable default)' }),
    r2: nullableNumber,
    rmse: nullableNumber,
    loo_rmse: nullableNumber,
    linear: fit,
    exponential: fit,
    points: z.array(z.object({ plot: z.string(), index: nullableNumber, biomass_kg_ha: z.number() })),
    notes: z.array(z.string()),
    survey_version: z.number(),
    computed_at: z.string(),
  })
  .nullable();

const unitProperties = z.object({
  unit_id: z.string(),
  name: z.string(),
  season: z.string(),
  use: z.string(),
  area_ha: z.number().meta({ description: 'Geodesic area of the unit, ha' }),
  coverage_pct: z.number().meta({ description: 'Share of the unit covered by valid survey pixels, %' }),
  index: z.string(),
  count: z.number().meta({ description: 'Valid pixels counted (pixel-centre rule)' }),
  level: z.number().meta({ description: 'COG level the statistics were read from (0 = full resolution)' }),
  mean: nullableNumber,
  std: nullableNumber,
  p10: nullableNumber,
  p50: nullableNumber,
  p90: nullableNumber,
  cover_pct: nullableNumber.meta({ description: 'Green cover, % of valid pixels (DOMAIN §3)' }),
  cover_class: z.string().nullable(),
  biomass_kg_ha: nullableNumber.meta({
    description: 'kg DM/ha from the calibration; null when uncalibrated',
  }),
  uncalibrated: z.boolean(),
  recovery_class: z.enum(['I', 'II', 'III', 'IV', 'V']).nullable(),
  reference_biomass_kg_ha: nullableNumber,
  capacity_su: nullableNumber.meta({ description: 'Seasonal carrying capacity, sheep units (DOMAIN §6)' }),
  season_days: nullableNumber,
});

export const analysisSchema = z.object({
  survey: z.string(),
  version: z.number(),
  status: z.enum(['queued', 'running', 'ready', 'failed']),
  progress: z.number(),
  error: z.string().optional(),
  stale: z.boolean().meta({ description: 'The rows below predate a change; a recompute is queued' }),
  stale_reasons: z.array(z.string()),
  computed_at: z.string().nullable(),
  calibration: calibrationSchema,
  units: z.object({
    type: z.literal('FeatureCollection'),
    features: z.array(
      z.object({
        type: z.literal('Feature'),
        id: z.string(),
        geometry: z.unknown(),
        properties: unitProperties,
      }),
    ),
  }),
});

export const calibrationResponse = z.object({
  survey: z.string(),
  version: z.number(),
  stale: z.boolean(),
  calibration: calibrationSchema,
});
