/**
 * One zonal statistics thread of zonal.threads.ts: opens the raster through the job's opener module,
 * builds the product's value function, runs zonalStatsMany on its polygons and posts the results (or
 * the error's name, code, message and details) once.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { BelcheerError } from '../errors.ts';
import type { ByteSource } from '../raster/types.ts';
import { openTiff } from '../tiff/open.tiff.ts';
import { productValue } from './product.value.ts';
import { levelSource } from './zonal.stats.ts';
import { zonalStatsMany } from './zonal.stats.many.ts';
import type { ZonalThreadJob, ZonalThreadReply } from './zonal.threads.ts';

interface Opener {
  openByteSource(raster: unknown): Promise<ByteSource & { close?(): Promise<void> }>;
}

async function run(job: ZonalThreadJob): Promise<ZonalThreadReply> {
  const { openByteSource } = (await import(job.opener)) as Opener;
  const bytes = await openByteSource(job.raster);
  try {
    const tiff = await openTiff(bytes, job.cacheBytes === undefined ? {} : { cacheBytes: job.cacheBytes });
    const source = levelSource(tiff, job.level);
    const value = productValue(job.product, job.bands, source.reader.info.bands);
    return { stats: await zonalStatsMany(source, job.geometries, value, job.options) };
  } finally {
    await bytes.close?.();
  }
}

const port = parentPort;
if (!port) throw new Error('zonal.thread.ts runs as a worker thread');
run(workerData as ZonalThreadJob).then(
  (reply) => port.postMessage(reply),
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
