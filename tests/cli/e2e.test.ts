/**
 * The CLI against the real Belcheer server (startTestServer): `belcheer login` as a new agronomist, then
 * `belcheer upload` through a proxy that cuts the connection twice in the middle of a PATCH — the server
 * (@tus/server) keeps what arrived, the client re-reads the offset and finishes; the stored source is
 * byte-identical and the job carries the client's SHA-256. Then the sample orthomosaic is followed
 * through processing to `ready`, and a file that is not a TIFF to `failed` with the server's reason.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  startTestServer,
  type TestServer,
} from '../../api/src/testing/test.server.ts';
import { createSurvey } from '../../api/src/testing/fixtures.ts';
import { startCuttingProxy } from './cutting.proxy.ts';
import { randomFile, runCli, tempDir, type TempDir } from './harness.ts';

const MiB = 1024 * 1024;
const SAMPLE = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../sample-data/drone/pix4d_alpha_nodata.tif',
);
const PASSWORD = 'drone over the khangai 2026';

let tmp: TempDir;

beforeAll(async () => {
  tmp = await tempDir();
});
afterAll(async () => tmp?.remove());

/** An organisation with an agronomist whose password we know; returns the email. */
async function agronomist(s: TestServer, name: string): Promise<string> {
  const admin = await s.login(ADMIN_EMAIL, ADMIN_PASSWORD);
  const org = await s.request('/api/organisations', {
    method: 'POST',
    token: admin,
    json: { name, kind: 'soum_office' },
  });
  expect(org.status).toBe(201);
  const organisationId = ((await org.json()) as { id: string }).id;
  const email = `agro.${organisationId.slice(0, 8)}@test.mn`;
  const user = await s.request('/api/users', {
    method: 'POST',
    token: admin,
    json: { email, name: 'Agronomist', role: 'agronomist', organisationId, password: PASSWORD },
  });
  expect(user.status).toBe(201);
  return email;
}

async function signIn(s: TestServer, email: string, configDir: string): Promise<string> {
  const r = await runCli(['login', '--server', s.url, '--email', email], {
    env: { BELCHEER_CONFIG_DIR: configDir, BELCHEER_PASSWORD: PASSWORD },
  });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const stored = JSON.parse(await readFile(path.join(configDir, 'credentials.json'), 'utf8')) as {
    servers: Record<string, { token: string }>;
  };
  const token = stored.servers[s.url]?.token;
  if (!token) throw new Error('no token stored');
  return token;
}

describe('belcheer against the real server, uploads only (no workers)', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer({ env: { WORKERS: '0' } });
  });
  afterAll(async () => s?.destroy());

  it('logs in, uploads through two cut connections, and the server has the exact bytes', async () => {
    const configDir = path.join(tmp.dir, 'cfg-cuts');
    const token = await signIn(s, await agronomist(s, 'Tsetserleg soum'), configDir);
    const surveyId = await createSurvey(s, token);
    const file = await randomFile(tmp.dir, 'cut.tif', 5 * MiB + 321);
    const proxy = await startCuttingProxy(s.url, Math.floor(1.5 * MiB), 2);
    try {
      const r = await runCli(
        [
          'upload',
          '--survey',
          surveyId,
          '--server',
          proxy.url,
          '--token',
          token,
          '--chunk-size',
          '2M',
          '--no-wait',
          file.path,
        ],
        {
          env: { BELCHEER_CONFIG_DIR: configDir },
          sleepScale: 0.05,
        },
      );
      expect(r.stderr).toMatch(/retry 1/);
      expect(r.code).toBe(0);
      expect(proxy.cut).toBe(2);
    } finally {
      await proxy.close();
    }
    const survey = (await (await s.request(`/api/surveys/${surveyId}`, { token })).json()) as {
      status: string;
    };
    expect(survey.status).toBe('queued');
    const asset = await s.db.query<{ storage_key: string }>(
      `SELECT storage_key FROM survey_assets WHERE survey_id = $1 AND kind = 'source'`,
      [surveyId],
    );
    const stored = await readFile(`${s.config.storage}/${asset[0]?.storage_key ?? 'missing'}`);
    expect(stored.length).toBe(file.bytes.length);
    expect(createHash('sha256').update(stored).digest('hex')).toBe(file.sha256);
    const jobs = await s.db.query<{ payload: { expectedSha256: string } }>(
      `SELECT payload FROM jobs WHERE payload->>'surveyId' = $1`,
      [surveyId],
    );
    expect(jobs[0]?.payload.expectedSha256).toBe(file.sha256);

    const status = await runCli(['status', '--survey', surveyId], {
      env: { BELCHEER_CONFIG_DIR: configDir },
    });
    expect(status.code).toBe(0);
    expect(status.stdout).toContain('status:   queued');
  });

  it('reports the server refusal of another organisation’s survey (404) and of a bad token (401)', async () => {
    const configDir = path.join(tmp.dir, 'cfg-refusals');
    const mine = await signIn(s, await agronomist(s, 'Ikh-Tamir soum'), configDir);
    const other = await agronomist(s, 'Tariat soum');
    const theirs = await s.login(other, PASSWORD);
    const foreign = await createSurvey(s, theirs);
    const file = await randomFile(tmp.dir, 'x.tif', 4096);
    const notFound = await runCli(['upload', '--survey', foreign, '--no-wait', file.path], {
      env: { BELCHEER_CONFIG_DIR: configDir },
    });
    expect(notFound.code).toBe(4);
    expect(notFound.stderr).toMatch(/^belcheer: .*not found/m);
    const unauthorised = await runCli(
      ['upload', '--survey', foreign, '--token', `${mine}x`, '--no-wait', file.path],
      { env: { BELCHEER_CONFIG_DIR: configDir } },
    );
    expect(unauthorised.code).toBe(3);
    expect(unauthorised.stderr).toMatch(/^belcheer: \S/m);
  });
});

describe('belcheer against the real server, with processing', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer({ env: { WORKERS: '1' } });
  });
  afterAll(async () => s?.destroy());

  it('follows the sample orthomosaic to ready, and a file that is not a TIFF to failed', async () => {
    const configDir = path.join(tmp.dir, 'cfg-processing');
    const token = await signIn(s, await agronomist(s, 'Khashaat soum'), configDir);
    const env = { BELCHEER_CONFIG_DIR: configDir };

    const good = await createSurvey(s, token);
    const ok = await runCli(['upload', '--survey', good, SAMPLE], { env, sleepScale: 1 });
    expect(ok.stderr).not.toContain('belcheer:');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain(`survey ${good}: ready`);

    const bad = await createSurvey(s, token);
    const junk = await randomFile(tmp.dir, 'junk.tif', 100_000);
    const failed = await runCli(['upload', '--survey', bad, junk.path], { env, sleepScale: 1 });
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(new RegExp(`belcheer: survey ${bad}: processing failed: \\S`));
  }, 180_000);
});
