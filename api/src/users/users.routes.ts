/**
 * /api/users: administrators create and manage accounts in any organisation; other users see the
 * accounts of their own organisation only (another organisation's user is a 404).
 */
import { z } from 'zod';
import { ConflictError } from '@belcheer/processing';
import type { Db } from '../db/db.ts';
import { defineRoute, type RouteDef } from '../http/route.ts';
import { accountScope } from '../auth/scope.ts';
import { requireCaller } from '../auth/caller.ts';
import { hashPassword } from '../auth/password.ts';
import { forgetCachedUser } from '../auth/session.cache.ts';
import { audit } from '../audit/audit.ts';
import { getOrganisation } from '../organisations/organisations.repository.ts';
import * as repo from './users.repository.ts';
import { createUserBody, updateUserBody, userSchema } from './users.schemas.ts';

const idParams = z.strictObject({ id: z.uuid('the user id must be a UUID') });
const listQuery = z.strictObject({ organisationId: z.uuid().optional() });

export function userRoutes(db: Db): RouteDef[] {
  return [
    defineRoute(
      {
        method: 'get',
        path: '/api/users',
        summary: 'Users the caller may see, optionally of one organisation',
        tags: ['accounts'],
        access: 'user',
        query: listQuery,
        response: { status: 200, description: 'Users', schema: z.object({ users: z.array(userSchema) }) },
      },
      async ({ caller, query }) => ({
        users: await repo.listUsers(db, accountScope(requireCaller(caller)), query.organisationId),
      }),
    ),
    defineRoute(
      {
        method: 'post',
        path: '/api/users',
        summary: 'Create a user in an organisation (administrators)',
        tags: ['accounts'],
        access: ['admin'],
        body: createUserBody,
        response: { status: 201, description: 'Created', schema: userSchema },
        errors: [404, 409],
      },
      async ({ caller, body }) => {
        const passwordHash = await hashPassword(body.password);
        return db.transaction(async (tx) => {
          await getOrganisation(tx, null, body.organisationId);
          const email = body.email.toLowerCase();
          if (await repo.emailExists(tx, email))
            throw new ConflictError(`a user with the email ${email} already exists`);
          const id = await repo.insertUser(tx, { ...body, email, passwordHash });
          await audit(tx, caller, 'create', 'user', id, {
            email,
            role: body.role,
            organisationId: body.organisationId,
          });
          return repo.getUser(tx, null, id);
        });
      },
    ),
    defineRoute(
      {
        method: 'get',
        path: '/api/users/:id',
        summary: 'One user',
        tags: ['accounts'],
        access: 'user',
        params: idParams,
        response: { status: 200, description: 'The user', schema: userSchema },
        errors: [404],
      },
      async ({ caller, params }) => repo.getUser(db, accountScope(requireCaller(caller)), params.id),
    ),
    defineRoute(
      {
        method: 'patch',
        path: '/api/users/:id',
        summary: 'Change a user’s name, role or password, or disable the account (administrators)',
        tags: ['accounts'],
        access: ['admin'],
        params: idParams,
        body: updateUserBody,
        response: { status: 200, description: 'Updated', schema: userSchema },
        errors: [404],
      },
      async ({ caller, params, body }) => {
        const passwordHash = body.password ? await hashPassword(body.password) : undefined;
        const updated = await db.transaction(async (tx) => {
          const before = await repo.getUser(tx, null, params.id);
          await repo.updateUser(tx, params.id, {
            name: body.name,
            role: body.role,
            disabled: body.disabled,
            passwordHash,
          });
          const { password: _omit, ...change } = body;
          await audit(tx, caller, 'update', 'user', params.id, {
            before,
            change,
            passwordChanged: Boolean(passwordHash),
          });
          return repo.getUser(tx, null, params.id);
        });
        forgetCachedUser(params.id); // after the commit, so no cached session outlives the change
        return updated;
      },
    ),
  ];
}
