/**
 * The thread that holds the embedded database (`pglite.client.ts` talks to it): PGlite, its PostGIS
 * and PostgreSQL's files in PGlite's in-memory file system live in this thread's heap, not in the
 * heap of the thread that answers HTTP, whose garbage collections would otherwise walk them (~110 MB,
 * ~26 000 ArrayBuffers) every time. Requests run in arrival order on PGlite's one connection; a
 * transaction stays open until the client commits or rolls it back, and PGlite holds other
 * statements until then, as in process. Errors go back with their fields (code, detail, …).
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Db, Queryable } from './db.ts';
import { openPglite } from './pglite.ts';
import type { DbReply, DbRequest } from './pglite.client.ts';

if (!parentPort) throw new Error('pglite.thread.ts runs as a worker thread');
const port = parentPort;

interface Open {
  readonly tx: Queryable;
  readonly end: (commit: boolean) => void;
}

/** The fields of an error that cross to the client (PostgreSQL's code, detail, constraint, …). */
function fields(err: unknown): NonNullable<DbReply['error']> {
  if (!(err instanceof Error)) return { name: 'Error', message: String(err), props: {} };
  const props: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(err)) if (typeof v === 'string' || typeof v === 'number') props[k] = v;
  return { name: err.name, message: err.message, props };
}

const reply = (message: DbReply) => port.postMessage(message);

async function main(): Promise<void> {
  let db: Db;
  try {
    db = await openPglite((workerData as { dir: string | null }).dir);
  } catch (err) {
    reply({ id: 0, error: fields(err) });
    return;
  }
  const open = new Map<number, Open>();
  /** Each open transaction's outcome: resolved once committed, rejected once rolled back or failed. */
  const outcomes = new Map<number, Promise<void>>();
  let nextTx = 1;
  const target = (tx?: number): Queryable => {
    const t = tx === undefined ? db : open.get(tx)?.tx;
    if (!t) throw new Error(`no open transaction ${tx}`);
    return t;
  };

  async function handle(req: DbRequest): Promise<unknown> {
    switch (req.op) {
      case 'query':
        return target(req.tx).query(req.sql, req.params);
      case 'exec':
        return target(req.tx).exec(req.sql);
      case 'begin': {
        const id = nextTx++;
        return new Promise<number>((started, failed) => {
          const outcome = db.transaction(
            (tx) =>
              new Promise<void>((commit, rollback) => {
                open.set(id, { tx, end: (ok) => (ok ? commit() : rollback(new Error('rolled back'))) });
                started(id);
              }),
          );
          outcomes.set(id, outcome);
          // Forget it once settled; a failure is answered to `begin` (not started) or to `end`.
          outcome
            .finally(() => {
              open.delete(id);
              outcomes.delete(id);
            })
            .catch(() => undefined);
          outcome.catch(failed);
        });
      }
      case 'end': {
        const t = open.get(req.tx);
        const outcome = outcomes.get(req.tx);
        if (!t || !outcome) throw new Error(`no open transaction ${req.tx}`);
        t.end(req.commit);
        // A rollback asked for is its own outcome; a failed commit is the caller's error.
        return outcome.catch((err: unknown) => {
          if (req.commit) throw err;
        });
      }
      case 'listen':
        return db.listen(req.channel, (payload) =>
          reply({ id: 0, notify: { channel: req.channel, payload } }),
        );
      case 'close':
        return db.close();
    }
  }

  port.on('message', (req: DbRequest) => {
    handle(req).then(
      (result) => reply({ id: req.id, result }),
      (err: unknown) => reply({ id: req.id, error: fields(err) }),
    );
  });
  reply({ id: 0, result: 'ready' });
}

void main();
