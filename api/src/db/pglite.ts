/**
 * The embedded backend: PGlite with its PostGIS extension, stored in a folder under DATA_DIR.
 * PGlite is single-connection and single-process; it serialises queries and transactions itself.
 */
import { mkdir } from 'node:fs/promises';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import type { Db, Queryable, SqlParam } from './db.ts';

function wrap(target: PGlite | Transaction): Queryable {
  return {
    async query<Row extends object>(sql: string, params?: readonly SqlParam[]) {
      const result = await target.query<Row>(sql, params ? [...params] : undefined);
      return result.rows;
    },
    async exec(sql: string) {
      await target.exec(sql);
    },
  };
}

/** Opens (creating if needed) the database in `dir`; `dir` = null keeps it in memory (tests). */
export async function openPglite(dir: string | null): Promise<Db> {
  if (dir) await mkdir(dir, { recursive: true });
  const pg = await PGlite.create({ dataDir: dir ?? undefined, extensions: { postgis } });
  const base = wrap(pg);
  return {
    kind: 'pglite',
    query: base.query,
    exec: base.exec,
    transaction: (fn) => pg.transaction((tx) => fn(wrap(tx))),
    listen: async (channel, onPayload) => {
      await pg.listen(channel, onPayload);
    },
    close: () => pg.close(),
  };
}
