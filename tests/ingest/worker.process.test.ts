/**
 * Workers as separate processes (`npm run worker`, DESIGN "Processes"): with DATABASE_URL, an API
 * that runs no jobs itself (WORKERS=0) and two worker processes sharing only PostgreSQL and the store
 * process surveys; each job runs once.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../api/src/testing/test.server.ts';
import { createSurvey, orgWithUser, type OrgUser } from '../../api/src/testing/fixtures.ts';
import { waitForSurvey } from '../support/tus.ts';

const onPostgres = Boolean(process.env.DATABASE_URL);
let s: TestServer & { databaseUrl: string | null };
let user: OrgUser;
const workers: ChildProcess[] = [];

beforeAll(async () => {
  if (!onPostgres) return;
  s = await startTestServer({ env: { WORKERS: '0' } });
  user = await orgWithUser(s, 'Khovd office');
  for (let i = 0; i < 2; i++) {
    workers.push(
      spawn(process.execPath, ['--import', 'tsx', 'api/src/worker.main.ts'], {
        env: {
          ...process.env,
          DATABASE_URL: s.databaseUrl ?? '',
          STORAGE: s.config.storage,
          LOG_LEVEL: 'warn',
          WORKERS: '1',
        },
        stdio: 'inherit',
      }),
    );
  }
}, 120_000);
afterAll(async () => {
  for (const w of workers) w.kill('SIGTERM');
  await s?.destroy();
});

describe.runIf(onPostgres)('separate worker processes', () => {
  it('process surveys queued by an API that runs no jobs, each job once', async () => {
    const sample = await readFile('sample-data/drone/pix4d_alpha_nodata.tif');
    const ids = await Promise.all([0, 1, 2].map((i) => createSurvey(s, user.token, { name: `w${i}` })));
    for (const id of ids) {
      const res = await s.request(`/api/surveys/${id}/imagery`, {
        method: 'PUT',
        token: user.token,
        body: sample,
      });
      expect(res.status).toBe(202);
    }
    for (const id of ids)
      expect(await waitForSurvey(s, user.token, id, 120_000)).toMatchObject({ status: 'ready', version: 1 });
    const jobs = await s.db.query<{ status: string; attempts: number }>(
      `SELECT status, attempts FROM jobs WHERE kind = 'survey.process'`,
    );
    expect(jobs).toHaveLength(3);
    expect(jobs.every((j) => j.status === 'done' && j.attempts === 1)).toBe(true);
  }, 180_000);
});
