/**
 * The durable job queue, in PostgreSQL tables (migration 002), the same on PGlite and on a real
 * PostgreSQL: jobs are claimed with `FOR UPDATE SKIP LOCKED`, so any number of workers on any number of
 * machines can share one queue; a claimed job carries a lease that its worker renews while it runs. A
 * worker that dies stops renewing and the job is claimed again once the lease has run out. Failures
 * are retried with exponential backoff; after `max_attempts`, or on a permanent error, the job is
 * "dead" (the dead-letter state) with its last error kept.
 */
import type { Queryable } from '../db/db.ts';

export interface EnqueueOptions {
  /** Pending work with the same key is enqueued only once. */
  readonly dedupeKey?: string;
  readonly maxAttempts?: number;
  readonly runAfter?: Date;
}

export interface ClaimedJob {
  readonly id: number;
  readonly kind: string;
  readonly payload: unknown;
  /** 1 on the first run. */
  readonly attempts: number;
  readonly maxAttempts: number;
}

export interface JobRow {
  id: number;
  kind: string;
  status: 'queued' | 'running' | 'done' | 'dead' | 'cancelled';
  attempts: number;
  progress: number;
  last_error: string | null;
}

/** Backoff before retry n (1-based): 5 s, 10 s, 20 s, … capped at 10 min. */
export function backoffMs(attempt: number, baseMs = 5_000, capMs = 600_000): number {
  return Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
}

export async function enqueue(
  db: Queryable,
  kind: string,
  payload: unknown,
  options: EnqueueOptions = {},
): Promise<number | null> {
  const rows = await db.query<{ id: number }>(
    `INSERT INTO jobs (kind, payload, dedupe_key, max_attempts, run_after)
     VALUES ($1, $2, $3, $4, coalesce($5, now()))
     ON CONFLICT (dedupe_key) WHERE dedupe_key IS NOT NULL AND status IN ('queued', 'running') DO NOTHING
     RETURNING id::int AS id`,
    [
      kind,
      JSON.stringify(payload),
      options.dedupeKey ?? null,
      options.maxAttempts ?? 5,
      options.runAfter ?? null,
    ],
  );
  return rows[0]?.id ?? null;
}

/** Claims the next runnable job of the given kinds, or returns null. */
export async function claim(
  db: Queryable,
  kinds: readonly string[],
  workerId: string,
  leaseMs: number,
): Promise<ClaimedJob | null> {
  const rows = await db.query<{
    id: number;
    kind: string;
    payload: unknown;
    attempts: number;
    max_attempts: number;
  }>(
    `UPDATE jobs SET status = 'running', attempts = attempts + 1, locked_by = $2,
                     locked_until = now() + make_interval(secs => $3), updated_at = now()
      WHERE id = (SELECT id FROM jobs
                   WHERE kind = ANY($1::text[])
                     AND ((status = 'queued' AND run_after <= now()) OR (status = 'running' AND locked_until < now()))
                   ORDER BY run_after, id
                   LIMIT 1
                   FOR UPDATE SKIP LOCKED)
      RETURNING id::int AS id, kind, payload, attempts, max_attempts`,
    [[...kinds], workerId, leaseMs / 1000],
  );
  const row = rows[0];
  if (!row) return null;
  return {
    id: row.id,
    kind: row.kind,
    payload: row.payload,
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
  };
}

/** Renews the lease and records progress (0–100); false when the job is no longer this worker's. */
export async function heartbeat(
  db: Queryable,
  id: number,
  workerId: string,
  leaseMs: number,
  progress?: number,
): Promise<boolean> {
  const rows = await db.query(
    `UPDATE jobs SET locked_until = now() + make_interval(secs => $3), progress = coalesce($4, progress), updated_at = now()
      WHERE id = $1 AND locked_by = $2 AND status = 'running' RETURNING id`,
    [id, workerId, leaseMs / 1000, progress ?? null],
  );
  return rows.length > 0;
}

export async function complete(db: Queryable, id: number, workerId: string): Promise<void> {
  await db.query(
    `UPDATE jobs SET status = 'done', progress = 100, locked_by = NULL, locked_until = NULL, finished_at = now(), updated_at = now()
      WHERE id = $1 AND locked_by = $2`,
    [id, workerId],
  );
}

/** Records a failure: back to the queue after a backoff, or dead when permanent or out of attempts. */
export async function fail(
  db: Queryable,
  job: ClaimedJob,
  workerId: string,
  error: string,
  permanent: boolean,
): Promise<'retry' | 'dead'> {
  const dead = permanent || job.attempts >= job.maxAttempts;
  await db.query(
    `UPDATE jobs SET status = $3, last_error = $4, locked_by = NULL, locked_until = NULL,
                     run_after = now() + make_interval(secs => $5), updated_at = now(),
                     finished_at = CASE WHEN $3 = 'dead' THEN now() ELSE NULL END
      WHERE id = $1 AND locked_by = $2`,
    [job.id, workerId, dead ? 'dead' : 'queued', error.slice(0, 4000), backoffMs(job.attempts) / 1000],
  );
  return dead ? 'dead' : 'retry';
}

/** Marks jobs whose lease ran out more times than allowed as dead (a worker died on them each time). */
export async function buryExhausted(db: Queryable): Promise<number> {
  const rows = await db.query(
    `UPDATE jobs SET status = 'dead', last_error = coalesce(last_error, 'the worker stopped responding on every attempt'),
                     locked_by = NULL, locked_until = NULL, finished_at = now(), updated_at = now()
      WHERE status = 'running' AND locked_until < now() AND attempts >= max_attempts
      RETURNING id`,
  );
  return rows.length;
}

export async function cancelJobs(db: Queryable, dedupeKeyPrefix: string): Promise<void> {
  await db.query(
    `UPDATE jobs SET status = 'cancelled', locked_by = NULL, locked_until = NULL, finished_at = now(), updated_at = now()
      WHERE status IN ('queued', 'running') AND dedupe_key LIKE $1 || '%'`,
    [dedupeKeyPrefix],
  );
}

export async function getJob(db: Queryable, id: number): Promise<JobRow | undefined> {
  const rows = await db.query<JobRow>(
    'SELECT id::int AS id, kind, status, attempts, progress, last_error FROM jobs WHERE id = $1',
    [id],
  );
  return rows[0];
}

/**
 * Puts every running job back in the queue. Only for the embedded database, where this process is
 * the only possible worker, so any "running" job at start belongs to a process that died.
 */
export async function releaseAllLeases(db: Queryable): Promise<number> {
  const rows = await db.query(
    `UPDATE jobs SET status = 'queued', locked_by = NULL, locked_until = NULL, run_after = now(), updated_at = now()
      WHERE status = 'running' RETURNING id`,
  );
  return rows.length;
}
