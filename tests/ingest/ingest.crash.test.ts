/**
 * A worker killed mid-COG (issue 4): SIGKILL while the survey is being processed leaves nothing
 * published — no COG asset, version 0, no imagery to download; after a restart the job runs again
 * and the survey ends `ready` with a valid COG.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresDatabase } from '../../api/src/testing/test.server.ts';
import { makeOrtho, validateCog } from '../../processing/src/cog/testing/gdal.ts';
import { hasGdal } from '../../processing/src/testing/gdal.ts';
import { startChildServer, type ChildServer } from '../support/child.server.ts';

const ADMIN = { email: 'crash@test.belcheer.mn', password: 'kill -9 and start again' };
let dir: string;
let env: Record<string, string>;
let dropDatabase: (() => Promise<void>) | undefined;
let server: ChildServer | undefined;

beforeAll(async () => {
  if (!hasGdal) return;
  dir = await mkdtemp(path.join(tmpdir(), 'belcheer-crash-'));
  makeOrtho(4096, path.join(dir, 'ms.tif'), 'ms');
  env = {
    DATA_DIR: path.join(dir, 'data'),
    BELCHEER_ADMIN_EMAIL: ADMIN.email,
    BELCHEER_ADMIN_PASSWORD: ADMIN.password,
    SAMPLE_SURVEY: 'false',
    JOB_LEASE_SECONDS: '3',
  };
  if (process.env.DATABASE_URL) {
    const created = await createPostgresDatabase(process.env.DATABASE_URL);
    env.DATABASE_URL = created.url;
    dropDatabase = created.drop;
  }
}, 120_000);
afterAll(async () => {
  await server?.kill();
  await dropDatabase?.();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function api(url: string, pathname: string, token: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${url}${pathname}`, {
    ...init,
    headers: { authorization: `Bearer ${token}`, ...init.headers },
  });
}

describe.skipIf(!hasGdal)('a worker killed mid-COG', () => {
  it('publishes nothing half-done and finishes after a restart', async () => {
    server = await startChildServer(env);
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ADMIN),
    });
    const { token } = (await login.json()) as { token: string };
    const created = await api(server.url, '/api/surveys', token, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'crash',
        date: '2026-06-01',
        kind: 'multispectral',
        bands: ['blue', 'green', 'red', 'rededge', 'nir'],
      }),
    });
    const { id } = (await created.json()) as { id: string };
    const put = await api(server.url, `/api/surveys/${id}/imagery`, token, {
      method: 'PUT',
      body: await readFile(path.join(dir, 'ms.tif')),
    });
    expect(put.status).toBe(202);

    // Wait until the COG is being written, then kill the process.
    let seen: { status: string; progress: number } = { status: '', progress: 0 };
    for (let i = 0; i < 600 && !(seen.status === 'processing' && seen.progress >= 10); i++) {
      seen = (await (await api(server.url, `/api/surveys/${id}`, token)).json()) as typeof seen;
      expect(seen.status).not.toBe('ready');
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(seen.status).toBe('processing');
    expect(seen.progress).toBeLessThan(90);
    await server.kill();

    server = await startChildServer(env);
    const during = (await (await api(server.url, `/api/surveys/${id}`, token)).json()) as {
      version: number;
      status: string;
    };
    expect(during.version).toBe(0);
    if (during.status !== 'ready')
      expect((await api(server.url, `/api/surveys/${id}/imagery.tif`, token)).status).toBe(404);

    let survey: { status: string; version: number; error?: string } = { status: '', version: 0 };
    for (let i = 0; i < 1200 && survey.status !== 'ready' && survey.status !== 'failed'; i++) {
      await new Promise((r) => setTimeout(r, 250));
      survey = (await (await api(server.url, `/api/surveys/${id}`, token)).json()) as typeof survey;
    }
    expect(survey.error).toBeUndefined();
    expect(survey).toMatchObject({ status: 'ready', version: 1 });
    const cog = path.join(dir, 'out.tif');
    await writeFile(
      cog,
      Buffer.from(await (await api(server.url, `/api/surveys/${id}/imagery.tif`, token)).arrayBuffer()),
    );
    expect(validateCog(cog).status).toBe(0);
  }, 400_000);
});
