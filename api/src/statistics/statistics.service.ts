/**
 * Zonal statistics of a survey product (SPEC §3 POST /api/statistics): checks access (another
 * organisation's or an unprocessed survey is 404), validates every geometry (range, closure,
 * self-intersection — reported, never fixed) in its declared CRS, reprojects the polygons to the
 * raster's CRS (vertex by vertex, as rasterio's transform_geom) and runs zonalStats on the requested
 * level of the survey's COG: on this thread for a few polygons, on the service's persistent thread
 * pool (each thread opening the COG from the store, and keeping it) from THREADED_FEATURES on, which
 * also keeps the event loop free. Features come back in input order with their id, properties and stats.
 */
import type { MultiPolygon, Polygon } from 'geojson';
import {
  levelSource,
  LON_LAT_RANGE,
  productValue,
  reprojectGeometry,
  validatePolygonal,
  ValidationError,
  ZonalPool,
  zonalStatsMany,
  type HistogramSpec,
  type ZonalMode,
  type ZoneStatName,
  type ZoneStats,
} from '@belcheer/processing';
import type { Db } from '../db/db.ts';
import type { Caller } from '../auth/caller.ts';
import type { S3Config } from '../config.ts';
import type { Store } from '../storage/store.ts';
import { cogKey } from '../surveys/survey.keys.ts';
import { publishedSurvey } from '../tiles/survey.sources.ts';
import { CogCache } from './cog.cache.ts';
import { requestCrs } from './request.crs.ts';
import type { StoreRaster } from './store.byte.source.ts';

export const MAX_FEATURES = 5000;
/** From this many features on, a request runs on the thread pool. */
export const THREADED_FEATURES = 100;
/** Block cache of each pool thread's opened COG. */
const THREAD_CACHE_BYTES = 64 * 1024 * 1024;
const OPENER = new URL('./store.byte.source.ts', import.meta.url).href;

export interface StatisticsRequest {
  readonly survey: string;
  readonly product: string;
  readonly geometry?: unknown;
  readonly featureCollection?: { readonly features: readonly unknown[]; readonly crs?: unknown };
  readonly crs?: unknown;
  readonly mode?: ZonalMode;
  readonly overview?: number;
  readonly histogram?: HistogramSpec;
  readonly stats?: ReadonlyArray<ZoneStatName>;
}

export interface StatFeature {
  readonly type: 'Feature';
  readonly id?: string | number;
  readonly geometry: Polygon | MultiPolygon;
  readonly properties: Record<string, unknown> & { stats: ZoneStats };
}

interface InputFeature {
  readonly id?: string | number;
  readonly geometry: unknown;
  readonly properties: Record<string, unknown>;
}

function inputFeatures(req: StatisticsRequest): { features: InputFeature[]; crs: unknown } {
  if ((req.geometry === undefined) === (req.featureCollection === undefined)) {
    throw new ValidationError('give exactly one of geometry and featureCollection');
  }
  if (req.featureCollection === undefined) {
    const g = req.geometry as { crs?: unknown };
    return { features: [{ geometry: req.geometry, properties: {} }], crs: req.crs ?? g?.crs };
  }
  const { features, crs } = req.featureCollection;
  if (features.length > MAX_FEATURES) {
    throw new ValidationError(`${features.length} features: at most ${MAX_FEATURES} per request`, {
      features: features.length,
      max: MAX_FEATURES,
    });
  }
  return {
    crs: req.crs ?? crs,
    features: features.map((f, i) => {
      const o = typeof f === 'object' && f !== null ? (f as Record<string, unknown>) : {};
      if (o['type'] !== 'Feature') throw new ValidationError(`feature ${i} is not a GeoJSON Feature`);
      const id = o['id'];
      const props = o['properties'];
      return {
        ...(typeof id === 'string' || typeof id === 'number' ? { id } : {}),
        geometry: o['geometry'],
        properties: typeof props === 'object' && props !== null ? (props as Record<string, unknown>) : {},
      };
    }),
  };
}

/** Where the pool threads open the store: STORAGE and its S3 settings. */
export interface StoreSettings {
  readonly storage: string;
  readonly s3: S3Config;
}

export function createStatisticsService(db: Db, store: Store, settings: StoreSettings) {
  const cogs = new CogCache(store);
  const pool = new ZonalPool();
  return {
    async compute(caller: Caller, req: StatisticsRequest): Promise<StatFeature[]> {
      const record = await publishedSurvey(db, caller, req.survey);
      const { features, crs: crsMember } = inputFeatures(req);
      const crs = requestCrs(crsMember);
      const range = crs.epsg === 4326 ? LON_LAT_RANGE : null;
      const geometries = features.map((f, i) => validatePolygonal(f.geometry, `feature ${i}`, range));
      const tiff = await cogs.open(cogKey(record.survey.id, record.survey.version));
      const source = levelSource(tiff, req.overview ?? 0);
      const { info } = source.reader;
      const value = productValue(req.product, record.bandContext, info.bands);
      const options = {
        mode: req.mode ?? 'centre',
        ...(req.histogram ? { histogram: req.histogram } : {}),
        ...(req.stats ? { stats: req.stats } : {}),
      };
      const inRaster = geometries.map((g) =>
        reprojectGeometry(g, crs.proj4, info.crs.proj4, { maxSegmentLength: 0 }),
      );
      const key = cogKey(record.survey.id, record.survey.version);
      const stats =
        inRaster.length < THREADED_FEATURES
          ? await zonalStatsMany(source, inRaster, value, options)
          : await pool.run({
              opener: OPENER,
              raster: { ...settings, key } satisfies StoreRaster,
              level: req.overview ?? 0,
              cacheBytes: THREAD_CACHE_BYTES,
              product: req.product,
              bands: record.bandContext,
              geometries: inRaster,
              options,
            });
      return features.map((f, i) => ({
        type: 'Feature' as const,
        ...(f.id !== undefined ? { id: f.id } : {}),
        geometry: geometries[i]!,
        properties: { ...f.properties, stats: stats[i]! },
      }));
    },
  };
}

export type StatisticsService = ReturnType<typeof createStatisticsService>;
