/**
 * Bad input over HTTP (issue 3, acceptance 5): malformed JSON, wrong types, unknown fields and
 * oversize bodies get 400/413 with the SPEC §3 error shape, and no stack trace ever reaches a client.
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
beforeAll(async () => {
  s = await startTestServer();
  admin = await s.login(ADMIN_EMAIL, ADMIN_PASSWORD);
});
afterAll(async () => s?.destroy());

interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

async function expectError(
  res: Response,
  status: number,
  code: string,
  messagePart?: string,
): Promise<ErrorBody> {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  const text = await res.text();
  expect(text).not.toMatch(/\bat .*\.(ts|js):\d+/); // no stack frames
  expect(text).not.toMatch(/<html|<pre/i);
  const body = JSON.parse(text) as ErrorBody;
  expect(Object.keys(body)).toEqual(['error']);
  expect(body.error.code).toBe(code);
  expect(typeof body.error.message).toBe('string');
  if (messagePart) expect(body.error.message).toContain(messagePart);
  return body;
}

describe('bad input', () => {
  it('malformed JSON → 400 malformed_json', async () => {
    const res = await s.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"email": "a@b.mn", "password": ',
    });
    await expectError(res, 400, 'malformed_json');
  });

  it('wrong types → 400 naming the field', async () => {
    const res = await s.request('/api/auth/login', { method: 'POST', json: { email: 42, password: 'x' } });
    const body = await expectError(res, 400, 'invalid_request', 'body.email');
    expect(body.error.details).toEqual([
      { in: 'body', path: 'email', message: expect.stringContaining('string') },
    ]);
  });

  it('unknown fields → 400 naming them', async () => {
    const res = await s.request('/api/organisations', {
      method: 'POST',
      token: admin,
      json: { name: 'X', kind: 'agency', colour: 'red' },
    });
    await expectError(res, 400, 'invalid_request', 'colour');
  });

  it('a missing body → 400', async () => {
    await expectError(
      await s.request('/api/organisations', { method: 'POST', token: admin }),
      400,
      'invalid_request',
      'JSON body',
    );
  });

  it('invalid path and query parameters → 400', async () => {
    await expectError(
      await s.request('/api/users/not-a-uuid', { token: admin }),
      400,
      'invalid_request',
      'UUID',
    );
    await expectError(
      await s.request('/api/admin-units?level=bag2', { token: admin }),
      400,
      'invalid_request',
      'query.level',
    );
    await expectError(
      await s.request('/api/admin-units?bbox=1,2,3', { token: admin }),
      400,
      'invalid_request',
      'bbox',
    );
  });

  it('an oversize body → 413', async () => {
    const big = JSON.stringify({ email: 'a@b.mn', password: 'x'.repeat(1_100_000) });
    const res = await s.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: big,
    });
    await expectError(res, 413, 'payload_too_large');
  });

  it('an unknown API route → 404 JSON, not the web app', async () => {
    await expectError(await s.request('/api/nothing-here'), 404, 'route_not_found', '/api/nothing-here');
  });

  it('an internal failure → 500 with a generic message only', async () => {
    // Break the database under the server: the next query fails inside a handler.
    await s.db.query('ALTER TABLE organisations RENAME TO organisations_gone');
    try {
      const res = await s.request('/api/organisations', { token: admin });
      const body = await expectError(res, 500, 'internal', 'internal server error');
      expect(JSON.stringify(body)).not.toContain('organisations');
    } finally {
      await s.db.query('ALTER TABLE organisations_gone RENAME TO organisations');
    }
  });

  it('every response carries a request id', async () => {
    const res = await s.request('/api/health', { headers: { 'x-request-id': 'field-trip-42' } });
    expect(res.headers.get('x-request-id')).toBe('field-trip-42');
    const generated = await s.request('/api/health');
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
