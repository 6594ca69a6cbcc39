/**
 * tus 1.0 uploads at /api/uploads, spoken by hand from the protocol text
 * (https://tus.io/protocols/resumable-upload): creation, resumption after a cut connection and after
 * a server restart, offsets, termination, organisation scoping, and refusals. Processing is off
 * (WORKERS=0): these tests stop at "queued".
 */
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../api/src/testing/test.server.ts';
import { createSurvey, orgWithUser, type OrgUser } from '../../api/src/testing/fixtures.ts';

let s: TestServer;
let a: OrgUser;
let b: OrgUser;
beforeAll(async () => {
  s = await startTestServer({ env: { WORKERS: '0' } });
  a = await orgWithUser(s, 'Bayankhongor office');
  b = await orgWithUser(s, 'Govi-Altai office');
});
afterAll(async () => s?.destroy());

const b64 = (v: string) => Buffer.from(v).toString('base64');
const TUS = { 'Tus-Resumable': '1.0.0' };

async function create(token: string, size: number, meta: Record<string, string>): Promise<Response> {
  const metadata = Object.entries(meta)
    .map(([k, v]) => `${k} ${b64(v)}`)
    .join(',');
  return s.request('/api/uploads', {
    method: 'POST',
    token,
    headers: { ...TUS, 'Upload-Length': String(size), 'Upload-Metadata': metadata },
  });
}

async function patch(token: string, location: string, offset: number, bytes: Uint8Array): Promise<Response> {
  return s.request(location, {
    method: 'PATCH',
    token,
    headers: { ...TUS, 'Upload-Offset': String(offset), 'Content-Type': 'application/offset+octet-stream' },
    body: bytes,
  });
}

async function head(token: string, location: string): Promise<Response> {
  return s.request(location, { method: 'HEAD', token, headers: TUS });
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

async function survey(
  token: string,
  id: string,
): Promise<{ status: string; source?: { size: number }; error?: string }> {
  return (await (await s.request(`/api/surveys/${id}`, { token })).json()) as {
    status: string;
    source?: { size: number };
    error?: string;
  };
}

describe('tus uploads', () => {
  it('creates, resumes after cuts and completes; the stored file is byte-identical', async () => {
    const id = await createSurvey(s, a.token);
    const file = randomBytes(3 * 1024 * 1024 + 17);
    const created = await create(a.token, file.length, {
      surveyId: id,
      filename: 'ortho.tif',
      sha256: sha256(file),
    });
    expect(created.status).toBe(201);
    const location = created.headers.get('location')!;
    expect(location).toMatch(/^\/api\/uploads\/[0-9a-f]{32}$/);
    expect((await survey(a.token, id)).status).toBe('uploading');

    // First third, then "a cut": the client does not know what arrived and asks with HEAD.
    const third = Math.floor(file.length / 3);
    expect((await patch(a.token, location, 0, file.subarray(0, third))).status).toBe(204);
    const h = await head(a.token, location);
    expect(h.status).toBe(200);
    expect(Number(h.headers.get('upload-offset'))).toBe(third);
    expect(Number(h.headers.get('upload-length'))).toBe(file.length);

    // A PATCH at the wrong offset is a conflict and appends nothing.
    const wrong = await patch(a.token, location, 0, file.subarray(0, 10));
    expect(wrong.status).toBe(409);
    expect(Number((await head(a.token, location)).headers.get('upload-offset'))).toBe(third);

    // Another organisation can neither see nor resume it.
    expect((await head(b.token, location)).status).toBe(404);
    expect((await patch(b.token, location, third, file.subarray(third, third + 10))).status).toBe(404);

    // The rest, in two parts.
    expect((await patch(a.token, location, third, file.subarray(third, 2 * third))).status).toBe(204);
    const last = await patch(a.token, location, 2 * third, file.subarray(2 * third));
    expect(last.status).toBe(204);
    expect(Number(last.headers.get('upload-offset'))).toBe(file.length);

    const after = await survey(a.token, id);
    expect(after.status).toBe('queued');
    expect(after.source?.size).toBe(file.length);
    const asset = await s.db.query<{ storage_key: string }>(
      `SELECT storage_key FROM survey_assets WHERE survey_id = $1 AND kind = 'source'`,
      [id],
    );
    const { readFile } = await import('node:fs/promises');
    const stored = await readFile(`${s.config.storage}/${asset[0]!.storage_key}`);
    expect(sha256(stored)).toBe(sha256(file));
    const job = await s.db.query<{ kind: string; payload: { expectedSha256: string } }>(
      `SELECT kind, payload FROM jobs WHERE payload->>'surveyId' = $1`,
      [id],
    );
    expect(job).toEqual([
      { kind: 'survey.process', payload: { surveyId: id, version: 1, expectedSha256: sha256(file) } },
    ]);
  });

  it('verifies Upload-Checksum per chunk (checksum extension): a mismatch appends nothing', async () => {
    const options = await s.request('/api/uploads', { method: 'OPTIONS', headers: TUS });
    expect(options.headers.get('tus-extension')?.split(',')).toEqual(
      expect.arrayContaining(['creation', 'termination', 'checksum']),
    );
    expect(options.headers.get('tus-checksum-algorithm')?.split(',')).toContain('sha256');

    const id = await createSurvey(s, a.token);
    const file = randomBytes(300_000);
    const location = (await create(a.token, file.length, { surveyId: id, filename: 'c.tif' })).headers.get(
      'location',
    )!;
    const part = file.subarray(0, 100_000);
    const digest = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('base64');
    const send = (offset: number, bytes: Uint8Array, checksum: string) =>
      s.request(location, {
        method: 'PATCH',
        token: a.token,
        headers: {
          ...TUS,
          'Upload-Offset': String(offset),
          'Content-Type': 'application/offset+octet-stream',
          'Upload-Checksum': checksum,
        },
        body: bytes,
      });
    const bad = await send(0, part, `sha256 ${digest(file.subarray(1, 100_001))}`);
    expect(bad.status).toBe(460);
    expect(Number((await head(a.token, location)).headers.get('upload-offset'))).toBe(0);
    expect((await send(0, part, `crc32 AAAA`)).status).toBe(400);
    const good = await send(0, part, `sha256 ${digest(part)}`);
    expect(good.status).toBe(204);
    expect(Number(good.headers.get('upload-offset'))).toBe(100_000);
    // The survey's progress follows the upload.
    await expect
      .poll(
        async () =>
          ((await (await s.request(`/api/surveys/${id}`, { token: a.token })).json()) as { progress: number })
            .progress,
        { timeout: 10_000 },
      )
      .toBeCloseTo(33.3, 0);
  });

  it('resumes after a server restart', async () => {
    const restartable = await startTestServer({ env: { WORKERS: '0' } });
    try {
      const user = await orgWithUser(restartable, 'Umnugovi office');
      const id = await createSurvey(restartable, user.token);
      const file = randomBytes(1024 * 1024);
      const res = await restartable.request('/api/uploads', {
        method: 'POST',
        token: user.token,
        headers: {
          ...TUS,
          'Upload-Length': String(file.length),
          'Upload-Metadata': `surveyId ${b64(id)},filename ${b64('a.tif')}`,
        },
      });
      const location = res.headers.get('location')!;
      await restartable.request(location, {
        method: 'PATCH',
        token: user.token,
        headers: { ...TUS, 'Upload-Offset': '0', 'Content-Type': 'application/offset+octet-stream' },
        body: file.subarray(0, 400_000),
      });
      await restartable.close();
      const again = await startTestServer({
        dataDir: restartable.dataDir,
        databaseUrl: restartable.databaseUrl ?? undefined,
        env: { WORKERS: '0' },
      });
      try {
        const h = await again.request(location, { method: 'HEAD', token: user.token, headers: TUS });
        expect(Number(h.headers.get('upload-offset'))).toBe(400_000);
        const done = await again.request(location, {
          method: 'PATCH',
          token: user.token,
          headers: { ...TUS, 'Upload-Offset': '400000', 'Content-Type': 'application/offset+octet-stream' },
          body: file.subarray(400_000),
        });
        expect(done.status).toBe(204);
        const after = (await (await again.request(`/api/surveys/${id}`, { token: user.token })).json()) as {
          status: string;
        };
        expect(after.status).toBe('queued');
      } finally {
        await again.destroy();
      }
    } finally {
      await restartable.destroy();
    }
    // Two server starts (one a restart of the embedded database) on a shared 2-core machine.
  }, 180_000);

  it('refuses bad creations with the reason', async () => {
    const id = await createSurvey(s, a.token);
    const cases: [Response, number, string][] = [
      [
        await create(a.token, 100, { surveyId: id, filename: '../../etc/passwd.tif' }),
        400,
        'must not contain a path',
      ],
      [await create(a.token, 0, { surveyId: id, filename: 'empty.tif' }), 400, 'empty upload'],
      [await create(a.token, 100, { filename: 'x.tif' }), 400, 'surveyId'],
      [await create(a.token, 100, { surveyId: id, filename: 'x.tif', sha256: 'abc' }), 400, 'sha256'],
      [await create(b.token, 100, { surveyId: id, filename: 'x.tif' }), 404, 'not found'],
    ];
    for (const [res, status, message] of cases) {
      expect(res.status).toBe(status);
      expect(((await res.json()) as { error: { message: string } }).error.message).toContain(message);
    }
    const anonymous = await s.request('/api/uploads', {
      method: 'POST',
      headers: { ...TUS, 'Upload-Length': '10', 'Upload-Metadata': `surveyId ${b64(id)}` },
    });
    expect(anonymous.status).toBe(401);
    // None of these touched the survey.
    expect((await survey(a.token, id)).status).toBe('created');
  });

  it('cancels an upload with DELETE (termination)', async () => {
    const id = await createSurvey(s, a.token);
    const created = await create(a.token, 1000, { surveyId: id, filename: 'x.tif' });
    const location = created.headers.get('location')!;
    await patch(a.token, location, 0, randomBytes(100));
    expect((await s.request(location, { method: 'DELETE', token: b.token, headers: TUS })).status).toBe(404);
    expect((await s.request(location, { method: 'DELETE', token: a.token, headers: TUS })).status).toBe(204);
    expect((await head(a.token, location)).status).toBe(404);
    await expect.poll(async () => (await survey(a.token, id)).status).toBe('failed');
  });

  it('takes a plain streaming PUT for scripts, checking a declared SHA-256', async () => {
    const id = await createSurvey(s, a.token);
    const file = randomBytes(500_000);
    const bad = await s.request(`/api/surveys/${id}/imagery?sha256=${'0'.repeat(64)}`, {
      method: 'PUT',
      token: a.token,
      body: file,
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toContain(
      'SHA-256 mismatch',
    );
    expect((await survey(a.token, id)).status).toBe('failed');
    const good = await s.request(`/api/surveys/${id}/imagery?sha256=${sha256(file)}&filename=ortho.tif`, {
      method: 'PUT',
      token: a.token,
      body: file,
    });
    expect(good.status).toBe(202);
    expect(await good.json()).toMatchObject({
      status: 'queued',
      source: { filename: 'ortho.tif', size: file.length, sha256: sha256(file) },
    });
    const empty = await s.request(`/api/surveys/${await createSurvey(s, a.token)}/imagery`, {
      method: 'PUT',
      token: a.token,
      body: new Uint8Array(0),
    });
    expect(empty.status).toBe(400);
    expect(((await empty.json()) as { error: { code: string } }).error.code).toBe('empty_upload');
    const traversal = await s.request(`/api/surveys/${id}/imagery?filename=..%2Fx.tif`, {
      method: 'PUT',
      token: a.token,
      body: file,
    });
    expect(traversal.status).toBe(400);
  });
});
