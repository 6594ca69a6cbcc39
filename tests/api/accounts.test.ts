/**
 * Accounts and access over HTTP (issue 3, acceptance 3): the first admin signs in, creates two
 * organisations and their users; users of one organisation get 404 for the other's objects; wrong
 * passwords are throttled with 429; sessions (cookie) and bearer tokens both work and end at logout.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  startTestServer,
  type TestServer,
} from '../../api/src/testing/test.server.ts';

let s: TestServer;
let admin: string;
const ids: { orgA: string; orgB: string; officerA: string; officerB: string } = {
  orgA: '',
  orgB: '',
  officerA: '',
  officerB: '',
};
const PASSWORD = 'selenge-pasture-2026';

beforeAll(async () => {
  s = await startTestServer();
  admin = await s.login(ADMIN_EMAIL, ADMIN_PASSWORD);
});
afterAll(async () => s?.destroy());

async function json<T>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

describe('first admin and accounts', () => {
  it('signs in the first admin with a token, a session cookie and the user', async () => {
    const res = await s.request('/api/auth/login', {
      method: 'POST',
      json: { email: ADMIN_EMAIL.toUpperCase(), password: ADMIN_PASSWORD },
    });
    expect(res.status).toBe(200);
    const body = await json<{
      token: string;
      user: { email: string; role: string; organisation: { name: string } };
    }>(res);
    expect(body.token).toMatch(/^blc_[A-Za-z0-9_-]{43}$/);
    expect(body.user).toMatchObject({
      email: ADMIN_EMAIL,
      role: 'admin',
      organisation: { name: 'Belcheer' },
    });
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^belcheer_session=blc_[A-Za-z0-9_-]{43};/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    // The cookie alone authenticates.
    const me = await s.request('/api/me', { headers: { cookie: cookie.split(';')[0]! } });
    expect(me.status).toBe(200);
    expect((await json<{ user: { email: string } }>(me)).user.email).toBe(ADMIN_EMAIL);
  });

  it('creates organisations and land officers', async () => {
    const a = await s.request('/api/organisations', {
      method: 'POST',
      token: admin,
      json: { name: 'Сэлэнгэ аймгийн ГЗБГЗЗГ', kind: 'aimag_office', aimagCode: 'MN43' },
    });
    expect(a.status).toBe(201);
    ids.orgA = (await json<{ id: string }>(a)).id;
    const b = await s.request('/api/organisations', {
      method: 'POST',
      token: admin,
      json: { name: 'Bayankhongor land office', kind: 'aimag_office', aimagCode: 'MN64' },
    });
    ids.orgB = (await json<{ id: string }>(b)).id;

    const dup = await s.request('/api/organisations', {
      method: 'POST',
      token: admin,
      json: { name: 'bayankhongor LAND office', kind: 'agency' },
    });
    expect(dup.status).toBe(409);
    const badAimag = await s.request('/api/organisations', {
      method: 'POST',
      token: admin,
      json: { name: 'X', kind: 'aimag_office', aimagCode: 'MN99' },
    });
    expect(badAimag.status).toBe(400);
    expect((await json<{ error: { message: string } }>(badAimag)).error.message).toContain('MN99');

    for (const [key, org, email] of [
      ['officerA', ids.orgA, 'bat@selenge.gov.mn'],
      ['officerB', ids.orgB, 'dorj@bayankhongor.gov.mn'],
    ] as const) {
      const res = await s.request('/api/users', {
        method: 'POST',
        token: admin,
        json: {
          email,
          name: email.split('@')[0],
          role: 'land_officer',
          organisationId: org,
          password: PASSWORD,
        },
      });
      expect(res.status).toBe(201);
      const user = await json<{ id: string; role: string; organisation: { id: string } }>(res);
      expect(user).toMatchObject({ role: 'land_officer', organisation: { id: org } });
      ids[key] = user.id;
    }
    const again = await s.request('/api/users', {
      method: 'POST',
      token: admin,
      json: {
        email: 'BAT@selenge.gov.mn',
        name: 'x',
        role: 'agronomist',
        organisationId: ids.orgA,
        password: PASSWORD,
      },
    });
    expect(again.status).toBe(409);
  });

  it('scopes reads to the caller’s organisation: the other organisation’s objects are 404', async () => {
    const tokenB = await s.login('dorj@bayankhongor.gov.mn', PASSWORD);
    expect((await s.request(`/api/organisations/${ids.orgA}`, { token: tokenB })).status).toBe(404);
    expect((await s.request(`/api/users/${ids.officerA}`, { token: tokenB })).status).toBe(404);
    expect((await s.request(`/api/organisations/${ids.orgB}`, { token: tokenB })).status).toBe(200);
    expect((await s.request(`/api/users/${ids.officerB}`, { token: tokenB })).status).toBe(200);
    const orgs = await json<{ organisations: { id: string }[] }>(
      await s.request('/api/organisations', { token: tokenB }),
    );
    expect(orgs.organisations.map((o) => o.id)).toEqual([ids.orgB]);
    const users = await json<{ users: { id: string }[] }>(await s.request('/api/users', { token: tokenB }));
    expect(users.users.map((u) => u.id)).toEqual([ids.officerB]);
    // A land officer cannot create users (a role rule: 403, since the route itself is visible).
    const create = await s.request('/api/users', {
      method: 'POST',
      token: tokenB,
      json: { email: 'x@y.mn', name: 'x', role: 'admin', organisationId: ids.orgB, password: PASSWORD },
    });
    expect(create.status).toBe(403);
    // The admin sees both.
    expect((await s.request(`/api/users/${ids.officerA}`, { token: admin })).status).toBe(200);
  });

  it('refuses requests without credentials or with a bad token', async () => {
    expect((await s.request('/api/me')).status).toBe(401);
    expect((await s.request('/api/me', { token: 'not-a-token' })).status).toBe(401);
    const malformed = await s.request('/api/me', { headers: { authorization: 'Basic abc' } });
    expect(malformed.status).toBe(401);
    expect((await json<{ error: { code: string } }>(malformed)).error.code).toBe('unauthorized');
  });

  it('ends the session at logout', async () => {
    const token = await s.login('bat@selenge.gov.mn', PASSWORD);
    expect((await s.request('/api/me', { token })).status).toBe(200);
    expect((await s.request('/api/auth/logout', { method: 'POST', token })).status).toBe(204);
    expect((await s.request('/api/me', { token })).status).toBe(401);
  });

  it('ends sessions of a disabled user', async () => {
    const token = await s.login('bat@selenge.gov.mn', PASSWORD);
    const res = await s.request(`/api/users/${ids.officerA}`, {
      method: 'PATCH',
      token: admin,
      json: { disabled: true },
    });
    expect(res.status).toBe(200);
    expect((await json<{ disabled: boolean }>(res)).disabled).toBe(true);
    expect((await s.request('/api/me', { token })).status).toBe(401);
    const login = await s.request('/api/auth/login', {
      method: 'POST',
      json: { email: 'bat@selenge.gov.mn', password: PASSWORD },
    });
    expect(login.status).toBe(401);
  });

  it('throttles wrong passwords: 10 wrong attempts end in 429 with Retry-After, even for the right password', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) {
      const res = await s.request('/api/auth/login', {
        method: 'POST',
        json: { email: 'dorj@bayankhongor.gov.mn', password: `wrong-${i}` },
      });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.at(-1)).toBe(429);
    const right = await s.request('/api/auth/login', {
      method: 'POST',
      json: { email: 'dorj@bayankhongor.gov.mn', password: PASSWORD },
    });
    expect(right.status).toBe(429);
    const retryAfter = Number(right.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect((await json<{ error: { code: string } }>(right)).error.code).toBe('too_many_requests');
    // Other accounts are not locked out by it.
    expect(
      (
        await s.request('/api/auth/login', {
          method: 'POST',
          json: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD },
        })
      ).status,
    ).toBe(200);
  });
});
