/**
 * The first administrator: created on first start when there is no user at all, from
 * BELCHEER_ADMIN_EMAIL / BELCHEER_ADMIN_PASSWORD, else with a generated password that is printed
 * once. It belongs to the "Belcheer" system organisation.
 */
import type { Db } from '../db/db.ts';
import { countUsers, insertUser } from '../users/users.repository.ts';
import { insertOrganisation } from '../organisations/organisations.repository.ts';
import { audit } from '../audit/audit.ts';
import { generatePassword, hashPassword } from './password.ts';

const BOOTSTRAP_LOCK_KEY = 7_413_208_513;
const DEFAULT_ADMIN_EMAIL = 'admin@belcheer.local';

export interface BootstrapResult {
  readonly email: string;
  /** Set only when the password was generated here and must be shown to the operator once. */
  readonly generatedPassword: string | null;
}

export async function ensureFirstAdmin(
  db: Db,
  admin: { email: string | null; password: string | null },
): Promise<BootstrapResult | null> {
  if ((await countUsers(db)) > 0) return null;
  const generatedPassword = admin.password ? null : generatePassword();
  const passwordHash = await hashPassword(admin.password ?? generatedPassword ?? '');
  const email = (admin.email ?? DEFAULT_ADMIN_EMAIL).toLowerCase();
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [BOOTSTRAP_LOCK_KEY]);
    if ((await countUsers(tx)) > 0) return null;
    const organisationId = await insertOrganisation(tx, {
      name: 'Belcheer',
      kind: 'system',
      aimagCode: null,
    });
    const id = await insertUser(tx, {
      email,
      name: 'Administrator',
      role: 'admin',
      organisationId,
      passwordHash,
    });
    await audit(tx, null, 'create', 'user', id, { email, role: 'admin', bootstrap: true });
    return { email, generatedPassword };
  });
}
