/**
 * SQL of users. `scope` is the list of organisations the caller may read, or null for all (admins).
 */
import { NotFoundError } from '@belcheer/processing';
import type { Queryable } from '../db/db.ts';
import type { Role } from '../auth/caller.ts';
import type { User } from './users.schemas.ts';

export type OrgScope = readonly string[] | null;

interface UserRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  organisation_id: string;
  organisation_name: string;
  created_at: Date;
  disabled_at: Date | null;
}

const SELECT = `SELECT u.id, u.email, u.name, u.role, u.organisation_id, o.name AS organisation_name,
                       u.created_at, u.disabled_at
                  FROM users u JOIN organisations o ON o.id = u.organisation_id`;

function toUser(r: UserRow): User {
  return {
    id: r.id,
    email: r.email,
    name: r.name,
    role: r.role,
    organisation: { id: r.organisation_id, name: r.organisation_name },
    createdAt: new Date(r.created_at).toISOString(),
    disabled: r.disabled_at !== null,
  };
}

export async function listUsers(db: Queryable, scope: OrgScope, organisationId?: string): Promise<User[]> {
  const rows = await db.query<UserRow>(
    `${SELECT} WHERE ($1::uuid[] IS NULL OR u.organisation_id = ANY($1::uuid[]))
                 AND ($2::uuid IS NULL OR u.organisation_id = $2::uuid)
           ORDER BY o.name, u.name`,
    [scope ? [...scope] : null, organisationId ?? null],
  );
  return rows.map(toUser);
}

export async function getUser(db: Queryable, scope: OrgScope, id: string): Promise<User> {
  const rows = await db.query<UserRow>(
    `${SELECT} WHERE u.id = $1 AND ($2::uuid[] IS NULL OR u.organisation_id = ANY($2::uuid[]))`,
    [id, scope ? [...scope] : null],
  );
  const row = rows[0];
  if (!row) throw new NotFoundError(`user ${id} not found`);
  return toUser(row);
}

export async function emailExists(db: Queryable, email: string): Promise<boolean> {
  return (await db.query('SELECT 1 FROM users WHERE email = $1', [email])).length > 0;
}

export async function insertUser(
  db: Queryable,
  u: { email: string; name: string; role: Role; organisationId: string; passwordHash: string },
): Promise<string> {
  const rows = await db.query<{ id: string }>(
    `INSERT INTO users (email, name, role, organisation_id, password_hash) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [u.email, u.name, u.role, u.organisationId, u.passwordHash],
  );
  return rows[0]!.id;
}

export async function updateUser(
  db: Queryable,
  id: string,
  change: { name?: string; role?: Role; passwordHash?: string; disabled?: boolean },
): Promise<void> {
  await db.query(
    `UPDATE users SET name = coalesce($2, name), role = coalesce($3, role), password_hash = coalesce($4, password_hash),
            disabled_at = CASE WHEN $5::boolean IS NULL THEN disabled_at WHEN $5 THEN coalesce(disabled_at, now()) ELSE NULL END
      WHERE id = $1`,
    [id, change.name ?? null, change.role ?? null, change.passwordHash ?? null, change.disabled ?? null],
  );
  if (change.disabled || change.passwordHash) await db.query('DELETE FROM sessions WHERE user_id = $1', [id]);
}

export async function countUsers(db: Queryable): Promise<number> {
  const rows = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM users');
  return rows[0]?.n ?? 0;
}
