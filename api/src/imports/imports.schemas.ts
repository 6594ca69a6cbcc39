/**
 * Shapes of `POST /api/pasture-units/import` (issue 7): the query (dry run, soum and defaults, the
 * attribute map, CRS, layer) and the report `{dryRun, format, crs, features, accepted, rejected,
 * items: [{index, name, ok, area_ha?, errors: [{code, message, location?}], id?}]}`.
 */
import { z } from 'zod';

const field = (what: string) =>
  z
    .string()
    .min(1)
    .max(100)
    .optional()
    .meta({ description: `The attribute that holds the ${what} (default: a common name for it)` });

export const unitImportQuery = z.strictObject({
  dry_run: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true')
    .meta({ description: 'true: only the report, nothing written' }),
  soum: z
    .string()
    .regex(/^MN\d{4,6}$/, 'soum is an NSO soum code such as MN4301')
    .optional()
    .meta({ description: 'The soum of units whose file gives none' }),
  season: z.string().max(40).optional().meta({ description: 'The season of units whose file gives none' }),
  use: z.string().max(40).optional().meta({ description: 'The use of units whose file gives none' }),
  map: z
    .string()
    .max(500)
    .optional()
    .meta({ description: 'Attribute mapping, e.g. name:NAME_MN,season:ULIRAL' }),
  name_field: field('name'),
  soum_field: field('soum code'),
  season_field: field('season'),
  use_field: field('use'),
  notes_field: field('notes'),
  crs: z
    .string()
    .max(100)
    .optional()
    .meta({ description: 'The CRS of a file that does not carry one (EPSG:n); overrides the file’s' }),
  layer: z.string().max(200).optional().meta({ description: 'The layer of a multi-layer zip or GeoPackage' }),
  filename: z
    .string()
    .max(500)
    .optional()
    .meta({ description: 'The file’s name (informational; the format is sniffed)' }),
});
export type UnitImportQuery = z.infer<typeof unitImportQuery>;

const problem = z.object({
  code: z.string(),
  message: z.string(),
  location: z.array(z.number()).optional().meta({ description: '[lon, lat]' }),
});

export const importItem = z.object({
  index: z.number().int().meta({ description: '0-based position of the feature in the file' }),
  name: z.string().nullable(),
  ok: z.boolean(),
  area_ha: z.number().optional().meta({ description: 'Geodesic area, ST_Area(geography) / 10 000' }),
  errors: z.array(problem),
  id: z.string().optional().meta({ description: 'The new unit, once imported' }),
});
export type ImportItem = z.infer<typeof importItem>;

export const importReport = z.object({
  dryRun: z.boolean(),
  format: z.enum(['geojson', 'shapefile', 'kml', 'kmz', 'geopackage', 'csv']),
  crs: z.string().nullable(),
  features: z.number().int(),
  accepted: z.number().int(),
  rejected: z.number().int(),
  items: z.array(importItem),
});
export type ImportReport = z.infer<typeof importReport>;
