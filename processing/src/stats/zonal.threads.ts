/**
 * zonalStatsMany over worker threads (`node:worker_threads`, one per core by default): the polygons,
 * ordered top to bottom in the raster's CRS, are cut into one contiguous run per thread with equal
 * bbox area, so each thread reads its own band of blocks; every thread opens the raster itself through
 * `opener` (a module exporting `openByteSource(raster)`, so the caller decides what `raster` names: a
 * file path, a store key and its settings, …) and runs zonalStatsMany on its run (zonal.job.ts). With
 * `here`, the first run is done on the calling thread instead of a new one (a batch saves a thread's
 * start-up; a server leaves it false to keep its event loop free). Results come back in input order; a validation, too-large or unsupported-raster error thrown in a thread is rethrown here
 * as that typed error.
 * Reference: SPEC §5 (zonal statistics on a 2-core machine); Node.js worker_threads.
 */
import type { MultiPolygon, Polygon } from 'geojson';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { bboxOf } from '../footprint/bbox.ts';
import {
  PayloadTooLargeError,
  UnsupportedRasterError,
  ValidationError,
  type ErrorDetails,
} from '../errors.ts';
import type { BandContext } from '../indices/index.kernel.ts';
import { runZonalJob } from './zonal.job.ts';
import type { ZonalOptions } from './zonal.stats.ts';
import type { ZoneStats } from './zone.summary.ts';

/** What a thread needs for its polygons: all of it structured-cloneable. */
export interface ZonalThreadJob {
  /** URL of a module exporting `openByteSource(raster: unknown): Promise<ByteSource>`. */
  readonly opener: string;
  /** Passed to `openByteSource` as is. */
  readonly raster: unknown;
  /** Level of the TIFF (0 = full resolution). */
  readonly level: number;
  /** Block cache of each thread's opened TIFF (bytes). */
  readonly cacheBytes?: number;
  /** A product as productValue takes it (b1…bN, a band name or an index) and the survey's bands. */
  readonly product: string;
  readonly bands: BandContext;
  /** Polygons in the raster's CRS. */
  readonly geometries: ReadonlyArray<Polygon | MultiPolygon>;
  readonly options: ZonalOptions;
}

export type ZonalThreadReply =
  | { readonly stats: ZoneStats[] }
  | { readonly error: { name: string; message: string; code?: string; details?: ErrorDetails } };

/** The thread's module, compiled by tsx registered in the thread (a `--import tsx` is not inherited). */
const WORKER_SOURCE = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(
  new URL('./zonal.thread.ts', import.meta.url).href,
)}); });`;

/** Input indices cut into `parts` runs, top to bottom, of about equal bbox area. */
export function splitByRows(geometries: ReadonlyArray<Polygon | MultiPolygon>, parts: number): number[][] {
  const boxes = geometries.map((g) => bboxOf(g));
  const order = geometries
    .map((_, i) => i)
    .sort((a, b) => (boxes[b]?.[3] ?? -Infinity) - (boxes[a]?.[3] ?? -Infinity));
  const area = (i: number) => {
    const b = boxes[i];
    return b ? (b[2] - b[0]) * (b[3] - b[1]) : 0;
  };
  const total = order.reduce((s, i) => s + area(i), 0);
  const runs: number[][] = Array.from({ length: parts }, () => []);
  let seen = 0;
  for (const i of order) {
    const part = Math.min(parts - 1, total > 0 ? Math.floor((seen / total) * parts) : 0);
    runs[part]!.push(i);
    seen += area(i);
  }
  return runs.filter((r) => r.length > 0);
}

type ThreadError = Extract<ZonalThreadReply, { error: unknown }>['error'];

/** The typed errors zonal statistics throw, made again from what a thread posted. */
const TYPED: Record<string, (message: string, code: string, details?: ErrorDetails) => Error> = {
  ValidationError: (m, c, d) => new ValidationError(m, d, c),
  PayloadTooLargeError: (m, c) => new PayloadTooLargeError(m, c),
  UnsupportedRasterError: (m, c, d) => new UnsupportedRasterError(m, d, c),
};

function rebuild({ name, message, code, details }: ThreadError): Error {
  const make = code ? TYPED[name] : undefined;
  return make && code ? make(message, code, details) : new Error(`zonal statistics thread: ${message}`);
}

function runThread(job: ZonalThreadJob): Promise<ZoneStats[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: job });
    worker.once('message', (reply: ZonalThreadReply) => {
      void worker.terminate();
      if ('error' in reply) reject(rebuild(reply.error));
      else resolve(reply.stats);
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`zonal statistics thread exited with code ${code}`)));
  });
}

/** zonalStatsMany of `job` over `threads` threads (the calling one among them with `here`); results in input order. */
export async function zonalStatsThreads(
  job: ZonalThreadJob,
  threads = Math.min(2, availableParallelism()),
  { here = false }: { readonly here?: boolean } = {},
): Promise<ZoneStats[]> {
  const runs = splitByRows(job.geometries, threads);
  const parts = runs.map((run) => ({ ...job, geometries: run.map((i) => job.geometries[i]!) }));
  // The threads start first: the run done here would hold the event loop that starts them.
  const started = parts.map((part, t) => (here && t === 0 ? null : runThread(part)));
  const results = await Promise.all(started.map((thread, t) => thread ?? runZonalJob(parts[t]!)));
  const out = new Array<ZoneStats>(job.geometries.length);
  runs.forEach((run, t) => run.forEach((i, k) => (out[i] = results[t]![k]!)));
  return out;
}
