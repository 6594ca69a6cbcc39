/**
 * /api/organisations: one organisation per aimag office or agency. Administrators create and edit
 * them; other users see only their own (another organisation is a 404).
 */
import { z } from 'zod';
import { ConflictError, ValidationError } from '@belcheer/processing';
import type { Db, Queryable } from '../db/db.ts';
import { defineRoute, type RouteDef } from '../http/route.ts';
import { accountScope } from '../auth/scope.ts';
import { requireCaller } from '../auth/caller.ts';
import { audit } from '../audit/audit.ts';
import { aimagExists } from '../admin-units/admin.units.repository.ts';
import * as repo from './organisations.repository.ts';
import {
  createOrganisationBody,
  organisationSchema,
  updateOrganisationBody,
} from './organisations.schemas.ts';

const idParams = z.strictObject({ id: z.uuid('the organisation id must be a UUID') });

async function checkAimag(db: Queryable, code: string | null | undefined): Promise<void> {
  if (code && !(await aimagExists(db, code)))
    throw new ValidationError(`aimagCode: no aimag has the code ${code}`);
}

export function organisationRoutes(db: Db): RouteDef[] {
  return [
    defineRoute(
      {
        method: 'get',
        path: '/api/organisations',
        summary: 'Organisations the caller may see',
        tags: ['accounts'],
        access: 'user',
        response: {
          status: 200,
          description: 'Organisations',
          schema: z.object({ organisations: z.array(organisationSchema) }),
        },
      },
      async ({ caller }) => ({
        organisations: await repo.listOrganisations(db, accountScope(requireCaller(caller))),
      }),
    ),
    defineRoute(
      {
        method: 'post',
        path: '/api/organisations',
        summary: 'Create an organisation (administrators)',
        tags: ['accounts'],
        access: ['admin'],
        body: createOrganisationBody,
        response: { status: 201, description: 'Created', schema: organisationSchema },
        errors: [409],
      },
      async ({ caller, body }) =>
        db.transaction(async (tx) => {
          if (await repo.organisationNameTaken(tx, body.name)) {
            throw new ConflictError(`an organisation named "${body.name}" already exists`);
          }
          await checkAimag(tx, body.aimagCode);
          const id = await repo.insertOrganisation(tx, {
            name: body.name,
            kind: body.kind,
            aimagCode: body.aimagCode ?? null,
          });
          await audit(tx, caller, 'create', 'organisation', id, { name: body.name, kind: body.kind });
          return repo.getOrganisation(tx, null, id);
        }),
    ),
    defineRoute(
      {
        method: 'get',
        path: '/api/organisations/:id',
        summary: 'One organisation',
        tags: ['accounts'],
        access: 'user',
        params: idParams,
        response: { status: 200, description: 'The organisation', schema: organisationSchema },
        errors: [404],
      },
      async ({ caller, params }) => repo.getOrganisation(db, accountScope(requireCaller(caller)), params.id),
    ),
    defineRoute(
      {
        method: 'patch',
        path: '/api/organisations/:id',
        summary: 'Rename an organisation or change its aimag (administrators)',
        tags: ['accounts'],
        access: ['admin'],
        params: idParams,
        body: updateOrganisationBody,
        response: { status: 200, description: 'Updated', schema: organisationSchema },
        errors: [404, 409],
      },
      async ({ caller, params, body }) =>
        db.transaction(async (tx) => {
          const before = await repo.getOrganisation(tx, null, params.id);
          if (body.name && (await repo.organisationNameTaken(tx, body.name, params.id))) {
            throw new ConflictError(`an organisation named "${body.name}" already exists`);
          }
          await checkAimag(tx, body.aimagCode);
          await repo.updateOrganisation(tx, params.id, body);
          await audit(tx, caller, 'update', 'organisation', params.id, { before, change: body });
          return repo.getOrganisation(tx, null, params.id);
        }),
    ),
  ];
}
