/**
 * SQL of tus uploads: which organisation owns each upload id.
 */
import type { Queryable } from '../db/db.ts';

export interface UploadRow {
  id: string;
  survey_id: string;
  organisation_id: string;
  filename: string;
  size: number;
  expected_sha256: string | null;
  version: number;
  completed_at: Date | null;
}

export async function insertUpload(
  db: Queryable,
  u: {
    id: string;
    surveyId: string;
    organisationId: string;
    userId: string;
    filename: string;
    size: number;
    expectedSha256: string | null;
    version: number;
  },
): Promise<void> {
  await db.query(
    `INSERT INTO uploads (id, survey_id, organisation_id, user_id, filename, size, expected_sha256, version)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [u.id, u.surveyId, u.organisationId, u.userId, u.filename, u.size, u.expectedSha256, u.version],
  );
}

export async function getUpload(db: Queryable, id: string): Promise<UploadRow | undefined> {
  const rows = await db.query<UploadRow>(
    `SELECT id, survey_id, organisation_id, filename, size::float8 AS size, expected_sha256, version, completed_at FROM uploads WHERE id = $1`,
    [id],
  );
  return rows[0];
}

export async function markUploadCompleted(db: Queryable, id: string): Promise<void> {
  await db.query('UPDATE uploads SET completed_at = now() WHERE id = $1', [id]);
}

export async function deleteUpload(db: Queryable, id: string): Promise<void> {
  await db.query('DELETE FROM uploads WHERE id = $1', [id]);
}
