/**
 * One data-access interface over the two backends: embedded PGlite (+PostGIS) and a real
 * PostgreSQL/PostGIS through a `pg` pool. SQL is written once, with `$n` parameters; geometries cross
 * the boundary as GeoJSON (`ST_AsGeoJSON(...)::json` out, `ST_GeomFromGeoJSON($n)` in) so both backends
 * return the same shapes. Cast bigint/numeric columns to int/float8 in SQL: drivers differ there.
 */

export type SqlParam = string | number | boolean | null | Date | Uint8Array | readonly unknown[] | object;

/** Hints for a hot statement; PGlite ignores them. */
export interface QueryOptions {
  /** PostgreSQL: prepare the statement once per connection under this name (one name, one SQL text). */
  readonly name?: string;
}

/** Something that runs SQL: the database itself or a transaction. */
export interface Queryable {
  query<Row extends object = Record<string, unknown>>(
    sql: string,
    params?: readonly SqlParam[],
    options?: QueryOptions,
  ): Promise<Row[]>;
  /** Runs one or more statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /**
   * LISTEN on `channel`: `onPayload` gets the payload of each NOTIFY (from any process on PostgreSQL).
   * On PostgreSQL one connection of its own, closed with the database and re-opened when lost; then
   * `onResume` is called, since notifications sent in between were missed.
   */
  listen(channel: string, onPayload: (payload: string) => void, onResume?: () => void): Promise<void>;
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** First row or undefined. */
export async function queryOne<Row extends object>(
  q: Queryable,
  sql: string,
  params?: readonly SqlParam[],
): Promise<Row | undefined> {
  const rows = await q.query<Row>(sql, params);
  return rows[0];
}
