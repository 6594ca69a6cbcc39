/**
 * durableListen on a real PostgreSQL (runs when DATABASE_URL is set): notifications arrive; when the
 * server ends the listening session (pg_terminate_backend, as a restart would), the listener
 * reconnects, reports the gap with onResume, and hears notifications again.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { durableListen, type ListenerHandle } from './pg.listener.ts';

const url = process.env.DATABASE_URL;
const CHANNEL = 'belcheer_listener_test';

async function until(check: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!check() && Date.now() < end) await new Promise((r) => setTimeout(r, 25));
}

describe.runIf(url)('durableListen', () => {
  const payloads: string[] = [];
  let resumes = 0;
  let listener: ListenerHandle;
  let admin: pg.Client;
  const notify = (payload: string) => admin.query('SELECT pg_notify($1, $2)', [CHANNEL, payload]);

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: url });
    await admin.connect();
    listener = await durableListen(
      url!,
      CHANNEL,
      (p) => payloads.push(p),
      () => resumes++,
    );
  });
  afterAll(async () => {
    await listener?.close();
    await admin?.end();
  });

  it('delivers notifications, and again after its session was terminated', async () => {
    await notify('one');
    await until(() => payloads.length === 1, 5_000);
    expect(payloads).toEqual(['one']);
    const killed = await admin.query<{ n: number }>(
      `SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity
        WHERE application_name = 'belcheer-listen' AND query ILIKE $1`,
      [`LISTEN "${CHANNEL}"%`],
    );
    expect(killed.rows[0]!.n).toBe(1);
    await until(() => resumes === 1, 10_000);
    expect(resumes).toBe(1);
    await notify('two');
    await until(() => payloads.length === 2, 5_000);
    expect(payloads).toEqual(['one', 'two']);
  });
});
