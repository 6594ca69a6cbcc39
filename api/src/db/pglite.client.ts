/**
 * The embedded database on a thread of its own (`pglite.thread.ts`), behind the same Db interface:
 * each query is a message to that thread and its rows come back by structured clone (Dates, bytes and
 * JSON as PGlite gives them). A transaction's statements carry its id; `fn` runs here, and the
 * thread commits or rolls back when it settles. LISTEN notifications come back as messages.
 */
import type { Worker } from 'node:worker_threads';
import { tsxWorker } from '../tsx.worker.ts';
import type { Db, Queryable, SqlParam } from './db.ts';

export type DbRequest = { readonly id: number } & (
  | { readonly op: 'query'; readonly sql: string; readonly params?: SqlParam[]; readonly tx?: number }
  | { readonly op: 'exec'; readonly sql: string; readonly tx?: number }
  | { readonly op: 'begin' }
  | { readonly op: 'end'; readonly tx: number; readonly commit: boolean }
  | { readonly op: 'listen'; readonly channel: string }
  | { readonly op: 'close' }
);

/** Distributive Omit, so each request keeps its own fields. */
type Unsent<T> = T extends unknown ? Omit<T, 'id'> : never;

export interface DbReply {
  /** The request answered; 0 for the thread's own messages (ready, notifications). */
  readonly id: number;
  readonly result?: unknown;
  readonly error?: { name: string; message: string; props: Record<string, string | number> };
  readonly notify?: { channel: string; payload: string };
}

const THREAD = new URL('./pglite.thread.ts', import.meta.url);

/** An Error carrying the thread's error fields (PostgreSQL's code, detail, … as PGlite's errors have). */
function rebuild(e: NonNullable<DbReply['error']>): Error {
  const err = new Error(e.message);
  err.name = e.name;
  return Object.assign(err, e.props);
}

/** Opens (creating if needed) the database in `dir` (null: in memory) on its own thread. */
export async function openPgliteThread(dir: string | null): Promise<Db> {
  const worker: Worker = tsxWorker(THREAD, { workerData: { dir } });
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  const listeners = new Map<string, ((payload: string) => void)[]>();
  let nextId = 1;
  let failure: Error | null = null;

  const ready = new Promise<void>((resolve, reject) => {
    worker.on('message', (m: DbReply) => {
      if (m.notify) {
        for (const f of listeners.get(m.notify.channel) ?? []) f(m.notify.payload);
        return;
      }
      if (m.id === 0) {
        if (m.error) reject(rebuild(m.error));
        else resolve();
        return;
      }
      const p = pending.get(m.id);
      if (!p) return;
      pending.delete(m.id);
      if (m.error) p.reject(rebuild(m.error));
      else p.resolve(m.result);
    });
    const fail = (err: Error) => {
      failure = err;
      reject(err);
      for (const p of pending.values()) p.reject(err);
      pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the database thread exited (code ${code})`)));
  });

  function send<T>(request: Unsent<DbRequest>): Promise<T> {
    if (failure) return Promise.reject(failure);
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      worker.postMessage({ ...request, id });
    });
  }

  const queryable = (tx?: number): Queryable => ({
    query: <Row extends object>(sql: string, params?: readonly SqlParam[]) =>
      send<Row[]>({ op: 'query', sql, ...(params ? { params: [...params] } : {}), ...(tx ? { tx } : {}) }),
    exec: (sql: string) => send<void>({ op: 'exec', sql, ...(tx ? { tx } : {}) }),
  });

  try {
    await ready;
  } catch (err) {
    await worker.terminate();
    throw err;
  }
  const base = queryable();
  return {
    kind: 'pglite',
    query: base.query,
    exec: base.exec,
    async transaction(fn) {
      const tx = await send<number>({ op: 'begin' });
      let result;
      try {
        result = await fn(queryable(tx));
      } catch (err) {
        await send({ op: 'end', tx, commit: false });
        throw err;
      }
      await send({ op: 'end', tx, commit: true });
      return result;
    },
    async listen(channel, onPayload) {
      const list = listeners.get(channel) ?? [];
      listeners.set(channel, [...list, onPayload]);
      if (list.length === 0) await send({ op: 'listen', channel });
    },
    async close() {
      if (!failure) await send({ op: 'close' }).catch(() => undefined);
      await worker.terminate();
    },
  };
}
