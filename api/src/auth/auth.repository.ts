/**
 * SQL of authentication: users by email, sessions, login attempts.
 */
import type { Queryable } from '../db/db.ts';
import { queryOne } from '../db/db.ts';
import type { Caller, Role } from './caller.ts';

interface CallerRow {
  user_id: string;
  email: string;
  name: string;
  role: Role;
  organisation_id: string;
  organisation_name: string;
}

function toCaller(row: CallerRow): Caller {
  return {
    userId: row.user_id,
    email: row.email,
    name: row.name,
    role: row.role,
    organisationId: row.organisation_id,
    organisationName: row.organisation_name,
  };
}

const CALLER_COLUMNS = `u.id AS user_id, u.email, u.name, u.role, o.id AS organisation_id, o.name AS organisation_name`;

export async function findLoginUser(
  db: Queryable,
  email: string,
): Promise<{ caller: Caller; passwordHash: string } | undefined> {
  const row = await queryOne<CallerRow & { password_hash: string }>(
    db,
    `SELECT ${CALLER_COLUMNS}, u.password_hash
       FROM users u JOIN organisations o ON o.id = u.organisation_id
      WHERE u.email = $1 AND u.disabled_at IS NULL`,
    [email],
  );
  return row && { caller: toCaller(row), passwordHash: row.password_hash };
}

export async function insertSession(
  db: Queryable,
  tokenHash: string,
  userId: string,
  expiresAt: Date,
  userAgent: string | null,
): Promise<void> {
  await db.query(
    'INSERT INTO sessions (token_hash, user_id, expires_at, user_agent) VALUES ($1, $2, $3, $4)',
    [tokenHash, userId, expiresAt, userAgent],
  );
}

export async function findSessionCaller(db: Queryable, tokenHash: string): Promise<Caller | undefined> {
  const row = await queryOne<CallerRow>(
    db,
    `SELECT ${CALLER_COLUMNS}
       FROM sessions s JOIN users u ON u.id = s.user_id JOIN organisations o ON o.id = u.organisation_id
      WHERE s.token_hash = $1 AND s.expires_at > now() AND u.disabled_at IS NULL`,
    [tokenHash],
  );
  return row && toCaller(row);
}

export async function deleteSession(db: Queryable, tokenHash: string): Promise<void> {
  await db.query('DELETE FROM sessions WHERE token_hash = $1', [tokenHash]);
}

export async function recordLoginAttempt(
  db: Queryable,
  email: string,
  ip: string,
  succeeded: boolean,
): Promise<void> {
  await db.query('INSERT INTO login_attempts (email, ip, succeeded) VALUES ($1, $2, $3)', [
    email,
    ip,
    succeeded,
  ]);
}

/** Failed attempts for an email, or from an IP, since `since`, with the oldest one's time. */
export async function countRecentFailures(
  db: Queryable,
  email: string,
  ip: string,
  since: Date,
): Promise<{ byEmail: number; byIp: number; oldest: Date | null }> {
  const row = await queryOne<{ by_email: number; by_ip: number; oldest: Date | null }>(
    db,
    `SELECT count(*) FILTER (WHERE email = $1)::int AS by_email,
            count(*) FILTER (WHERE ip = $2)::int AS by_ip,
            min(at) AS oldest
       FROM login_attempts
      WHERE NOT succeeded AND at > $3 AND (email = $1 OR ip = $2)`,
    [email, ip, since],
  );
  return { byEmail: row?.by_email ?? 0, byIp: row?.by_ip ?? 0, oldest: row?.oldest ?? null };
}

/** Forgets failed attempts older than the window (run at each login; keeps the table small). */
export async function pruneLoginAttempts(db: Queryable, before: Date): Promise<void> {
  await db.query('DELETE FROM login_attempts WHERE at < $1', [before]);
}

export async function pruneExpiredSessions(db: Queryable): Promise<void> {
  await db.query('DELETE FROM sessions WHERE expires_at < now()');
}
