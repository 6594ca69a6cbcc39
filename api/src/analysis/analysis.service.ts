/**
 * Per-unit analysis of a survey (SPEC §3 `/api/surveys/{id}/analysis`): reads the stored calibration
 * and results, and keeps them current — when they no longer describe the survey (another version,
 * plots changed, a unit edited, deleted or newly meeting the footprint) a recompute is queued and the
 * current rows are answered with `stale: true`. Writers may force a recompute. Another organisation's
 * survey, or one without a published version, is 404.
 * Reference: SPEC §2.3; DOMAIN.md §3–§6; issue 6.
 */
import { coverClassLabel, coverClassIndex, DEFAULT_MIN_PLOTS, ForbiddenError } from '@belcheer/processing';
import type { Db } from '../db/db.ts';
import type { Caller } from '../auth/caller.ts';
import { audit } from '../audit/audit.ts';
import { publishedSurvey } from '../tiles/survey.sources.ts';
import * as repo from './analysis.repository.ts';
import { enqueueAnalysis } from './analysis.queue.ts';

type Status = 'queued' | 'running' | 'ready' | 'failed';

interface Fit {
  readonly r2: number | null;
  readonly rmse: number;
  readonly loo_rmse: number;
}

function statusOf(job: repo.AnalysisJobState | null, analysed: boolean): Status {
  if (job?.status === 'queued' || job?.status === 'running') return job.status;
  if (job?.status === 'dead') return 'failed';
  return analysed ? 'ready' : 'queued';
}

function calibrationBody(c: repo.StoredCalibration | null) {
  if (!c) return null;
  const best = (
    c.model === 'linear' ? c.linear : c.model === 'exponential' ? c.exponential : null
  ) as Fit | null;
  return {
    status: c.status,
    index: c.index,
    model: c.model,
    reason: c.reason,
    n: c.n,
    min_plots: DEFAULT_MIN_PLOTS,
    r2: best?.r2 ?? null,
    rmse: best?.rmse ?? null,
    loo_rmse: best?.loo_rmse ?? null,
    linear: c.linear,
    exponential: c.exponential,
    points: c.points,
    notes: c.notes,
    survey_version: c.surveyVersion,
    computed_at: c.computedAt,
  };
}

const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);

function unitFeature(r: Awaited<ReturnType<typeof repo.getResults>>[number]) {
  const s = r.stats;
  return {
    type: 'Feature' as const,
    id: r.unit_id,
    geometry: r.geometry,
    properties: {
      unit_id: r.unit_id,
      name: r.name,
      season: r.season,
      use: r.use,
      area_ha: r.area_ha,
      coverage_pct: r.coverage_pct,
      index: r.product,
      count: num(s['count']) ?? 0,
      level: num(s['level']) ?? 0,
      mean: num(s['mean']),
      std: num(s['std']),
      p10: num(s['p10']),
      p50: num(s['p50']),
      p90: num(s['p90']),
      cover_pct: r.cover_pct,
      cover_class: r.cover_pct === null ? null : coverClassLabel(coverClassIndex(r.cover_pct), 'en'),
      biomass_kg_ha: r.biomass_kg_ha,
      uncalibrated: r.biomass_kg_ha === null,
      recovery_class: r.recovery_class,
      reference_biomass_kg_ha: r.reference_biomass_kg_ha,
      capacity_su: r.capacity_su,
      season_days: r.season_days,
    },
  };
}

export function createAnalysisService(db: Db) {
  /** The analysis body of a published survey, after queueing a recompute when it is stale (or `force`). */
  async function analysis(surveyId: string, version: number, force: boolean) {
    const reasons = await repo.staleReasons(db, surveyId, version);
    if (force || reasons.length > 0) await enqueueAnalysis(db, surveyId, version);
    const [job, calibration, results] = await Promise.all([
      repo.latestJob(db, surveyId),
      repo.getCalibration(db, surveyId),
      repo.getResults(db, surveyId),
    ]);
    return {
      survey: surveyId,
      version,
      status: statusOf(job, calibration !== null),
      progress: job?.status === 'queued' ? 0 : (job?.progress ?? 100),
      ...(job?.status === 'dead' && job.error ? { error: job.error } : {}),
      stale: reasons.length > 0,
      stale_reasons: reasons,
      computed_at: calibration?.computedAt ?? null,
      calibration: calibrationBody(calibration),
      units: { type: 'FeatureCollection' as const, features: results.map(unitFeature) },
    };
  }

  return {
    async get(caller: Caller, id: string) {
      const record = await publishedSurvey(db, caller, id);
      return analysis(id, record.survey.version, false);
    },

    async calibration(caller: Caller, id: string) {
      const record = await publishedSurvey(db, caller, id);
      const reasons = await repo.staleReasons(db, id, record.survey.version);
      if (reasons.length > 0) await enqueueAnalysis(db, id, record.survey.version);
      return {
        survey: id,
        version: record.survey.version,
        stale: reasons.length > 0,
        calibration: calibrationBody(await repo.getCalibration(db, id)),
      };
    },

    async recompute(caller: Caller, id: string) {
      const record = await publishedSurvey(db, caller, id);
      if (record.organisationId !== caller.organisationId)
        throw new ForbiddenError('only the owning organisation recomputes a survey’s analysis');
      await audit(db, caller, 'update', 'survey_analysis', id, { version: record.survey.version });
      return analysis(id, record.survey.version, true);
    },
  };
}

export type AnalysisService = ReturnType<typeof createAnalysisService>;
