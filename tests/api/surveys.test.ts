/**
 * Surveys over HTTP: create, list, read, edit, delete, with validation and organisation scoping.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../api/src/testing/test.server.ts';
import { createSurvey, orgWithUser, type OrgUser } from '../../api/src/testing/fixtures.ts';

let s: TestServer;
let a: OrgUser;
let b: OrgUser;
beforeAll(async () => {
  s = await startTestServer({ env: { WORKERS: '0' } });
  a = await orgWithUser(s, 'Selenge office');
  b = await orgWithUser(s, 'Umnugovi office');
});
afterAll(async () => s?.destroy());

describe('surveys', () => {
  it('creates a survey in the caller’s organisation with status created', async () => {
    const res = await s.request('/api/surveys', {
      method: 'POST',
      token: a.token,
      json: {
        name: 'Altanbulag hayfield',
        date: '2026-07-02',
        kind: 'multispectral',
        bands: ['blue', 'green', 'red', 'rededge', 'nir'],
        soum: 'MN4304',
      },
    });
    expect(res.status).toBe(201);
    const survey = (await res.json()) as Record<string, unknown>;
    expect(survey).toMatchObject({
      name: 'Altanbulag hayfield',
      date: '2026-07-02',
      kind: 'multispectral',
      status: 'created',
      progress: 0,
      soum: 'MN4304',
      bands: ['blue', 'green', 'red', 'rededge', 'nir'],
      organisation: { id: a.organisationId },
      version: 0,
      products: [],
    });
    expect(survey.footprint).toBeUndefined();
  });

  it('refuses bad fields with messages naming them', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ name: 'x', date: '2026-13-40', kind: 'rgb' }, 'date'],
      [{ name: 'x', date: '2026-06-01', kind: 'lidar' }, 'kind'],
      [{ name: 'x', date: '2026-06-01', kind: 'rgb', soum: 'MN9999' }, 'MN9999'],
      [{ name: 'x', date: '2026-06-01', kind: 'rgb', bands: ['red', 'infrared'] }, 'bands'],
      [{ name: '', date: '2026-06-01', kind: 'rgb' }, 'name'],
    ];
    for (const [body, part] of cases) {
      const res = await s.request('/api/surveys', { method: 'POST', token: a.token, json: body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(((await res.json()) as { error: { message: string } }).error.message).toContain(part);
    }
  });

  it('lists and reads only the caller’s organisation’s surveys', async () => {
    const mine = await createSurvey(s, a.token, { name: 'A1' });
    const theirs = await createSurvey(s, b.token, { name: 'B1' });
    const list = (await (await s.request('/api/surveys', { token: a.token })).json()) as {
      surveys: { id: string }[];
    };
    expect(list.surveys.map((x) => x.id)).toContain(mine);
    expect(list.surveys.map((x) => x.id)).not.toContain(theirs);
    expect((await s.request(`/api/surveys/${theirs}`, { token: a.token })).status).toBe(404);
    expect(
      (
        await s.request(`/api/surveys/${theirs}`, {
          method: 'PATCH',
          token: a.token,
          json: { name: 'mine now' },
        })
      ).status,
    ).toBe(404);
    expect((await s.request(`/api/surveys/${theirs}`, { method: 'DELETE', token: a.token })).status).toBe(
      404,
    );
    expect((await s.request(`/api/surveys/${theirs}/imagery.tif`, { token: a.token })).status).toBe(404);
  });

  it('edits and deletes', async () => {
    const id = await createSurvey(s, a.token);
    const patched = await s.request(`/api/surveys/${id}`, {
      method: 'PATCH',
      token: a.token,
      json: { name: 'Renamed', soum: 'MN4307' },
    });
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({ name: 'Renamed', soum: 'MN4307' });
    expect((await s.request(`/api/surveys/${id}`, { method: 'DELETE', token: a.token })).status).toBe(204);
    expect((await s.request(`/api/surveys/${id}`, { token: a.token })).status).toBe(404);
  });

  it('lets agency users read but not write', async () => {
    const agency = await orgWithUser(s, 'NAMEM', 'agency');
    const res = await s.request('/api/surveys', {
      method: 'POST',
      token: agency.token,
      json: { name: 'x', date: '2026-06-01', kind: 'rgb' },
    });
    expect(res.status).toBe(403);
  });

  it('has no imagery before processing', async () => {
    const id = await createSurvey(s, a.token);
    const res = await s.request(`/api/surveys/${id}/imagery.tif`, { token: a.token });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain(
      'no processed imagery',
    );
  });
});
