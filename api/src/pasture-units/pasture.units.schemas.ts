/**
 * Shapes of /api/pasture-units (SPEC §2.4, §3): a unit is a GeoJSON Feature in and out. Writable
 * properties are name, soum, season, use, notes and reference_biomass_kg_ha; the computed ones a client
 * may send back from a GET (area_ha, version, timestamps) are accepted and ignored. The geometry is
 * checked by `pasture.unit.geometry.ts`, which reports what is wrong and where.
 */
import { z } from 'zod';

export const SEASONS = ['winter', 'spring', 'summer', 'autumn', 'reserve'] as const;
export const USES = ['pasture', 'hayfield', 'cropland', 'fallow'] as const;

const soumCode = z.string().regex(/^MN\d{4,6}$/, 'soum is an NSO soum code such as MN4301');

const writable = {
  name: z.string().trim().min(1, 'name must not be empty').max(200),
  soum: soumCode,
  season: z.enum(SEASONS),
  use: z.enum(USES),
  notes: z.string().max(10_000).nullable().optional(),
  reference_biomass_kg_ha: z
    .number()
    .positive('reference_biomass_kg_ha must be > 0')
    .max(100_000)
    .nullable()
    .optional()
    .meta({ description: 'Reference forage of the unit’s ecological zone, kg DM/ha (DOMAIN §6)' }),
};

/** Computed by the server; a client may echo them back unchanged, they are ignored. */
const readOnly = {
  area_ha: z.unknown().optional(),
  version: z.unknown().optional(),
  created_at: z.unknown().optional(),
  updated_at: z.unknown().optional(),
  deleted_at: z.unknown().optional(),
};

const geometryIn = z
  .looseObject({ type: z.string(), coordinates: z.unknown() })
  .meta({ description: 'GeoJSON Polygon or MultiPolygon in EPSG:4326 (lon, lat); stored as MultiPolygon' });

const featureIn = <P extends z.ZodType>(properties: P, geometry: z.ZodType) =>
  z.strictObject({
    type: z.literal('Feature'),
    id: z.uuid().optional(),
    geometry,
    properties,
  });

export const createUnitBody = featureIn(z.strictObject({ ...writable, ...readOnly }), geometryIn);

export const patchUnitBody = featureIn(
  z.strictObject({
    name: writable.name.optional(),
    soum: writable.soum.optional(),
    season: writable.season.optional(),
    use: writable.use.optional(),
    notes: writable.notes,
    reference_biomass_kg_ha: writable.reference_biomass_kg_ha,
    ...readOnly,
  }),
  geometryIn.optional(),
).partial({ properties: true });

export type UnitInput = z.infer<typeof createUnitBody>;
export type UnitPatch = z.infer<typeof patchUnitBody>;

const flag = z.enum(['true', 'false']).transform((v) => v === 'true');

const bboxQuery = z
  .string()
  .regex(/^([^,]+,){3}[^,]+$/, 'bbox must be four numbers: minLon,minLat,maxLon,maxLat')
  .transform((s) => s.split(',').map(Number) as [number, number, number, number])
  .refine(
    ([w, s, e, n]) =>
      [w, s, e, n].every(Number.isFinite) && w >= -180 && e <= 180 && s >= -90 && n <= 90 && w <= e && s <= n,
    'bbox must be four numbers within -180,-90,180,90 with min ≤ max',
  )
  .meta({ description: 'minLon,minLat,maxLon,maxLat (EPSG:4326)' });

export const unitListQuery = z.strictObject({
  soum: soumCode.optional(),
  season: z.enum(SEASONS).optional(),
  use: z.enum(USES).optional(),
  bbox: bboxQuery.optional(),
  include_deleted: flag.optional().meta({ description: 'true: also soft-deleted units' }),
});
export type UnitListQuery = z.infer<typeof unitListQuery>;

const timestamp = z.string().meta({ description: 'ISO 8601, UTC' });

export const unitProperties = z.object({
  name: z.string(),
  soum: z.string(),
  season: z.enum(SEASONS),
  use: z.enum(USES),
  area_ha: z.number().meta({ description: 'Geodesic area, ST_Area(geography) / 10 000' }),
  notes: z.string().nullable(),
  reference_biomass_kg_ha: z.number().nullable(),
  version: z.number().int(),
  created_at: timestamp,
  updated_at: timestamp,
  deleted_at: timestamp.nullable(),
});

export const unitFeature = z.object({
  type: z.literal('Feature'),
  id: z.string(),
  geometry: z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.unknown()) }),
  properties: unitProperties,
});
export type UnitFeature = z.infer<typeof unitFeature>;

export const unitCollection = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(unitFeature),
});

export const historyEntry = z.object({
  version: z.number().int(),
  action: z.enum(['create', 'update', 'delete', 'restore', 'import']),
  at: timestamp,
  user: z.object({ id: z.string(), name: z.string() }).nullable(),
  old_values: z.record(z.string(), z.unknown()).nullable(),
  new_values: z.record(z.string(), z.unknown()).nullable(),
});
export type HistoryEntry = z.infer<typeof historyEntry>;

export const unitHistory = z.object({ unit_id: z.string(), history: z.array(historyEntry) });
