/**
 * Shapes of users on the wire.
 */
import { z } from 'zod';
import { ROLES } from '../auth/caller.ts';

export const roleSchema = z.enum(ROLES);

export const userSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  role: roleSchema,
  organisation: z.object({ id: z.uuid(), name: z.string() }),
  createdAt: z.string(),
  disabled: z.boolean(),
});
export type User = z.infer<typeof userSchema>;

const password = z.string().min(12, 'a password needs at least 12 characters').max(1024);

export const createUserBody = z.strictObject({
  email: z.email().max(320),
  name: z.string().trim().min(1).max(200),
  role: roleSchema,
  organisationId: z.uuid(),
  password,
});

export const updateUserBody = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  role: roleSchema.optional(),
  password: password.optional(),
  disabled: z.boolean().optional(),
});
