/**
 * SQL of organisations. `scope` null = all (admins).
 */
import { NotFoundError } from '@belcheer/processing';
import type { Queryable } from '../db/db.ts';
import type { OrgScope } from '../users/users.repository.ts';
import type { Organisation } from './organisations.schemas.ts';

interface OrganisationRow {
  id: string;
  name: string;
  kind: Organisation['kind'];
  aimag_code: string | null;
  created_at: Date;
}

function toOrganisation(r: OrganisationRow): Organisation {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    aimagCode: r.aimag_code,
    createdAt: new Date(r.created_at).toISOString(),
  };
}

const SELECT = 'SELECT id, name, kind, aimag_code, created_at FROM organisations';

export async function listOrganisations(db: Queryable, scope: OrgScope): Promise<Organisation[]> {
  const rows = await db.query<OrganisationRow>(
    `${SELECT} WHERE ($1::uuid[] IS NULL OR id = ANY($1::uuid[])) ORDER BY name`,
    [scope ? [...scope] : null],
  );
  return rows.map(toOrganisation);
}

export async function getOrganisation(db: Queryable, scope: OrgScope, id: string): Promise<Organisation> {
  const rows = await db.query<OrganisationRow>(
    `${SELECT} WHERE id = $1 AND ($2::uuid[] IS NULL OR id = ANY($2::uuid[]))`,
    [id, scope ? [...scope] : null],
  );
  const row = rows[0];
  if (!row) throw new NotFoundError(`organisation ${id} not found`);
  return toOrganisation(row);
}

export async function organisationNameTaken(
  db: Queryable,
  name: string,
  exceptId?: string,
): Promise<boolean> {
  const rows = await db.query(
    'SELECT 1 FROM organisations WHERE lower(name) = lower($1) AND id IS DISTINCT FROM $2::uuid',
    [name, exceptId ?? null],
  );
  return rows.length > 0;
}

export async function insertOrganisation(
  db: Queryable,
  o: { name: string; kind: Organisation['kind']; aimagCode: string | null },
): Promise<string> {
  const rows = await db.query<{ id: string }>(
    'INSERT INTO organisations (name, kind, aimag_code) VALUES ($1, $2, $3) RETURNING id',
    [o.name, o.kind, o.aimagCode],
  );
  return rows[0]!.id;
}

export async function updateOrganisation(
  db: Queryable,
  id: string,
  change: { name?: string; aimagCode?: string | null },
): Promise<void> {
  await db.query(
    `UPDATE organisations SET name = coalesce($2, name),
            aimag_code = CASE WHEN $3::boolean THEN $4 ELSE aimag_code END
      WHERE id = $1`,
    [id, change.name ?? null, change.aimagCode !== undefined, change.aimagCode ?? null],
  );
}
