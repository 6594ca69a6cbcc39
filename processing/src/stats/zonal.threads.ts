/**
 * What zonal statistics over threads exchange (zonal.pool.ts): a job — the polygons of one thread, the
 * raster named for an opener module (a module exporting `openByteSource(raster)`, so the caller decides
 * what `raster` names: a file path, a store key and its settings, …), the product and options — and
 * its reply; how polygons are cut into runs (top to bottom in the raster's CRS, equal bbox area, so
 * each thread reads its own band of blocks); a validation, too-large or unsupported-raster error
 * thrown in a thread made again as that typed error.
 * Reference: SPEC §5 (zonal statistics on a 2-core machine); Node.js worker_threads.
 */
import type { MultiPolygon, Polygon } from 'geojson';
import { bboxOf } from '../footprint/bbox.ts';
import {
  PayloadTooLargeError,
  UnsupportedRasterError,
  ValidationError,
  type ErrorDetails,
} from '../errors.ts';
import type { BandContext } from '../indices/index.kernel.ts';
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

export type ThreadError = Extract<ZonalThreadReply, { error: unknown }>['error'];

/** The typed errors zonal statistics throw, made again from what a thread posted. */
const TYPED: Record<string, (message: string, code: string, details?: ErrorDetails) => Error> = {
  ValidationError: (m, c, d) => new ValidationError(m, d, c),
  PayloadTooLargeError: (m, c) => new PayloadTooLargeError(m, c),
  UnsupportedRasterError: (m, c, d) => new UnsupportedRasterError(m, d, c),
};

export function rebuild({ name, message, code, details }: ThreadError): Error {
  const make = code ? TYPED[name] : undefined;
  return make && code ? make(message, code, details) : new Error(`zonal statistics thread: ${message}`);
}
