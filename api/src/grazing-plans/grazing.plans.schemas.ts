/**
 * Shapes of grazing plans on the wire (SPEC §2.4, §3). A plan is one document: its header, herder
 * groups and assignments are created and replaced as a whole (PUT with If-Match); assignments name
 * their group by its name, unique within the plan.
 */
import { z } from 'zod';
import { UTILISATION_BANDS } from '@belcheer/processing';

export const PLAN_SEASONS = ['winter', 'spring', 'summer', 'autumn'] as const;
export const PLAN_STATUSES = ['draft', 'submitted', 'approved'] as const;
/** Species a herder group counts (NSO sheep-unit factors, DOMAIN §5). */
export const PLAN_SPECIES = ['horse', 'cattle', 'camel', 'sheep', 'goat'] as const;
export type PlanSpecies = (typeof PLAN_SPECIES)[number];
export type PlanStatus = (typeof PLAN_STATUSES)[number];

const isoDate = z.iso.date('dates are YYYY-MM-DD');
const head = z.number().int('head counts are whole numbers').min(0).max(1_000_000).default(0);

export const livestockSchema = z.strictObject({
  horse: head,
  cattle: head,
  camel: head,
  sheep: head,
  goat: head,
});
export type Livestock = z.infer<typeof livestockSchema>;

export const planBody = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  soumCode: z.string().regex(/^MN\d{4}$/, 'soumCode is a soum code such as MN4625'),
  season: z.enum(PLAN_SEASONS),
  year: z.number().int().min(2000).max(2100),
  startDate: isoDate.optional().meta({ description: 'Default: the season’s start (DOMAIN §6)' }),
  endDate: isoDate.optional().meta({ description: 'Default: the season’s end (DOMAIN §6)' }),
  groups: z
    .array(z.strictObject({ name: z.string().trim().min(1).max(200), livestock: livestockSchema }))
    .max(500)
    .default([]),
  assignments: z
    .array(
      z.strictObject({
        group: z.string().trim().min(1).max(200).meta({ description: 'The name of a group of this plan' }),
        unitId: z.uuid('unitId must be a pasture unit id'),
        startDate: isoDate.optional().meta({ description: 'Default: the plan’s start date' }),
        endDate: isoDate.optional().meta({ description: 'Default: the plan’s end date' }),
      }),
    )
    .max(5000)
    .default([]),
});
export type PlanBody = z.infer<typeof planBody>;

const who = z.object({ id: z.uuid().nullable(), name: z.string().nullable(), at: z.string() }).nullable();

export const unitUtilisationSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  areaHa: z.number(),
  survey: z.object({ id: z.uuid(), date: z.string() }).nullable(),
  /** `no_survey`: no result, or an uncalibrated one (no kg/ha): capacity unknown. */
  forageStatus: z.enum(['surveyed', 'no_survey']),
  forageKgHa: z.number().nullable(),
  recoveryClass: z.enum(['I', 'II', 'III', 'IV', 'V']).nullable(),
  capacitySu: z.number().nullable().meta({ description: 'Sheep units the unit carries for the plan’s days' }),
  grazableKg: z.number().nullable(),
  demandSuDays: z.number(),
  demandKg: z.number(),
  utilisationPct: z.number().nullable(),
  band: z.enum(UTILISATION_BANDS).nullable(),
  overgrazed: z.boolean(),
});
export type UnitUtilisationView = z.infer<typeof unitUtilisationSchema>;

export const totalsSchema = z.object({
  areaHa: z.number(),
  demandSuDays: z.number(),
  demandKg: z.number(),
  capacitySu: z.number().meta({ description: 'Of the surveyed units' }),
  grazableKg: z.number().meta({ description: 'Of the surveyed units' }),
  utilisationPct: z.number().nullable().meta({ description: 'Demand on surveyed units ÷ their forage' }),
  overgrazedUnits: z.number().int(),
  unitsWithoutSurvey: z.number().int(),
});
export type PlanTotals = z.infer<typeof totalsSchema>;

export const planSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  organisation: z.object({ id: z.uuid(), name: z.string() }),
  soum: z.object({
    code: z.string(),
    nameMn: z.string().nullable(),
    nameEn: z.string(),
    aimagCode: z.string(),
  }),
  season: z.enum(PLAN_SEASONS),
  year: z.number().int(),
  startDate: z.string(),
  endDate: z.string(),
  days: z.number().int(),
  status: z.enum(PLAN_STATUSES),
  submitted: who,
  approved: who,
  version: z.number().int(),
  groups: z.array(z.object({ name: z.string(), livestock: livestockSchema, sheepUnits: z.number() })),
  assignments: z.array(
    z.object({
      group: z.string(),
      unitId: z.uuid(),
      startDate: z.string(),
      endDate: z.string(),
      days: z.number().int(),
      demandSuDays: z.number(),
      demandKg: z.number(),
    }),
  ),
  units: z.array(unitUtilisationSchema),
  totals: totalsSchema,
  signed: z.boolean().meta({ description: 'An approved plan’s report.pdf is the signed PAdES file' }),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Plan = z.infer<typeof planSchema>;

export const planListQuery = z.strictObject({
  soum: z
    .string()
    .regex(/^MN\d{4}$/)
    .optional(),
  year: z.coerce.number().int().optional(),
  status: z.enum(PLAN_STATUSES).optional(),
});

export const planSummarySchema = planSchema.pick({
  id: true,
  name: true,
  soum: true,
  season: true,
  year: true,
  status: true,
  version: true,
  updatedAt: true,
});

export const reportQuery = z.strictObject({ lang: z.enum(['mn', 'en']).default('mn') });
export type ReportLang = z.infer<typeof reportQuery>['lang'];

export const certificateBody = z.strictObject({
  // A plain pattern, not z.base64(): that one emits JSON Schema's contentEncoding, which OpenAPI 3.0 refuses.
  pkcs12: z
    .string()
    .max(200_000)
    .regex(
      /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/,
      'pkcs12 is the PKCS#12 (.p12/.pfx) file in base64',
    )
    .meta({ format: 'byte' }),
  // node-forge (which reads PKCS#12 here and in @signpdf/signer-p12) derives PBES2 keys from the
  // passphrase's UTF-16 code units as bytes, so only ASCII passphrases open OpenSSL-made files.
  passphrase: z
    .string()
    .max(1000)
    .regex(/^[\x20-\x7e]*$/, 'the passphrase must be printable ASCII (a node-forge limitation)'),
});

export const certificateSchema = z.object({
  organisationId: z.uuid(),
  subject: z.string(),
  issuer: z.string(),
  notBefore: z.string(),
  notAfter: z.string(),
  fingerprintSha256: z.string(),
  updatedAt: z.string(),
});
export type CertificateInfo = z.infer<typeof certificateSchema>;
