/**
 * A worker: claims jobs from the queue and runs their handlers, `concurrency` at a time, renewing
 * each job's lease while it runs. `stop()` stops claiming and waits for running jobs (their leases
 * simply run out if the process is killed instead).
 */
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { BelcheerError } from '@belcheer/processing';
import type { Db } from '../db/db.ts';
import * as queue from './queue.ts';

export interface JobContext {
  /** Reports progress 0–100 (also renews the lease). */
  progress(percent: number): Promise<void>;
  /** Aborted when the worker stops or loses the job's lease. */
  readonly signal: AbortSignal;
  readonly attempt: number;
  /** When `attempt` equals this, a failure is final. */
  readonly maxAttempts: number;
}

export type JobHandler = (payload: unknown, ctx: JobContext) => Promise<void>;

/** Thrown by a handler for failures a retry cannot fix (bad input): the job goes straight to dead. */
export class PermanentJobError extends Error {}

/** A job the workers enqueue every `everyMs` (deduplicated by its kind: one pending at a time). */
export interface PeriodicJob {
  readonly kind: string;
  readonly everyMs: number;
}

export interface WorkerOptions {
  readonly concurrency?: number;
  readonly leaseMs?: number;
  readonly pollMs?: number;
  readonly periodic?: readonly PeriodicJob[];
}

export function isPermanent(err: unknown): boolean {
  // Errors in the BelcheerError hierarchy describe the input (validation, unsupported raster): retrying cannot help.
  return err instanceof PermanentJobError || err instanceof BelcheerError;
}

export function startWorker(
  db: Db,
  handlers: Readonly<Record<string, JobHandler>>,
  logger: Logger,
  options: WorkerOptions = {},
) {
  const workerId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const concurrency = options.concurrency ?? 1;
  const leaseMs = options.leaseMs ?? 60_000;
  const pollMs = options.pollMs ?? 500;
  const kinds = Object.keys(handlers);
  const stopping = new AbortController();
  let wake: (() => void) | null = null;

  async function runOne(job: queue.ClaimedJob): Promise<void> {
    const jobAbort = new AbortController();
    const onStop = () => jobAbort.abort();
    stopping.signal.addEventListener('abort', onStop);
    const renew = setInterval(() => {
      queue.heartbeat(db, job.id, workerId, leaseMs).then(
        (mine) => mine || jobAbort.abort(),
        (err: unknown) => logger.warn({ err, job: job.id }, 'lease renewal failed'),
      );
    }, leaseMs / 3);
    const log = logger.child({ job: job.id, kind: job.kind, attempt: job.attempts });
    try {
      const handler = handlers[job.kind];
      if (!handler) throw new PermanentJobError(`no handler for job kind ${job.kind}`);
      log.info('job started');
      await handler(job.payload, {
        signal: jobAbort.signal,
        attempt: job.attempts,
        maxAttempts: job.maxAttempts,
        progress: async (percent) => {
          await queue.heartbeat(db, job.id, workerId, leaseMs, Math.max(0, Math.min(100, percent)));
        },
      });
      await queue.complete(db, job.id, workerId);
      log.info('job done');
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const outcome = await queue.fail(db, job, workerId, message, isPermanent(err));
      log.warn({ err: isPermanent(err) ? undefined : err, outcome }, `job failed: ${message}`);
    } finally {
      clearInterval(renew);
      stopping.signal.removeEventListener('abort', onStop);
    }
  }

  async function loop(): Promise<void> {
    while (!stopping.signal.aborted) {
      let job: queue.ClaimedJob | null = null;
      try {
        await queue.buryExhausted(db);
        job = await queue.claim(db, kinds, workerId, leaseMs);
      } catch (err) {
        logger.error({ err }, 'claiming a job failed');
      }
      if (job) {
        await runOne(job);
        continue;
      }
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, pollMs);
        wake = () => {
          clearTimeout(t);
          resolve();
        };
      });
      wake = null;
    }
  }

  const schedule = (options.periodic ?? [])
    .filter((p) => handlers[p.kind])
    .map((p) => {
      const tick = () => {
        queue.enqueue(db, p.kind, {}, { dedupeKey: p.kind, maxAttempts: 1 }).then(
          (id) => id !== null && wake?.(),
          (err: unknown) => logger.warn({ err, kind: p.kind }, 'enqueuing a periodic job failed'),
        );
      };
      tick();
      return setInterval(tick, p.everyMs);
    });

  const loops = Array.from({ length: concurrency }, () => loop());
  return {
    workerId,
    /** Looks for work now instead of at the next poll. */
    nudge(): void {
      wake?.();
    },
    async stop(): Promise<void> {
      for (const timer of schedule) clearInterval(timer);
      stopping.abort();
      wake?.();
      await Promise.all(loops);
    },
  };
}

export type Worker = ReturnType<typeof startWorker>;
