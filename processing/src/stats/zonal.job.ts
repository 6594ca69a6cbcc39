/**
 * One run of zonal statistics over threads, on whichever thread runs it: opens the raster through the
 * job's opener module, builds the product's value function and runs zonalStatsMany on the job's
 * polygons. A pool thread keeps its opened rasters (RasterCache) for the next jobs; the calling thread
 * opens and closes (runZonalJob).
 * Reference: SPEC §5 (zonal statistics on a 2-core machine).
 */
import type { ByteSource } from '../raster/types.ts';
import { openTiff } from '../tiff/open.tiff.ts';
import type { Tiff } from '../tiff/tiff.ts';
import { productValue } from './product.value.ts';
import { levelSource } from './zonal.stats.ts';
import { zonalStatsMany } from './zonal.stats.many.ts';
import type { ZonalThreadJob } from './zonal.threads.ts';
import type { ZoneStats } from './zone.summary.ts';

interface Opener {
  openByteSource(raster: unknown): Promise<ByteSource & { close?(): Promise<void> }>;
}

interface Opened {
  readonly tiff: Promise<Tiff>;
  readonly close: () => Promise<void>;
}

function openRaster(job: ZonalThreadJob): Opened {
  const bytes = import(job.opener).then(({ openByteSource }: Opener) => openByteSource(job.raster));
  return {
    tiff: bytes.then((b) => openTiff(b, job.cacheBytes === undefined ? {} : { cacheBytes: job.cacheBytes })),
    close: () => bytes.then((b) => b.close?.()),
  };
}

/** zonalStatsMany of `job` on an opened raster. */
async function statsOf(job: ZonalThreadJob, tiff: Tiff): Promise<ZoneStats[]> {
  const source = levelSource(tiff, job.level);
  const value = productValue(job.product, job.bands, source.reader.info.bands);
  return zonalStatsMany(source, job.geometries, value, job.options);
}

/** The job on this thread, its raster opened and closed. */
export async function runZonalJob(job: ZonalThreadJob): Promise<ZoneStats[]> {
  const opened = openRaster(job);
  try {
    return await statsOf(job, await opened.tiff);
  } finally {
    await opened.close().catch(() => undefined);
  }
}

/** Rasters opened by a pool thread, by opener, raster and cache size; the least recently used closed beyond `capacity`. */
export class RasterCache {
  private readonly opened = new Map<string, Opened>();

  constructor(private readonly capacity = 2) {}

  async run(job: ZonalThreadJob): Promise<ZoneStats[]> {
    const key = JSON.stringify([job.opener, job.raster, job.cacheBytes ?? null]);
    let entry = this.opened.get(key);
    if (entry) this.opened.delete(key);
    else entry = openRaster(job);
    this.opened.set(key, entry);
    for (const [old, e] of this.opened) {
      if (this.opened.size <= this.capacity) break;
      this.opened.delete(old);
      void e.close().catch(() => undefined);
    }
    const tiff = await entry.tiff.catch((err: unknown) => {
      this.opened.delete(key);
      throw err;
    });
    return statsOf(job, tiff);
  }
}
