/**
 * Index products as files (SPEC §3 `GET /api/surveys/{id}/products/{product}.tif`, issue 6): an index
 * of DOMAIN §2 written as a one-band float32 COG (NaN and masked where undefined) with its name as
 * band description and its statistics in GDAL_METADATA (STATISTICS_*, approximate: from the first
 * overview at most 2048 px wide, as `gdalinfo -approx_stats`), which QGIS and GDAL read.
 * `survey.process` builds the green-cover index (ExG or NDVI); any other index is built on first
 * request by the `survey.product` job, so a survey's storage does not grow by 4 bytes a pixel for
 * each of up to 14 indices nobody asked for.
 */
import {
  indexBands,
  indexDefinition,
  indexOverOverview,
  indexRasterReader,
  NotFoundError,
  openTiff,
  type BandContext,
  type BandStatistics,
  type IndexDefinition,
  type Tiff,
} from '@belcheer/processing';
import type { Store } from '../storage/store.ts';
import type { HandlerDeps } from '../jobs/handlers.ts';
import { PermanentJobError, type JobContext } from '../jobs/worker.ts';
import * as repo from './surveys.repository.ts';
import type { ProductPayload } from './surveys.service.ts';
import { cogKey, productKey } from './survey.keys.ts';
import { storeCog } from './store.cog.ts';

/** Overview the statistics are computed on: the first at most this wide. */
const STATISTICS_MAX_SIZE = 2048;

/** Approximate statistics of the index over the survey. */
export async function indexStatistics(
  tiff: Tiff,
  def: IndexDefinition,
  bands: BandContext,
): Promise<BandStatistics> {
  const { values, level } = await indexOverOverview(
    tiff,
    def,
    indexBands(def, bands),
    bands.reflectance,
    STATISTICS_MAX_SIZE,
  );
  let n = 0;
  let mean = 0;
  let m2 = 0;
  let minimum = Infinity;
  let maximum = -Infinity;
  for (const v of values) {
    if (v !== v) continue;
    n++;
    const d = v - mean;
    mean += d / n;
    m2 += d * (v - mean);
    if (v < minimum) minimum = v;
    if (v > maximum) maximum = v;
  }
  const approximate = level > 0;
  if (n === 0) return { minimum: 0, maximum: 0, mean: 0, stdDev: 0, validPercent: 0, approximate };
  return {
    minimum,
    maximum,
    mean,
    stdDev: Math.sqrt(m2 / n),
    validPercent: (100 * n) / values.length,
    approximate,
  };
}

/** Writes the index product to `key` unless already stored; returns its size in bytes. */
export function buildIndexProduct(
  store: Store,
  key: string,
  tiff: Tiff,
  def: IndexDefinition,
  bands: BandContext,
  onProgress: (fraction: number) => void,
): Promise<number> {
  return storeCog(
    store,
    key,
    async () => ({
      reader: indexRasterReader({
        reader: tiff.reader(0),
        definition: def,
        offsets: indexBands(def, bands),
        reflectance: bands.reflectance,
      }),
      options: {
        bandMetadata: [{ description: def.name, statistics: await indexStatistics(tiff, def, bands) }],
      },
    }),
    onProgress,
  );
}

function parsePayload(payload: unknown): ProductPayload {
  const p = payload as Partial<ProductPayload> | null;
  if (!p || typeof p.surveyId !== 'string' || typeof p.version !== 'number' || typeof p.product !== 'string')
    throw new PermanentJobError('malformed survey.product payload');
  return { surveyId: p.surveyId, version: p.version, product: p.product };
}

/** The `survey.product` job: one index product of a published version, built on request. */
export function createProductBuilder({ db, store }: HandlerDeps) {
  return async function buildProduct(payload: unknown, ctx: JobContext): Promise<void> {
    const p = parsePayload(payload);
    let record: repo.SurveyRecord;
    try {
      record = await repo.getSurveyRecord(db, null, p.surveyId);
    } catch (err) {
      if (err instanceof NotFoundError) return; // deleted meanwhile
      throw err;
    }
    if (record.survey.version !== p.version) return; // a newer version replaced it
    const def = indexDefinition(p.product);
    const key = productKey(p.surveyId, p.version, def.name);
    const cog = await store.open(cogKey(p.surveyId, p.version));
    let size: number;
    try {
      const tiff = await openTiff(cog);
      size = await buildIndexProduct(store, key, tiff, def, record.bandContext, (f) => {
        void ctx.progress(Math.floor(f * 100)).catch(() => undefined);
      });
    } finally {
      await cog.close();
    }
    await db.transaction(async (tx) => {
      const current = await repo.getSurveyRecord(tx, null, p.surveyId, true);
      if (current.survey.version !== p.version) return;
      await repo.insertAsset(tx, {
        surveyId: p.surveyId,
        version: p.version,
        kind: `product:${def.name}`,
        key,
        size,
        sha256: null,
      });
    });
  };
}
