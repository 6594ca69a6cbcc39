/**
 * The `survey.process` job: one uploaded version of a survey → a published Cloud Optimized GeoTIFF
 * with its footprint. Steps, each safe to repeat: verify the whole-file SHA-256 → validate the TIFF
 * from its header → build the COG (skipped when this version's COG is already stored) → trace the
 * footprint → publish everything in one transaction. Files are written under the version's own
 * prefix, so until the publish commits the previous version (or none) stays what users see; a crash
 * anywhere leaves nothing half-published and the rerun picks up where the store says it can.
 */
import {
  NotFoundError,
  UnsupportedRasterError,
  openTiff,
  validDataPolygon,
  simplifyPolygon,
  reprojectGeometry,
  bboxOf,
  footprintTolerance,
  WGS84_PROJ4,
  groundSampleDistance,
  indexDefinition,
  type BandContext,
  type RasterInfo,
  type Tiff,
} from '@belcheer/processing';
import { availableProducts } from '../../../tiler/src/index.ts';
import type { Queryable } from '../db/db.ts';
import type { HandlerDeps } from '../jobs/handlers.ts';
import { isPermanent, PermanentJobError, type JobContext } from '../jobs/worker.ts';
import { sha256Of } from '../storage/measure.ts';
import * as repo from './surveys.repository.ts';
import type { ProcessPayload } from './surveys.service.ts';
import { cogKey, coverKey, productKey, sourceKey, versionPrefix } from './survey.keys.ts';
import { buildIndexProduct } from './survey.products.ts';
import { storeCog } from './store.cog.ts';
import { buildCoverLayer, coverIndexOf, coverThreshold } from './survey.cover.ts';
import { enqueueAnalysis } from '../analysis/analysis.queue.ts';

/** The footprint is traced on the first overview at most this wide (a few metres per pixel for typical orthos). */
const FOOTPRINT_MAX_SIZE = 1024;

function parsePayload(payload: unknown): ProcessPayload {
  const p = payload as Partial<ProcessPayload> | null;
  if (!p || typeof p.surveyId !== 'string' || typeof p.version !== 'number')
    throw new PermanentJobError('malformed survey.process payload');
  return { surveyId: p.surveyId, version: p.version, expectedSha256: p.expectedSha256 ?? null };
}

/** Band names in file order: the survey's declaration wins, then the file's, with the alpha band named. */
export function resolveBands(
  info: RasterInfo,
  kind: 'rgb' | 'multispectral',
  declared: readonly string[] | null,
): string[] {
  if (declared) {
    if (declared.length !== info.bands) {
      throw new UnsupportedRasterError(
        `the survey declares ${declared.length} bands but the file has ${info.bands}`,
      );
    }
    return [...declared];
  }
  const names = [...info.bandNames];
  const colour = names.filter((n) => n !== 'alpha').length;
  if (kind === 'rgb' && colour < 3)
    throw new UnsupportedRasterError(`an RGB survey needs 3 colour bands; the file has ${colour}`);
  if (kind === 'multispectral' && names.every((n) => n === 'other' || n === 'alpha')) {
    throw new UnsupportedRasterError(
      'the file does not name its bands: declare the band order of this multispectral survey (bands)',
    );
  }
  return names;
}

async function footprintOf(tiff: Tiff): Promise<{ footprint: object; bbox: number[] }> {
  const index = tiff.levels.findIndex(
    (l) => l.info.width <= FOOTPRINT_MAX_SIZE && l.info.height <= FOOTPRINT_MAX_SIZE,
  );
  const reader = tiff.reader(index < 0 ? tiff.levels.length - 1 : index);
  const { width, height, transform, crs } = reader.info;
  const block = await reader.readWindow({ x: 0, y: 0, width, height });
  const mask = block.mask ?? new Uint8Array(width * height).fill(255);
  const traced = validDataPolygon(mask, width, height, transform);
  if (traced.coordinates.length === 0)
    throw new UnsupportedRasterError('the image has no valid pixels (everything is nodata or transparent)');
  const simplified = simplifyPolygon(traced, footprintTolerance(transform));
  // Edges under ~1 km bend by far less than a centimetre between a projected CRS and lon/lat: keep them whole.
  const footprint = reprojectGeometry(simplified, crs.proj4, WGS84_PROJ4, { maxSegmentLength: 1000 });
  const bbox = bboxOf(footprint);
  if (!bbox) throw new UnsupportedRasterError('the footprint of the valid pixels is empty');
  return { footprint, bbox: [...bbox] };
}

/** A file of the version besides the COG, recorded in survey_assets when the version is published. */
interface PublishedAsset {
  readonly kind: string;
  readonly key: string;
  readonly size: number;
}

export function createSurveyProcessor({ db, store, config, logger }: HandlerDeps) {
  async function setProgress(
    q: Queryable,
    p: ProcessPayload,
    ctx: JobContext,
    percent: number,
  ): Promise<void> {
    await repo.setSurveyProgress(q, p.surveyId, p.version, percent);
    await ctx.progress(percent);
  }

  async function verifyChecksum(p: ProcessPayload): Promise<void> {
    const rows = await db.query<{ source_sha256: string | null }>(
      'SELECT source_sha256 FROM surveys WHERE id = $1',
      [p.surveyId],
    );
    const actual = rows[0]?.source_sha256 ?? (await sha256Of(store.read(sourceKey(p.surveyId, p.version))));
    if (p.expectedSha256 && p.expectedSha256 !== actual) {
      throw new PermanentJobError(
        `SHA-256 mismatch: the client declared ${p.expectedSha256}, the server received ${actual}`,
      );
    }
    await db.query('UPDATE surveys SET source_sha256 = $2 WHERE id = $1 AND pending_version = $3', [
      p.surveyId,
      actual,
      p.version,
    ]);
  }

  function buildCog(p: ProcessPayload, ctx: JobContext, tiff: Tiff): Promise<number> {
    const onProgress = progressBetween(p, ctx, 5, 85);
    return storeCog(store, cogKey(p.surveyId, p.version), () => ({ reader: tiff.reader(0) }), onProgress);
  }

  /** Threshold and cover layer of the version; null when the bands allow no green index. */
  async function greenCover(
    p: ProcessPayload,
    ctx: JobContext,
    tiff: Tiff,
    kind: 'rgb' | 'multispectral',
    bands: BandContext,
  ): Promise<{ layer: { index: string; threshold: number } | null; assets: PublishedAsset[] }> {
    const none = { layer: null, assets: [] };
    const index = coverIndexOf(kind, bands);
    if (!index) return none;
    const threshold = await coverThreshold(tiff, index, bands);
    if (threshold === null) return none;
    const key = coverKey(p.surveyId, p.version);
    const size = await buildCoverLayer(
      store,
      key,
      tiff,
      index,
      bands,
      threshold,
      progressBetween(p, ctx, 85, 90),
    );
    return { layer: { index: index.definition.name, threshold }, assets: [{ kind: 'cover', key, size }] };
  }

  /** The green-cover index as a product file (other indices are built on request). */
  async function indexProducts(
    p: ProcessPayload,
    ctx: JobContext,
    tiff: Tiff,
    bands: BandContext,
    index: string | undefined,
  ): Promise<PublishedAsset[]> {
    if (!index) return [];
    const key = productKey(p.surveyId, p.version, index);
    const onProgress = progressBetween(p, ctx, 90, 97);
    const size = await buildIndexProduct(store, key, tiff, indexDefinition(index), bands, onProgress);
    return [{ kind: `product:${index}`, key, size }];
  }

  /** A progress callback mapping 0–1 onto `from`–`to` %, reporting whole-percent steps. */
  function progressBetween(p: ProcessPayload, ctx: JobContext, from: number, to: number) {
    let last = from;
    return (fraction: number) => {
      const percent = Math.floor(from + fraction * (to - from));
      if (percent > last) {
        last = percent;
        void setProgress(db, p, ctx, percent).catch(() => undefined);
      }
    };
  }

  async function publish(
    p: ProcessPayload,
    fields: {
      cogSize: number;
      info: RasterInfo;
      bands: string[];
      footprint: object;
      bbox: number[];
      gsd: number;
      bandContext: BandContext;
      cover: { layer: { index: string; threshold: number } | null };
      assets: readonly PublishedAsset[];
    },
  ): Promise<boolean> {
    return db.transaction(async (tx) => {
      const record = await repo.getSurveyRecord(tx, null, p.surveyId, true);
      if (record.pendingVersion !== p.version) return false;
      await repo.insertAsset(tx, {
        surveyId: p.surveyId,
        version: p.version,
        kind: 'cog',
        key: cogKey(p.surveyId, p.version),
        size: fields.cogSize,
        sha256: null,
      });
      for (const a of fields.assets) {
        await repo.insertAsset(tx, { surveyId: p.surveyId, version: p.version, ...a, sha256: null });
      }
      const { info } = fields;
      await tx.query(
        `UPDATE surveys SET status = 'ready', progress = 100, error = NULL, version = $2,
                footprint = ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($3), 4326)), bbox = $4, crs = $5, gsd = $6,
                width = $7, height = $8, bands = $9, sample_format = $10, products = $11, cover_index = $12,
                cover_threshold = $13, updated_at = now()
          WHERE id = $1`,
        [
          p.surveyId,
          p.version,
          JSON.stringify(fields.footprint),
          fields.bbox,
          JSON.stringify(info.crs),
          fields.gsd,
          info.width,
          info.height,
          fields.bands,
          info.sampleFormat,
          availableProducts(fields.bandContext, fields.cover.layer !== null),
          fields.cover.layer?.index ?? null,
          fields.cover.layer?.threshold ?? null,
        ],
      );
      return true;
    });
  }

  return async function processSurvey(payload: unknown, ctx: JobContext): Promise<void> {
    const p = parsePayload(payload);
    let record: repo.SurveyRecord;
    try {
      record = await repo.getSurveyRecord(db, null, p.surveyId);
    } catch (err) {
      if (err instanceof NotFoundError) return; // deleted meanwhile: nothing to do
      throw err;
    }
    if (record.pendingVersion !== p.version) return; // superseded by a newer upload
    const log = logger.child({ survey: p.surveyId, version: p.version });
    try {
      await repo.setSurveyStatus(db, p.surveyId, 'processing', { progress: 1, error: null });
      await verifyChecksum(p);
      await setProgress(db, p, ctx, 3);
      const source = await store.open(sourceKey(p.surveyId, p.version));
      let published: boolean;
      try {
        const tiff = await openTiff(source, { limits: { maxSamples: config.maxPixels } });
        const bands = resolveBands(tiff.info, record.survey.kind, record.declaredBands);
        const cogSize = await buildCog(p, ctx, tiff);
        await setProgress(db, p, ctx, 85);
        const cog = await store.open(cogKey(p.surveyId, p.version));
        try {
          const cogTiff = await openTiff(cog);
          const bandContext = {
            names: bands,
            reflectance: repo.reflectanceOf(record.declaredReflectance, cogTiff.info.sampleFormat),
          };
          const cover = await greenCover(p, ctx, cogTiff, record.survey.kind, bandContext);
          await setProgress(db, p, ctx, 90);
          const products = await indexProducts(p, ctx, cogTiff, bandContext, cover.layer?.index);
          await setProgress(db, p, ctx, 97);
          const { footprint, bbox } = await footprintOf(cogTiff);
          const gsd = groundSampleDistance(
            cogTiff.info.transform,
            cogTiff.info.crs,
            cogTiff.info.width,
            cogTiff.info.height,
          );
          published = await publish(p, {
            cogSize,
            info: cogTiff.info,
            bands,
            bandContext,
            footprint,
            bbox,
            gsd,
            cover,
            assets: [...cover.assets, ...products],
          });
        } finally {
          await cog.close();
        }
      } finally {
        await source.close();
      }
      if (published) {
        for (let v = 1; v < p.version; v++) await store.deletePrefix(versionPrefix(p.surveyId, v));
        log.info('survey published');
        await enqueueAnalysis(db, p.surveyId, p.version);
      } else {
        await store.deletePrefix(versionPrefix(p.surveyId, p.version));
      }
    } catch (err) {
      if (isPermanent(err) || ctx.attempt >= ctx.maxAttempts) {
        const message = err instanceof Error ? err.message : String(err);
        await db.query(
          `UPDATE surveys SET status = 'failed', error = $3, updated_at = now() WHERE id = $1 AND pending_version = $2`,
          [
            p.surveyId,
            p.version,
            isPermanent(err) ? message : `processing failed after ${ctx.attempt} attempts: ${message}`,
          ],
        );
      }
      throw err;
    }
  };
}
