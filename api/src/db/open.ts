/**
 * Opens the backend the configuration names and brings its schema up to date.
 */
import type { Config } from '../config.ts';
import type { Db } from './db.ts';
import { migrate } from './migrate.ts';
import { openPglite } from './pglite.ts';
import { openPostgres } from './postgres.ts';

export async function openDatabase(database: Config['database']): Promise<Db> {
  const db =
    database.kind === 'pglite'
      ? await openPglite(database.dir)
      : await openPostgres(database.url, database.poolSize);
  try {
    await migrate(db);
  } catch (err) {
    await db.close();
    throw err;
  }
  return db;
}
