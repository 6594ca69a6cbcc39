/**
 * One zonal statistics thread of zonal.threads.ts: runs its job (zonal.job.ts) and posts the results
 * (or the error's name, code, message and details) once.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { BelcheerError } from '../errors.ts';
import { runZonalJob } from './zonal.job.ts';
import type { ZonalThreadJob, ZonalThreadReply } from './zonal.threads.ts';

const port = parentPort;
if (!port) throw new Error('zonal.thread.ts runs as a worker thread');
runZonalJob(workerData as ZonalThreadJob).then(
  (stats) => port.postMessage({ stats } satisfies ZonalThreadReply),
  (err: unknown) => {
    const e = err instanceof Error ? err : new Error(String(err));
    const error = {
      name: e.name,
      message: e.message,
      ...(e instanceof BelcheerError ? { code: e.code, details: e.details } : {}),
    };
    port.postMessage({ error } satisfies ZonalThreadReply);
  },
);
