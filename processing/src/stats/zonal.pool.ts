/**
 * Zonal statistics over worker threads (`node:worker_threads`, one per core by default): a pool whose
 * threads live from their first job until close() (a server keeps one, so a request pays no thread
 * start-up and its threads keep their opened rasters and decoded blocks), and zonalStatsThreads, a
 * pool for one job. A job's polygons are cut into one run per thread (splitByRows); with `here`, one
 * run is done on the calling thread instead (a batch saves a thread's start-up; a server leaves it
 * off to keep its event loop free). Results come back in input order; typed errors are rethrown as such.
 * Idle threads do not keep the process alive.
 * Reference: SPEC §5 (zonal statistics on a 2-core machine); Node.js worker_threads.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { runZonalJob } from './zonal.job.ts';
import { rebuild, splitByRows, type ZonalThreadJob, type ZonalThreadReply } from './zonal.threads.ts';
import type { ZoneStats } from './zone.summary.ts';

/** The thread's module, compiled by tsx registered in the thread (a `--import tsx` is not inherited). */
const WORKER_SOURCE = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(
  new URL('./zonal.thread.ts', import.meta.url).href,
)}); });`;

interface Pending {
  readonly resolve: (stats: ZoneStats[]) => void;
  readonly reject: (error: Error) => void;
}

/** One pool thread: jobs sent by id, answered in any order. */
class PoolThread {
  private readonly worker = new Worker(WORKER_SOURCE, { eval: true });
  private readonly pending = new Map<number, Pending>();
  private next = 0;
  /** Set when the thread died: it takes no more jobs. */
  dead = false;

  constructor() {
    this.worker.unref();
    this.worker.on('message', ({ id, ...reply }: ZonalThreadReply & { id: number }) => {
      const p = this.pending.get(id);
      this.pending.delete(id);
      if (this.pending.size === 0) this.worker.unref();
      if ('error' in reply) p?.reject(rebuild(reply.error));
      else p?.resolve(reply.stats);
    });
    this.worker.on('error', (error) => this.fail(error));
    this.worker.on('exit', (code) =>
      this.fail(new Error(`zonal statistics thread exited with code ${code}`)),
    );
  }

  run(job: ZonalThreadJob): Promise<ZoneStats[]> {
    const id = this.next++;
    this.worker.ref();
    this.worker.postMessage({ id, job });
    return new Promise((resolve, reject) => this.pending.set(id, { resolve, reject }));
  }

  terminate(): Promise<number> {
    this.dead = true;
    return this.worker.terminate();
  }

  private fail(error: Error): void {
    this.dead = true;
    for (const p of this.pending.values()) p.reject(error);
    this.pending.clear();
  }
}

export class ZonalPool {
  private threads: PoolThread[] = [];

  /** `size` threads (0 only for runs done `here`). */
  constructor(readonly size = Math.min(2, availableParallelism())) {}

  /** zonalStatsMany of `job` over the pool's threads (and the calling one with `here`), in input order. */
  async run(job: ZonalThreadJob, { here = false }: { readonly here?: boolean } = {}): Promise<ZoneStats[]> {
    this.threads = this.threads.filter((t) => !t.dead);
    while (this.threads.length < this.size) this.threads.push(new PoolThread());
    const runs = splitByRows(job.geometries, this.size + (here ? 1 : 0));
    const parts = runs.map((run) => ({ ...job, geometries: run.map((i) => job.geometries[i]!) }));
    // The threads get their jobs first: the run done here holds the event loop that posts them.
    const sent = parts.map((part, t) => (here && t === parts.length - 1 ? null : this.threads[t]!.run(part)));
    const results = await Promise.all(sent.map((thread, t) => thread ?? runZonalJob(parts[t]!)));
    const out = new Array<ZoneStats>(job.geometries.length);
    runs.forEach((run, t) => run.forEach((i, k) => (out[i] = results[t]![k]!)));
    return out;
  }

  async close(): Promise<void> {
    await Promise.all(this.threads.map((t) => t.terminate()));
    this.threads = [];
  }
}

/** zonalStatsMany of `job` over `threads` threads (the calling one among them with `here`), in input order. */
export async function zonalStatsThreads(
  job: ZonalThreadJob,
  threads = Math.min(2, availableParallelism()),
  { here = false }: { readonly here?: boolean } = {},
): Promise<ZoneStats[]> {
  const pool = new ZonalPool(here ? threads - 1 : Math.max(1, threads));
  try {
    return await pool.run(job, { here });
  } finally {
    await pool.close();
  }
}
