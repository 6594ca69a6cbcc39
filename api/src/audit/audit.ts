/**
 * The audit log: one row per write (SPEC §2.5 "audit log of every write").
 */
import type { Queryable } from '../db/db.ts';
import type { Caller } from '../auth/caller.ts';

export async function audit(
  db: Queryable,
  caller: Caller | null,
  action: 'create' | 'update' | 'delete' | 'restore' | 'login',
  objectType: string,
  objectId: string | null,
  details?: Record<string, unknown>,
): Promise<void> {
  await db.query(
    `INSERT INTO audit_log (user_id, organisation_id, action, object_type, object_id, details)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [caller?.userId ?? null, caller?.organisationId ?? null, action, objectType, objectId, details ?? null],
  );
}
