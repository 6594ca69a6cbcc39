/**
 * The sample survey: on the first start of an empty installation, the real Pix4D orthomosaic shipped
 * in sample-data/drone/ (see sample-data/README.md for its source and licence) becomes a survey of the
 * system organisation and is processed like any upload, so a new user sees a finished survey at once.
 */
import { createReadStream, existsSync } from 'node:fs';
import path from 'node:path';
import type { Db } from '../db/db.ts';
import type { Store } from '../storage/store.ts';
import { insertSurvey, beginVersion } from './surveys.repository.ts';
import type { SurveyService } from './surveys.service.ts';
import { sourceKey } from './survey.keys.ts';

const SAMPLE_LOCK_KEY = 7_413_208_514;
export const SAMPLE_FILE = 'drone/pix4d_alpha_nodata.tif';

/** Creates and queues the sample survey when no survey was ever created; returns its id or null. */
export async function ensureSampleSurvey(
  db: Db,
  store: Store,
  surveys: SurveyService,
  sampleDataDir: string,
): Promise<string | null> {
  const file = path.join(sampleDataDir, SAMPLE_FILE);
  if (!existsSync(file)) return null;
  const created = await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [SAMPLE_LOCK_KEY]);
    if ((await tx.query('SELECT 1 FROM surveys LIMIT 1')).length > 0) return null;
    const owner = await tx.query<{ org: string; user: string }>(
      `SELECT o.id AS org, u.id AS user FROM organisations o JOIN users u ON u.organisation_id = o.id
        WHERE o.kind = 'system' ORDER BY u.created_at LIMIT 1`,
    );
    const first = owner[0];
    if (!first) return null;
    const id = await insertSurvey(tx, {
      organisationId: first.org,
      userId: first.user,
      name: 'Pix4D sample orthomosaic (rio-tiler fixture)',
      date: '2018-08-22',
      kind: 'rgb',
      bands: null,
      soum: null,
      reflectance: null,
    });
    const version = await beginVersion(tx, id, { filename: path.basename(file), size: 0 });
    return { id, version };
  });
  if (!created) return null;
  const { size } = await store.put(sourceKey(created.id, created.version), createReadStream(file));
  await db.query('UPDATE surveys SET source_size = $2 WHERE id = $1', [created.id, size]);
  await surveys.sourceArrived(created.id, created.version, size, null);
  return created.id;
}
