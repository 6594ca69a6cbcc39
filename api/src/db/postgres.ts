/**
 * The production backend: PostgreSQL/PostGIS through a `pg` connection pool (DATABASE_URL).
 */
import pg from 'pg';
import type { Db, Queryable, QueryOptions, SqlParam } from './db.ts';
import { durableListen, type ListenerHandle } from './pg.listener.ts';

function wrap(client: pg.Pool | pg.PoolClient): Queryable {
  return {
    async query<Row extends object>(sql: string, params?: readonly SqlParam[], options?: QueryOptions) {
      const values = params ? [...params] : undefined;
      const result = await client.query<Row>(options ? { text: sql, values, ...options } : sql, values);
      return result.rows;
    },
    async exec(sql: string) {
      await client.query(sql);
    },
  };
}

export async function openPostgres(url: string, poolSize: number): Promise<Db> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, application_name: 'belcheer' });
  // An idle client that loses its server must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  await pool.query('SELECT 1');
  const base = wrap(pool);
  const listeners: ListenerHandle[] = [];
  return {
    kind: 'postgres',
    query: base.query,
    exec: base.exec,
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(wrap(client));
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    async listen(channel, onPayload, onResume = () => undefined) {
      listeners.push(await durableListen(url, channel, onPayload, onResume));
    },
    async close() {
      await Promise.all(listeners.map((l) => l.close()));
      await pool.end();
    },
  };
}
