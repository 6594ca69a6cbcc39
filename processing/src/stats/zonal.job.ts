/**
 * One run of zonalStatsThreads, on whichever thread runs it: opens the raster through the job's opener
 * module, builds the product's value function, runs zonalStatsMany on the job's polygons and closes
 * the raster.
 * Reference: SPEC §5 (zonal statistics on a 2-core machine).
 */
import type { ByteSource } from '../raster/types.ts';
import { openTiff } from '../tiff/open.tiff.ts';
import { productValue } from './product.value.ts';
import { levelSource } from './zonal.stats.ts';
import { zonalStatsMany } from './zonal.stats.many.ts';
import type { ZonalThreadJob } from './zonal.threads.ts';
import type { ZoneStats } from './zone.summary.ts';

interface Opener {
  openByteSource(raster: unknown): Promise<ByteSource & { close?(): Promise<void> }>;
}

export async function runZonalJob(job: ZonalThreadJob): Promise<ZoneStats[]> {
  const { openByteSource } = (await import(job.opener)) as Opener;
  const bytes = await openByteSource(job.raster);
  try {
    const tiff = await openTiff(bytes, job.cacheBytes === undefined ? {} : { cacheBytes: job.cacheBytes });
    const source = levelSource(tiff, job.level);
    const value = productValue(job.product, job.bands, source.reader.info.bands);
    return await zonalStatsMany(source, job.geometries, value, job.options);
  } finally {
    await bytes.close?.();
  }
}
