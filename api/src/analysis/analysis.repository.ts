/**
 * SQL of the per-unit analysis: the field plots and pasture units a survey's analysis reads, the
 * `calibrations` row and `results` rows it writes (replaced together), what the routes read back, and
 * whether the stored rows still describe the survey, its units and its plots.
 * Reference: migrations 003 (results, pasture_units, field_plots) and 007 (calibrations); SPEC §2.3.
 */
import type { MultiPolygon } from 'geojson';
import type { Queryable } from '../db/db.ts';
import type { UnitSeason } from '@belcheer/processing';
import { analysisKeyPrefix } from './analysis.queue.ts';

/** Fingerprint of the survey's field plots (every field the calibration reads); `$1` is the survey id. */
const PLOTS_DIGEST = `SELECT md5(coalesce(string_agg(concat_ws('|', p.id, p.biomass_kg_ha, p.biomass_fresh, p.plot_size_m,
                                                          ST_AsText(p.geom)), ',' ORDER BY p.id), '')) AS digest
                        FROM field_plots p WHERE p.survey_id = $1 AND p.deleted_at IS NULL`;

/** Units of the survey's organisation (not deleted) whose geometry meets its footprint; `$1` is the survey id. */
const UNITS_OVER_FOOTPRINT = `SELECT u.id, u.version FROM pasture_units u JOIN surveys s ON s.id = $1
                               WHERE u.organisation_id = s.organisation_id AND u.deleted_at IS NULL
                                 AND s.footprint IS NOT NULL AND ST_Intersects(u.geom, s.footprint)`;

export interface CalibrationPlot {
  readonly id: string;
  readonly lon: number;
  readonly lat: number;
  readonly biomassKgHa: number;
  readonly plotSizeM: number;
}

export async function plotsDigest(q: Queryable, surveyId: string): Promise<string> {
  const rows = await q.query<{ digest: string }>(PLOTS_DIGEST, [surveyId]);
  return rows[0]!.digest;
}

/** Plots of the survey with dry-matter biomass (fresh weights are not comparable with DM: left out). */
export async function calibrationPlots(q: Queryable, surveyId: string): Promise<CalibrationPlot[]> {
  const rows = await q.query<{ id: string; lon: number; lat: number; biomass: number; size: number }>(
    `SELECT id, ST_X(geom) AS lon, ST_Y(geom) AS lat, biomass_kg_ha AS biomass, plot_size_m AS size
       FROM field_plots
      WHERE survey_id = $1 AND deleted_at IS NULL AND biomass_kg_ha IS NOT NULL AND NOT biomass_fresh
      ORDER BY id`,
    [surveyId],
  );
  return rows.map((r) => ({ id: r.id, lon: r.lon, lat: r.lat, biomassKgHa: r.biomass, plotSizeM: r.size }));
}

export interface UnitRow {
  readonly id: string;
  readonly version: number;
  readonly season: UnitSeason;
  readonly areaHa: number;
  readonly referenceBiomassKgHa: number | null;
  readonly geometry: MultiPolygon;
}

export async function unitsOverFootprint(q: Queryable, surveyId: string): Promise<UnitRow[]> {
  const rows = await q.query<{
    id: string;
    version: number;
    season: UnitSeason;
    area_ha: number;
    reference: number | null;
    geometry: MultiPolygon;
  }>(
    `SELECT u.id, u.version, u.season, u.area_ha, u.reference_biomass_kg_ha AS reference,
            ST_AsGeoJSON(u.geom)::json AS geometry
       FROM pasture_units u JOIN (${UNITS_OVER_FOOTPRINT}) c ON c.id = u.id ORDER BY u.id`,
    [surveyId],
  );
  return rows.map((r) => ({
    id: r.id,
    version: r.version,
    season: r.season,
    areaHa: r.area_ha,
    referenceBiomassKgHa: r.reference,
    geometry: r.geometry,
  }));
}

export interface StoredCalibration {
  readonly surveyVersion: number;
  readonly index: string | null;
  readonly status: 'calibrated' | 'uncalibrated';
  readonly reason: string | null;
  readonly model: 'linear' | 'exponential' | null;
  readonly linear: unknown;
  readonly exponential: unknown;
  readonly n: number;
  readonly points: unknown[];
  readonly notes: string[];
  readonly plotsDigest: string;
  readonly computedAt: string;
}

export interface ResultRow {
  readonly unitId: string;
  readonly unitVersion: number;
  readonly product: string;
  readonly stats: object;
  readonly coveragePct: number;
  readonly coverPct: number | null;
  readonly biomassKgHa: number | null;
  readonly recoveryClass: string | null;
  readonly capacitySu: number | null;
  readonly seasonDays: number | null;
}

/** Replaces the survey's calibration and results in one transaction (`tx`). */
export async function saveAnalysis(
  tx: Queryable,
  survey: { id: string; version: number; organisationId: string },
  calibration: Omit<StoredCalibration, 'surveyVersion' | 'computedAt'>,
  results: readonly ResultRow[],
): Promise<void> {
  await tx.query('DELETE FROM results WHERE survey_id = $1', [survey.id]);
  for (const r of results) {
    await tx.query(
      `INSERT INTO results (survey_id, unit_id, survey_version, unit_version, organisation_id, product, stats,
                            coverage_pct, cover_pct, biomass_kg_ha, recovery_class, capacity_su, season_days)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      [
        survey.id,
        r.unitId,
        survey.version,
        r.unitVersion,
        survey.organisationId,
        r.product,
        JSON.stringify(r.stats),
        r.coveragePct,
        r.coverPct,
        r.biomassKgHa,
        r.recoveryClass,
        r.capacitySu,
        r.seasonDays,
      ],
    );
  }
  const c = calibration;
  await tx.query(
    `INSERT INTO calibrations (survey_id, survey_version, organisation_id, index_name, status, reason, model, linear,
                               exponential, n, points, notes, plots_digest, computed_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, now())
     ON CONFLICT (survey_id) DO UPDATE SET survey_version = EXCLUDED.survey_version, index_name = EXCLUDED.index_name,
       status = EXCLUDED.status, reason = EXCLUDED.reason, model = EXCLUDED.model, linear = EXCLUDED.linear,
       exponential = EXCLUDED.exponential, n = EXCLUDED.n, points = EXCLUDED.points, notes = EXCLUDED.notes,
       plots_digest = EXCLUDED.plots_digest, computed_at = EXCLUDED.computed_at`,
    [
      survey.id,
      survey.version,
      survey.organisationId,
      c.index,
      c.status,
      c.reason,
      c.model,
      c.linear === null ? null : JSON.stringify(c.linear),
      c.exponential === null ? null : JSON.stringify(c.exponential),
      c.n,
      JSON.stringify(c.points),
      JSON.stringify(c.notes),
      c.plotsDigest,
    ],
  );
}

export async function getCalibration(q: Queryable, surveyId: string): Promise<StoredCalibration | null> {
  const rows = await q.query<{
    survey_version: number;
    index_name: string | null;
    status: 'calibrated' | 'uncalibrated';
    reason: string | null;
    model: 'linear' | 'exponential' | null;
    linear: unknown;
    exponential: unknown;
    n: number;
    points: unknown[];
    notes: string[];
    plots_digest: string;
    computed_at: Date;
  }>('SELECT * FROM calibrations WHERE survey_id = $1', [surveyId]);
  const r = rows[0];
  if (!r) return null;
  return {
    surveyVersion: r.survey_version,
    index: r.index_name,
    status: r.status,
    reason: r.reason,
    model: r.model,
    linear: r.linear,
    exponential: r.exponential,
    n: r.n,
    points: r.points,
    notes: r.notes,
    plotsDigest: r.plots_digest,
    computedAt: new Date(r.computed_at).toISOString(),
  };
}

/** The survey's results with their units (name, season, use, area, reference, current geometry). */
export async function getResults(q: Queryable, surveyId: string) {
  return q.query<{
    unit_id: string;
    name: string;
    season: string;
    use: string;
    area_ha: number;
    reference_biomass_kg_ha: number | null;
    geometry: MultiPolygon;
    product: string;
    stats: Record<string, unknown>;
    coverage_pct: number;
    cover_pct: number | null;
    biomass_kg_ha: number | null;
    recovery_class: string | null;
    capacity_su: number | null;
    season_days: number | null;
  }>(
    `SELECT r.unit_id, u.name, u.season, u.use, u.area_ha, u.reference_biomass_kg_ha, ST_AsGeoJSON(u.geom)::json AS geometry,
            r.product, r.stats, r.coverage_pct, r.cover_pct, r.biomass_kg_ha, r.recovery_class, r.capacity_su, r.season_days
       FROM results r JOIN pasture_units u ON u.id = r.unit_id
      WHERE r.survey_id = $1 ORDER BY u.name, r.unit_id`,
    [surveyId],
  );
}

/**
 * Why the stored analysis no longer describes the survey (empty when it does): none yet, another
 * survey version, plots changed, a unit edited, deleted or newly meeting the footprint.
 */
export async function staleReasons(q: Queryable, surveyId: string, version: number): Promise<string[]> {
  const rows = await q.query<{
    calibrated_version: number | null;
    digest_changed: boolean | null;
    old_results: number;
    unit_changes: number;
  }>(
    `WITH cur AS (${UNITS_OVER_FOOTPRINT}),
          res AS (SELECT unit_id, unit_version, survey_version FROM results WHERE survey_id = $1)
     SELECT c.survey_version AS calibrated_version, c.plots_digest <> (${PLOTS_DIGEST}) AS digest_changed,
            (SELECT count(*)::int FROM res WHERE survey_version <> $2) AS old_results,
            (SELECT count(*)::int FROM cur FULL JOIN res ON res.unit_id = cur.id AND res.unit_version = cur.version
              WHERE cur.id IS NULL OR res.unit_id IS NULL) AS unit_changes
       FROM (SELECT 1) one LEFT JOIN calibrations c ON c.survey_id = $1`,
    [surveyId, version],
  );
  const r = rows[0]!;
  const reasons: string[] = [];
  if (r.calibrated_version === null) return ['not analysed yet'];
  if (r.calibrated_version !== version || r.old_results > 0) reasons.push(`survey version ${version} is new`);
  if (r.digest_changed) reasons.push('field plots changed');
  if (r.unit_changes > 0) reasons.push(`${r.unit_changes} pasture unit change(s)`);
  return reasons;
}

export interface AnalysisJobState {
  readonly status: 'queued' | 'running' | 'done' | 'dead' | 'cancelled';
  readonly progress: number;
  readonly error: string | null;
}

/** The latest analysis job of the survey, if any. */
export async function latestJob(q: Queryable, surveyId: string): Promise<AnalysisJobState | null> {
  const rows = await q.query<{
    status: AnalysisJobState['status'];
    progress: number;
    last_error: string | null;
  }>(
    `SELECT status, progress, last_error FROM jobs WHERE dedupe_key LIKE $1 || '%' ORDER BY id DESC LIMIT 1`,
    [analysisKeyPrefix(surveyId)],
  );
  const r = rows[0];
  return r ? { status: r.status, progress: r.progress, error: r.last_error } : null;
}
