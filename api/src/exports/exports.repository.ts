/**
 * SQL of export jobs. Reads take the caller's readable organisations: another organisation's export
 * does not exist for that caller.
 */
import { NotFoundError } from '@belcheer/processing';
import type { Queryable } from '../db/db.ts';
import type { Caller } from '../auth/caller.ts';
import { EXPORT_TTL_DAYS, type PackageFile } from './export.keys.ts';

export type ExportStatus = 'queued' | 'running' | 'ready' | 'failed';

export interface SurveyPackageParams {
  readonly survey: string;
  readonly format: 'png' | 'webp';
}

export interface ExportRecord {
  readonly id: string;
  readonly organisationId: string;
  readonly userId: string | null;
  readonly kind: 'survey-package';
  readonly params: SurveyPackageParams;
  readonly status: ExportStatus;
  readonly progress: number;
  readonly error: string | null;
  readonly storageKey: string | null;
  /** Name → size in bytes of each file, once ready. */
  readonly files: Partial<Record<PackageFile, number>> | null;
  readonly size: number | null;
  readonly createdAt: Date;
  readonly finishedAt: Date | null;
  readonly expiresAt: Date | null;
}

const SELECT = `SELECT id, organisation_id AS "organisationId", user_id AS "userId", kind, params, status,
       progress, error, storage_key AS "storageKey", files, size::float8 AS size, created_at AS "createdAt",
       finished_at AS "finishedAt", expires_at AS "expiresAt"
  FROM exports`;

export async function insertExport(
  db: Queryable,
  e: { organisationId: string; userId: string; kind: 'survey-package'; params: SurveyPackageParams },
): Promise<string> {
  const rows = await db.query<{ id: string }>(
    'INSERT INTO exports (organisation_id, user_id, kind, params) VALUES ($1, $2, $3, $4) RETURNING id',
    [e.organisationId, e.userId, e.kind, JSON.stringify(e.params)],
  );
  return rows[0]!.id;
}

/** The export, or NotFoundError when it does not exist or is outside `orgs` (null = any, for workers). */
export async function getExport(
  db: Queryable,
  orgs: readonly string[] | null,
  id: string,
): Promise<ExportRecord> {
  const rows = await db.query<ExportRecord>(
    `${SELECT} WHERE id = $1 AND ($2::uuid[] IS NULL OR organisation_id = ANY($2::uuid[]))`,
    [id, orgs ? [...orgs] : null],
  );
  const row = rows[0];
  if (!row) throw new NotFoundError(`export ${id} not found`);
  return row;
}

export async function markRunning(db: Queryable, id: string): Promise<void> {
  await db.query(`UPDATE exports SET status = 'running', error = NULL, progress = 0 WHERE id = $1`, [id]);
}

export async function setProgress(db: Queryable, id: string, percent: number): Promise<void> {
  await db.query('UPDATE exports SET progress = $2 WHERE id = $1', [id, Math.max(0, Math.min(100, percent))]);
}

export async function markReady(
  db: Queryable,
  id: string,
  storageKey: string,
  files: Partial<Record<PackageFile, number>>,
): Promise<void> {
  const size = Object.values(files).reduce((sum, n) => sum + n, 0);
  await db.query(
    `UPDATE exports SET status = 'ready', progress = 100, error = NULL, storage_key = $2, files = $3, size = $4,
            finished_at = now(), expires_at = now() + make_interval(days => $5)
      WHERE id = $1`,
    [id, storageKey, JSON.stringify(files), size, EXPORT_TTL_DAYS],
  );
}

/** Ready exports past their expiry whose files are still stored, oldest first. */
export async function expiredWithFiles(
  db: Queryable,
  limit: number,
): Promise<{ id: string; storageKey: string | null }[]> {
  return db.query<{ id: string; storageKey: string | null }>(
    `SELECT id, storage_key AS "storageKey" FROM exports
      WHERE status = 'ready' AND expires_at < now() AND files IS NOT NULL
      ORDER BY expires_at LIMIT $1`,
    [limit],
  );
}

/** After its files were deleted from the store: the export lists none. */
export async function forgetFiles(db: Queryable, id: string): Promise<void> {
  await db.query('UPDATE exports SET files = NULL, storage_key = NULL WHERE id = $1', [id]);
}

/** Records a failure: final (`failed`) or waiting for the queue's retry (`queued`, error kept). */
export async function markFailed(db: Queryable, id: string, error: string, final: boolean): Promise<void> {
  await db.query(
    `UPDATE exports SET status = $2, error = $3, finished_at = CASE WHEN $2 = 'failed' THEN now() END
      WHERE id = $1`,
    [id, final ? 'failed' : 'queued', error.slice(0, 2000)],
  );
}

/** The user who asked for an export, as the caller the job reads data for; null once disabled or gone. */
export async function exportCaller(db: Queryable, userId: string | null): Promise<Caller | null> {
  if (!userId) return null;
  const rows = await db.query<Caller>(
    `SELECT u.id AS "userId", u.email, u.name, u.role, u.organisation_id AS "organisationId",
            o.name AS "organisationName"
       FROM users u JOIN organisations o ON o.id = u.organisation_id
      WHERE u.id = $1 AND u.disabled_at IS NULL`,
    [userId],
  );
  return rows[0] ?? null;
}
