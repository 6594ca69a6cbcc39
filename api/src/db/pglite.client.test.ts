/**
 * The embedded database on its own thread behaves as PGlite in process does: rows with their types
 * (dates, bytes, JSON), a transaction committed or rolled back with the error of its callback, a
 * failed statement's PostgreSQL fields (code, detail), LISTEN/NOTIFY, and statements refused once closed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from './db.ts';
import { openPgliteThread } from './pglite.client.ts';

let db: Db;

beforeAll(async () => {
  db = await openPgliteThread(null);
  await db.exec('create table item (id int primary key, label text)');
}, 60_000);

afterAll(() => db?.close());

describe('PGlite on its own thread', () => {
  it('returns rows with their types', async () => {
    const [row] = await db.query<{ n: number; d: Date; b: Uint8Array; j: { x: number[] } }>(
      "select 41 + $1::int as n, '2026-05-01T00:00:00Z'::timestamptz as d, $2::bytea as b, $3::json as j",
      [1, Uint8Array.of(7, 8), JSON.stringify({ x: [1, 2] })],
    );
    expect(row!.n).toBe(42);
    expect(row!.d).toBeInstanceOf(Date);
    expect(row!.d.toISOString()).toBe('2026-05-01T00:00:00.000Z');
    expect([...row!.b]).toEqual([7, 8]);
    expect(row!.j).toEqual({ x: [1, 2] });
  });

  it('commits a transaction, and rolls one back with its callback’s error', async () => {
    await db.transaction(async (tx) => {
      await tx.query('insert into item values (1, $1)', ['kept']);
    });
    const boom = db.transaction(async (tx) => {
      await tx.query('insert into item values (2, $1)', ['dropped']);
      throw new Error('boom');
    });
    await expect(boom).rejects.toThrow('boom');
    expect(await db.query('select id, label from item order by id')).toEqual([{ id: 1, label: 'kept' }]);
  });

  it('gives a failed statement’s PostgreSQL fields', async () => {
    const err = await db.query('insert into item values (1, null)').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(err).toMatchObject({ code: '23505', message: expect.stringContaining('item_pkey') });
    expect((err as { detail: string }).detail).toBe('Key (id)=(1) already exists.');
  });

  it('delivers notifications to listeners', async () => {
    const heard: string[] = [];
    await db.listen('items', (p) => heard.push(p));
    await db.query("select pg_notify('items', 'changed')");
    await expect.poll(() => heard).toEqual(['changed']);
  });

  it('refuses statements once closed', async () => {
    const other = await openPgliteThread(null);
    await other.close();
    await expect(other.query('select 1')).rejects.toThrow(/database thread exited/);
  }, 60_000);
});
