/**
 * POST /api/auth/login, POST /api/auth/logout, GET /api/me (SPEC §3).
 */
import type { Response } from 'express';
import { z } from 'zod';
import { defineRoute, type RouteDef } from '../http/route.ts';
import { userSchema } from '../users/users.schemas.ts';
import { getUser } from '../users/users.repository.ts';
import type { Db } from '../db/db.ts';
import { SESSION_COOKIE, type AuthService } from './auth.service.ts';
import { requireCaller } from './caller.ts';

const loginBody = z.strictObject({
  email: z.string().min(1).max(320),
  password: z.string().min(1).max(1024),
});

export interface AuthRoutesDeps {
  readonly db: Db;
  readonly auth: AuthService;
  readonly cookieSecure: 'auto' | boolean;
}

export function authRoutes({ db, auth, cookieSecure }: AuthRoutesDeps): RouteDef[] {
  function setCookie(res: Response, secure: boolean, token: string, expires: Date): void {
    res.cookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure, path: '/', expires });
  }
  return [
    defineRoute(
      {
        method: 'post',
        path: '/api/auth/login',
        summary: 'Sign in with email and password: returns a bearer token and sets a session cookie',
        tags: ['auth'],
        access: 'public',
        body: loginBody,
        response: {
          status: 200,
          description: 'Signed in',
          schema: z.object({ token: z.string(), expiresAt: z.string(), user: userSchema }),
        },
        errors: [401, 429],
      },
      async ({ body, req, res }) => {
        const result = await auth.login(
          body.email,
          body.password,
          req.ip ?? 'unknown',
          req.get('user-agent') ?? null,
        );
        setCookie(res, cookieSecure === 'auto' ? req.secure : cookieSecure, result.token, result.expiresAt);
        const user = await getUser(db, [result.caller.organisationId], result.caller.userId);
        return { token: result.token, expiresAt: result.expiresAt.toISOString(), user };
      },
    ),
    defineRoute(
      {
        method: 'post',
        path: '/api/auth/logout',
        summary: 'Sign out: ends the session or revokes the bearer token',
        tags: ['auth'],
        access: 'public',
        response: { status: 204, description: 'Signed out' },
      },
      async ({ req, res }) => {
        const token = auth.credentialOf(req);
        if (token) await auth.logout(token);
        res.clearCookie(SESSION_COOKIE, { path: '/' });
        return undefined;
      },
    ),
    defineRoute(
      {
        method: 'get',
        path: '/api/me',
        summary: 'The signed-in user and their organisation',
        tags: ['auth'],
        access: 'user',
        response: { status: 200, description: 'The caller', schema: z.object({ user: userSchema }) },
      },
      async ({ caller }) => {
        const me = requireCaller(caller);
        return { user: await getUser(db, [me.organisationId], me.userId) };
      },
    ),
  ];
}
