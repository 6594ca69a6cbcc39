/**
 * The process lifecycle (issue 3, acceptance 1): health names the backend and PostGIS version,
 * a restart keeps all data, and migrations run once even when two processes start together.
 */
import { describe, expect, it } from 'vitest';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestServer } from '../../api/src/testing/test.server.ts';
import { loadMigrations, migrate } from '../../api/src/db/migrate.ts';
import { openPostgres } from '../../api/src/db/postgres.ts';

const backend = process.env.DATABASE_URL ? 'postgres' : 'pglite';

describe('lifecycle', () => {
  it('answers health with the backend and PostGIS 3, and keeps data across a restart', async () => {
    const first = await startTestServer();
    const health = await (await first.request('/api/health')).json();
    expect(health).toEqual({ status: 'ok', database: backend, postgis: expect.stringMatching(/^3\.\d+/) });

    const token = await first.login(ADMIN_EMAIL, ADMIN_PASSWORD);
    const created = await first.request('/api/organisations', {
      method: 'POST',
      token,
      json: { name: 'NAMEM', kind: 'agency' },
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    await first.close();

    const second = await startTestServer({
      dataDir: first.dataDir,
      databaseUrl: first.databaseUrl ?? undefined,
    });
    try {
      // The session, the organisation and the admin units all survived; the admin was not re-created.
      expect(second.firstAdmin).toBeNull();
      const org = await second.request(`/api/organisations/${id}`, { token });
      expect(org.status).toBe(200);
      expect(((await org.json()) as { name: string }).name).toBe('NAMEM');
      const versions = await second.db.query<{ version: number }>(
        'SELECT version FROM schema_migrations ORDER BY version',
      );
      expect(versions.map((v) => v.version)).toEqual((await loadMigrations()).map((m) => m.version));
    } finally {
      await second.destroy();
    }
  });

  it.runIf(backend === 'postgres')(
    'applies migrations once when two processes migrate at the same time',
    async () => {
      const s = await startTestServer();
      try {
        await s.db.exec('DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
        const url = s.databaseUrl!;
        const [a, b] = [await openPostgres(url, 2), await openPostgres(url, 2)];
        const [ra, rb] = await Promise.all([migrate(a), migrate(b)]);
        const all = (await loadMigrations()).map((m) => m.version);
        expect([...ra, ...rb].sort()).toEqual(all);
        expect(ra.length === 0 || rb.length === 0).toBe(true);
        await Promise.all([a.close(), b.close()]);
      } finally {
        await s.destroy();
      }
    },
  );
});
