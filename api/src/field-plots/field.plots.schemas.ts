/**
 * Shapes of field plots on the wire (SPEC §3 `/api/field-plots`): a GeoJSON Point Feature whose
 * properties hold the plot's date, biomass (kg DM/ha; g/m² and c/ha accepted on input), cover, height,
 * plot size and notes. Types are checked here; ranges and the Mongolia extent in `plot.validate.ts`.
 */
import { z } from 'zod';

const isoDate = z.iso.date('dates are YYYY-MM-DD');
const num = z.number().nullable().optional();

const pointSchema = z.strictObject({
  type: z.literal('Point'),
  coordinates: z.array(z.number()).min(2).max(3).meta({ description: '[lon, lat] in EPSG:4326' }),
});

/** Properties a client sends; the read-only ones of the output are accepted and ignored (GET → PUT). */
const plotPropertiesInput = z.strictObject({
  name: z.string().nullable().optional(),
  date: z.string().meta({ description: 'YYYY-MM-DD (or DD.MM.YYYY), not in the future' }),
  survey: z.uuid('survey must be a survey id').nullable().optional(),
  biomass_kg_ha: num.meta({ description: 'Clipped biomass, kg DM/ha (give one biomass field at most)' }),
  biomass_g_m2: num.meta({ description: 'Clipped biomass, g/m² (× 10 = kg/ha)' }),
  biomass_c_ha: num.meta({ description: 'Clipped biomass, centner/ha (× 100 = kg/ha)' }),
  fresh: z.boolean().nullable().optional().meta({ description: 'Fresh weight rather than dry matter' }),
  cover_pct: num.meta({ description: 'Green cover, 0–100 %' }),
  height_cm: num.meta({ description: 'Sward height, cm' }),
  plot_size_m: num.meta({ description: 'Side of the clipped square, m (default 1)' }),
  notes: z.string().nullable().optional(),
  unit: z.unknown().optional().meta({ description: 'Read-only, ignored' }),
  photo_url: z.unknown().optional().meta({ description: 'Read-only, ignored' }),
  created_at: z.unknown().optional().meta({ description: 'Read-only, ignored' }),
  updated_at: z.unknown().optional().meta({ description: 'Read-only, ignored' }),
});

export const plotFeatureInput = z.strictObject({
  type: z.literal('Feature'),
  id: z.unknown().optional().meta({ description: 'Read-only, ignored' }),
  geometry: pointSchema,
  properties: plotPropertiesInput,
});
export type PlotFeatureInput = z.infer<typeof plotFeatureInput>;

export const plotFeatureSchema = z.object({
  type: z.literal('Feature'),
  id: z.uuid(),
  geometry: z.object({ type: z.literal('Point'), coordinates: z.array(z.number()).length(2) }),
  properties: z.object({
    name: z.string().nullable(),
    date: z.string(),
    survey: z.uuid().nullable(),
    unit: z
      .uuid()
      .nullable()
      .meta({ description: 'The pasture unit of the organisation containing the plot' }),
    biomass_kg_ha: z.number().nullable().meta({ description: 'kg DM/ha (fresh weight when `fresh`)' }),
    fresh: z.boolean(),
    cover_pct: z.number().nullable(),
    height_cm: z.number().nullable(),
    plot_size_m: z.number(),
    notes: z.string().nullable(),
    photo_url: z.string().nullable(),
    created_at: z.string(),
    updated_at: z.string(),
  }),
});
export type PlotFeature = z.infer<typeof plotFeatureSchema>;

export const plotCollectionSchema = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(plotFeatureSchema),
});

const bboxParam = z
  .string()
  .transform((s, ctx) => {
    const v = s.split(',').map(Number);
    const [w, so, e, n] = v;
    if (v.length !== 4 || v.some((x) => !Number.isFinite(x)) || w! > e! || so! > n!) {
      ctx.addIssue({ code: 'custom', message: 'bbox is minLon,minLat,maxLon,maxLat with min ≤ max' });
      return z.NEVER;
    }
    return v as [number, number, number, number];
  })
  .meta({ description: 'minLon,minLat,maxLon,maxLat (EPSG:4326)' });

export const plotListQuery = z.strictObject({
  survey: z.uuid('survey must be a survey id').optional(),
  unit: z.uuid('unit must be a pasture unit id').optional(),
  bbox: bboxParam.optional(),
  from: isoDate.optional().meta({ description: 'First plot date, inclusive' }),
  to: isoDate.optional().meta({ description: 'Last plot date, inclusive' }),
  limit: z.coerce.number().int().min(1).max(10_000).default(1000),
  offset: z.coerce.number().int().min(0).default(0),
});
export type PlotListQuery = z.infer<typeof plotListQuery>;

export const importQuery = z.strictObject({
  survey: z
    .uuid('survey must be a survey id')
    .optional()
    .meta({ description: 'Attach the plots to this survey' }),
  dry_run: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true')
    .meta({ description: 'Validate and report only; nothing is written' }),
});

const fieldErrorSchema = z.object({ field: z.string(), message: z.string() });

export const importReportSchema = z.object({
  dryRun: z.boolean(),
  accepted: z.number().int(),
  rejected: z.number().int(),
  rows: z.array(
    z.object({
      row: z
        .number()
        .int()
        .meta({ description: 'CSV: line in the file (header = 1); GeoJSON: feature number from 1' }),
      ok: z.boolean(),
      errors: z.array(fieldErrorSchema).optional(),
      id: z.uuid().optional(),
    }),
  ),
});
