/**
 * Opens the backend the configuration names and brings its schema up to date. The embedded one runs
 * on a thread of its own (`pglite.client.ts`), out of the heap of the thread that answers HTTP.
 */
import type { Config } from '../config.ts';
import type { Db } from './db.ts';
import { migrate } from './migrate.ts';
import { openPgliteThread } from './pglite.client.ts';
import { openPostgres } from './postgres.ts';

export async function openDatabase(database: Config['database']): Promise<Db> {
  const db =
    database.kind === 'pglite'
      ? await openPgliteThread(database.dir)
      : await openPostgres(database.url, database.poolSize);
  try {
    await migrate(db);
  } catch (err) {
    await db.close();
    throw err;
  }
  return db;
}
