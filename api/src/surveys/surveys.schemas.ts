/**
 * Shapes of surveys on the wire (SPEC §3).
 */
import { z } from 'zod';

export const BAND_NAMES = ['red', 'green', 'blue', 'rededge', 'nir', 'alpha', 'dsm', 'other'] as const;
export const SURVEY_STATUSES = ['created', 'uploading', 'queued', 'processing', 'ready', 'failed'] as const;

const isoDate = z.iso.date('date must be YYYY-MM-DD');

/** Reflectance = DN × scale + offset (DOMAIN §1); needed by SAVI, OSAVI and MSAVI. */
const reflectanceSchema = z
  .strictObject({
    scale: z.number().positive().finite(),
    offset: z.number().finite().default(0),
  })
  .meta({
    description: 'Reflectance = DN × scale + offset (e.g. scale 0.0001 for 16-bit reflectance × 10 000)',
  });

export const createSurveyBody = z.strictObject({
  name: z.string().trim().min(1).max(200),
  date: isoDate,
  kind: z.enum(['rgb', 'multispectral']),
  bands: z.array(z.enum(BAND_NAMES)).min(1).max(64).optional(),
  soum: z
    .string()
    .regex(/^MN\d{4}$/, 'soum is a soum code such as MN4304')
    .optional(),
  reflectance: reflectanceSchema.optional(),
});

export const updateSurveyBody = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  date: isoDate.optional(),
  bands: z.array(z.enum(BAND_NAMES)).min(1).max(64).nullable().optional(),
  soum: z
    .string()
    .regex(/^MN\d{4}$/, 'soum is a soum code such as MN4304')
    .nullable()
    .optional(),
  reflectance: reflectanceSchema.nullable().optional(),
});

const crsSchema = z.object({ epsg: z.number().nullable(), name: z.string(), proj4: z.string() });

export const surveySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  date: z.string(),
  kind: z.enum(['rgb', 'multispectral']),
  status: z.enum(SURVEY_STATUSES),
  progress: z.number(),
  error: z.string().optional(),
  soum: z.string().nullable(),
  organisation: z.object({ id: z.uuid(), name: z.string() }),
  version: z.number().int(),
  footprint: z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.unknown()) }).optional(),
  bbox: z.array(z.number()).length(4).optional(),
  crs: crsSchema.optional(),
  gsd: z.number().optional(),
  width: z.number().int().optional(),
  height: z.number().int().optional(),
  bands: z.array(z.enum(BAND_NAMES)).optional(),
  sampleFormat: z.string().optional(),
  products: z.array(z.string()),
  reflectance: z.object({ scale: z.number(), offset: z.number() }).optional(),
  cover: z.object({ index: z.string(), threshold: z.number() }).optional().meta({
    description: 'Green cover: the index and the (Otsu) threshold a pixel must reach to count as green',
  }),
  source: z.object({ filename: z.string(), size: z.number(), sha256: z.string().nullable() }).optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Survey = z.infer<typeof surveySchema>;

export const surveyListQuery = z.strictObject({
  status: z.enum(SURVEY_STATUSES).optional(),
  soum: z
    .string()
    .regex(/^MN\d{4}$/)
    .optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
