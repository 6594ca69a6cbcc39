/**
 * Sign-in, sign-out and resolving the caller of a request (session cookie or bearer token).
 * Failed logins are counted in the database (not in process memory), so the limit holds across
 * API replicas: after `maxFailures` failures for one email (or 4× that from one IP) within the
 * window, further attempts get 429 until the window has passed.
 */
import type { Request } from 'express';
import { ForbiddenError, TooManyRequestsError, UnauthorizedError } from '@belcheer/processing';
import type { Db } from '../db/db.ts';
import type { Access } from '../http/route.ts';
import type { Caller } from './caller.ts';
import * as repo from './auth.repository.ts';
import { hashPassword, verifyPassword } from './password.ts';
import { hashToken, newToken } from './tokens.ts';
import { SessionCache } from './session.cache.ts';

export const SESSION_COOKIE = 'belcheer_session';
const IP_FAILURE_FACTOR = 4;

/** The bearer token or session cookie value from raw headers (also used by non-express handlers). */
export function credentialFromHeaders(
  authorization: string | null,
  cookieHeader: string | null,
): string | null {
  if (authorization) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (!match?.[1]) throw new UnauthorizedError('the Authorization header must be "Bearer <token>"');
    return match[1];
  }
  for (const part of (cookieHeader ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === SESSION_COOKIE) return decodeURIComponent(value.join('='));
  }
  return null;
}

export interface AuthOptions {
  readonly sessionTtlMs: number;
  readonly maxFailures: number;
  readonly windowMs: number;
  /** How long a session lookup is reused in this process (0: never); see session.cache.ts. Default 5 s. */
  readonly sessionCacheMs?: number;
}

export interface LoginResult {
  readonly token: string;
  readonly expiresAt: Date;
  readonly caller: Caller;
}

/** Compared against when the email is unknown, so both paths cost one scrypt (no user enumeration by timing). */
const dummyHash = hashPassword('belcheer-timing-equaliser');

export function createAuthService(db: Db, options: AuthOptions) {
  const sessions = new SessionCache(options.sessionCacheMs ?? 5_000, 10_000);

  /** The caller of a session token: from the cache, or from the database (then cached). */
  async function sessionCaller(token: string): Promise<Caller | undefined> {
    const hash = hashToken(token);
    const cached = sessions.get(hash);
    if (cached) return cached;
    const revision = sessions.revision;
    const caller = await repo.findSessionCaller(db, hash);
    if (caller) sessions.set(hash, caller, revision);
    return caller;
  }

  async function login(
    emailInput: string,
    password: string,
    ip: string,
    userAgent: string | null,
  ): Promise<LoginResult> {
    const email = emailInput.trim().toLowerCase();
    const now = Date.now();
    const since = new Date(now - options.windowMs);
    const failures = await repo.countRecentFailures(db, email, ip, since);
    if (failures.byEmail >= options.maxFailures || failures.byIp >= options.maxFailures * IP_FAILURE_FACTOR) {
      const oldest = failures.oldest?.getTime() ?? now;
      const retryAfter = Math.max(1, Math.ceil((oldest + options.windowMs - now) / 1000));
      throw new TooManyRequestsError(
        `too many failed sign-in attempts; try again in ${retryAfter} s`,
        retryAfter,
      );
    }
    const found = await repo.findLoginUser(db, email);
    const ok = await verifyPassword(password, found?.passwordHash ?? (await dummyHash));
    if (!found || !ok) {
      await repo.recordLoginAttempt(db, email, ip, false);
      throw new UnauthorizedError('wrong email or password', 'invalid_credentials');
    }
    await repo.recordLoginAttempt(db, email, ip, true);
    await repo.pruneLoginAttempts(db, new Date(now - 24 * 3_600_000));
    await repo.pruneExpiredSessions(db);
    const token = newToken();
    const expiresAt = new Date(now + options.sessionTtlMs);
    await repo.insertSession(db, hashToken(token), found.caller.userId, expiresAt, userAgent);
    return { token, expiresAt, caller: found.caller };
  }

  async function logout(token: string): Promise<void> {
    await repo.deleteSession(db, hashToken(token));
    sessions.delete(hashToken(token));
  }

  /** The credential of a request: `Authorization: Bearer …` first, then the session cookie. */
  function credentialOf(req: Request): string | null {
    return credentialFromHeaders(req.headers.authorization ?? null, req.headers.cookie ?? null);
  }

  async function authenticate(req: Request, access: Access): Promise<Caller | null> {
    return authenticateToken(credentialOf(req), access);
  }

  async function authenticateToken(token: string | null, access: Access): Promise<Caller | null> {
    const caller = token ? await sessionCaller(token) : undefined;
    if (access === 'public') return caller ?? null;
    if (!caller) {
      throw new UnauthorizedError(
        token ? 'the session has expired or the token is not valid' : 'authentication required',
      );
    }
    if (Array.isArray(access) && !access.includes(caller.role)) {
      throw new ForbiddenError(`this needs one of the roles ${access.join(', ')}; you are ${caller.role}`);
    }
    return caller;
  }

  return { login, logout, authenticate, authenticateToken, credentialOf };
}

export type AuthService = ReturnType<typeof createAuthService>;
