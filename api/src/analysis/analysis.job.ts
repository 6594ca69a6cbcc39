/**
 * The `survey.analysis` job: one published survey version → its biomass calibration and per-unit
 * results, written together in one transaction (the previous rows stay visible until it commits).
 *  1. calibration: each field plot of the survey (dry-matter biomass, not deleted) gets the mean of the
 *     calibration index (the survey's green-cover index, ExG or NDVI) over its square window
 *     (pixel-centre rule; coverage-weighted when no pixel centre falls inside, i.e. pixels larger than
 *     the plot), then `calibrate` (linear and exponential, lower LOO RMSE wins, < 5 plots → uncalibrated);
 *  2. every pasture unit of the organisation meeting the footprint: zonal statistics of the index over
 *     the unit (reprojected to the COG's CRS, pixel-centre rule) at the finest level holding the unit's
 *     bounding box in MAX_UNIT_PIXELS, the mean of the cover layer (cover %), then unitNumbers.
 * A job for a version that is no longer the published one does nothing (the newer one has its own job).
 * Reference: DOMAIN.md §3, §4, §6; SPEC §2.3; issue 6.
 */
import type { Polygon, MultiPolygon } from 'geojson';
import {
  bboxOf,
  calibrate,
  levelSource,
  NotFoundError,
  openTiff,
  productValue,
  reprojectGeometry,
  WGS84_PROJ4,
  zonalStats,
  type Calibration,
  type ModelFit,
  type PixelValue,
  type Tiff,
  type ZonalSource,
} from '@belcheer/processing';
import type { HandlerDeps } from '../jobs/handlers.ts';
import { PermanentJobError, type JobContext } from '../jobs/worker.ts';
import type { Store } from '../storage/store.ts';
import { getSurveyRecord, type SurveyRecord } from '../surveys/surveys.repository.ts';
import { cogKey, coverKey } from '../surveys/survey.keys.ts';
import * as repo from './analysis.repository.ts';
import type { AnalysisPayload } from './analysis.queue.ts';
import { plotWindow } from './plot.window.ts';
import { unitNumbers } from './unit.result.ts';

/** Most pixels in a unit's bounding box at the level its statistics are read from (2^24 ≈ 16.8 Mpx). */
export const MAX_UNIT_PIXELS = 2 ** 24;

function parsePayload(payload: unknown): AnalysisPayload {
  const p = payload as Partial<AnalysisPayload> | null;
  if (!p || typeof p.surveyId !== 'string' || typeof p.version !== 'number')
    throw new PermanentJobError('malformed survey.analysis payload');
  return { surveyId: p.surveyId, version: p.version };
}

/** The finest level of `tiff` whose pixels in the bbox of `geometry` (raster CRS) are at most `max`. */
export function unitLevel(tiff: Tiff, geometry: Polygon | MultiPolygon, max = MAX_UNIT_PIXELS): number {
  const box = bboxOf(geometry);
  if (!box) return 0;
  const last = tiff.levels.length - 1;
  for (let i = 0; i < last; i++) {
    const [, a, b, , d, e] = tiff.levels[i]!.info.transform;
    const pixelArea = Math.abs(a * e - b * d);
    if (((box[2] - box[0]) * (box[3] - box[1])) / pixelArea <= max) return i;
  }
  return last;
}

/** Wire form of a model fit (snake_case, as the API and the calibrations table hold it). */
function fitJson(fit: ModelFit | null) {
  return fit && { model: fit.model, n: fit.n, r2: fit.r2, rmse: fit.rmse, loo_rmse: fit.looRmse };
}

/** An opened store file, closed by `close`. */
async function openStored(store: Store, key: string): Promise<{ tiff: Tiff; close: () => Promise<void> }> {
  const source = await store.open(key);
  try {
    return { tiff: await openTiff(source), close: () => source.close() };
  } catch (err) {
    await source.close();
    throw err;
  }
}

/** Mean index over a plot's window: pixel centres inside, else the pixels it touches by coverage. */
async function plotIndex(source: ZonalSource, window: Polygon, value: PixelValue): Promise<number> {
  const centre = await zonalStats(source, window, value, { histogram: { bins: 1 } });
  if (centre.count > 0) return centre.mean!;
  const touched = await zonalStats(source, window, value, { mode: 'coverage', histogram: { bins: 1 } });
  return touched.mean ?? NaN;
}

export function createAnalysisJob({ db, store, logger }: HandlerDeps) {
  async function calibrationOf(record: SurveyRecord, cog: Tiff, value: PixelValue) {
    const plots = await repo.calibrationPlots(db, record.survey.id);
    const source = levelSource(cog, 0);
    const points = [];
    for (const p of plots) {
      const window = plotWindow(p.lon, p.lat, p.plotSizeM, cog.info);
      points.push({ plot: p.id, index: await plotIndex(source, window, value), biomass: p.biomassKgHa });
    }
    const calibration = calibrate(points.map((p) => ({ index: p.index, biomass: p.biomass })));
    const wire = points.map((p) => ({
      plot: p.plot,
      index: Number.isFinite(p.index) ? p.index : null,
      biomass_kg_ha: p.biomass,
    }));
    return { calibration, points: wire };
  }

  function storedCalibration(
    index: string | null,
    calibration: Calibration,
    points: unknown[],
    plotsDigest: string,
  ): Omit<repo.StoredCalibration, 'surveyVersion' | 'computedAt'> {
    const base = { index, n: calibration.n, points, plotsDigest };
    if (calibration.status === 'uncalibrated') {
      return {
        ...base,
        status: 'uncalibrated',
        reason: calibration.reason,
        model: null,
        linear: null,
        exponential: null,
        notes: [],
      };
    }
    return {
      ...base,
      status: 'calibrated',
      reason: null,
      model: calibration.best.model.kind,
      linear: fitJson(calibration.linear),
      exponential: fitJson(calibration.exponential),
      notes: [...calibration.notes],
    };
  }

  async function unitResults(
    record: SurveyRecord,
    index: string,
    cog: Tiff,
    cover: Tiff,
    value: PixelValue,
    calibration: Calibration,
    ctx: JobContext,
  ): Promise<repo.ResultRow[]> {
    const units = await repo.unitsOverFootprint(db, record.survey.id);
    const { proj4 } = cog.info.crs;
    const out: repo.ResultRow[] = [];
    for (const [i, unit] of units.entries()) {
      const inRaster = reprojectGeometry(unit.geometry, WGS84_PROJ4, proj4, { maxSegmentLength: 0 });
      const level = unitLevel(cog, inRaster);
      const stats = await zonalStats(levelSource(cog, level), inRaster, value);
      const coverStats = await zonalStats(
        levelSource(cover, unitLevel(cover, inRaster)),
        inRaster,
        (b) => b[0]!,
        {
          histogram: { bins: 1 },
        },
      );
      const numbers = unitNumbers(unit, stats, calibration);
      out.push({
        unitId: unit.id,
        unitVersion: unit.version,
        product: index,
        stats: { ...stats, level },
        coveragePct: numbers.coveragePct,
        coverPct: coverStats.mean,
        biomassKgHa: numbers.biomassKgHa,
        recoveryClass: numbers.recoveryClass,
        capacitySu: numbers.capacitySu,
        seasonDays: numbers.seasonDays,
      });
      await ctx.progress(20 + Math.floor((75 * (i + 1)) / units.length));
    }
    return out;
  }

  return async function analyseSurvey(payload: unknown, ctx: JobContext): Promise<void> {
    const p = parsePayload(payload);
    let record: SurveyRecord;
    try {
      record = await getSurveyRecord(db, null, p.surveyId);
    } catch (err) {
      if (err instanceof NotFoundError) return; // deleted meanwhile
      throw err;
    }
    if (record.survey.version !== p.version) return; // superseded, or not published yet
    const survey = { id: p.surveyId, version: p.version, organisationId: record.organisationId };
    const plotsDigest = await repo.plotsDigest(db, p.surveyId);
    const index = record.survey.cover?.index ?? null;
    if (!index) {
      const none: Calibration = {
        status: 'uncalibrated',
        n: 0,
        reason: 'the survey’s bands allow no green index',
      };
      await db.transaction((tx) =>
        repo.saveAnalysis(tx, survey, storedCalibration(null, none, [], plotsDigest), []),
      );
      return;
    }
    const cog = await openStored(store, cogKey(p.surveyId, p.version));
    try {
      const cover = await openStored(store, coverKey(p.surveyId, p.version));
      try {
        const value = productValue(index, record.bandContext, cog.tiff.info.bands);
        const { calibration, points } = await calibrationOf(record, cog.tiff, value);
        await ctx.progress(20);
        const results = await unitResults(record, index, cog.tiff, cover.tiff, value, calibration, ctx);
        const stored = storedCalibration(index, calibration, points, plotsDigest);
        await db.transaction(async (tx) => {
          const current = await getSurveyRecord(tx, null, p.surveyId, true);
          if (current.survey.version === p.version) await repo.saveAnalysis(tx, survey, stored, results);
        });
        logger.info({ survey: p.surveyId, version: p.version, units: results.length }, 'survey analysed');
      } finally {
        await cover.close();
      }
    } finally {
      await cog.close();
    }
  };
}
