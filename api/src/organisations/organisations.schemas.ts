/**
 * Shapes of organisations on the wire.
 */
import { z } from 'zod';

export const ORGANISATION_KINDS = ['system', 'aimag_office', 'soum_office', 'agency'] as const;

export const organisationSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: z.enum(ORGANISATION_KINDS),
  aimagCode: z.string().nullable(),
  createdAt: z.string(),
});
export type Organisation = z.infer<typeof organisationSchema>;

const aimagCode = z.string().regex(/^MN\d{2}$/, 'an aimag code looks like MN43');

export const createOrganisationBody = z.strictObject({
  name: z.string().trim().min(1).max(200),
  kind: z.enum(['aimag_office', 'soum_office', 'agency']),
  aimagCode: aimagCode.nullable().optional(),
});

export const updateOrganisationBody = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  aimagCode: aimagCode.nullable().optional(),
});
