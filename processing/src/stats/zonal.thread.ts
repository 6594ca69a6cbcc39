/**
 * A zonal statistics pool thread (zonal.pool.ts): answers each job it is sent ({id, job}) with its
 * results or the error's name, code, message and details ({id, …reply}), keeping the rasters it opened
 * for the next jobs.
 */
import { parentPort } from 'node:worker_threads';
import { BelcheerError } from '../errors.ts';
import { RasterCache } from './zonal.job.ts';
import type { ZonalThreadJob, ZonalThreadReply } from './zonal.threads.ts';

const port = parentPort;
if (!port) throw new Error('zonal.thread.ts runs as a worker thread');
const rasters = new RasterCache();
port.on('message', ({ id, job }: { id: number; job: ZonalThreadJob }) => {
  rasters.run(job).then(
    (stats) => port.postMessage({ id, stats } satisfies ZonalThreadReply & { id: number }),
    (err: unknown) => {
      const e = err instanceof Error ? err : new Error(String(err));
      const error = {
        name: e.name,
        message: e.message,
        ...(e instanceof BelcheerError ? { code: e.code, details: e.details } : {}),
      };
      port.postMessage({ id, error } satisfies ZonalThreadReply & { id: number });
    },
  );
});
