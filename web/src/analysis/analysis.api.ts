/**
 * GET /api/surveys/{id}/analysis and …/calibration (SPEC §3, issue 6) narrowed from `unknown`: the
 * per-unit results as a GeoJSON FeatureCollection (drawn as the choropleth's source, since the
 * `results` vector tiles carry no unit area for SU/ha) and the biomass calibration with its plots.
 */
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { apiRequest } from '../api/client.ts';
import { ShapeError, isRecord, num, numOrNull, record, str, strOrNull } from '../api/guards.ts';

export const RECOVERY_CLASSES = ['I', 'II', 'III', 'IV', 'V'] as const;
export type RecoveryClass = (typeof RECOVERY_CLASSES)[number];

export interface UnitResult {
  readonly unitId: string;
  readonly name: string;
  readonly season: string;
  readonly areaHa: number;
  readonly coveragePct: number;
  readonly index: string;
  readonly mean: number | null;
  readonly coverPct: number | null;
  readonly biomassKgHa: number | null;
  readonly uncalibrated: boolean;
  readonly recoveryClass: RecoveryClass | null;
  readonly capacitySu: number | null;
  readonly seasonDays: number | null;
}

export type UnitResults = FeatureCollection<Geometry, UnitResult>;

export type CalibrationModel =
  | { readonly kind: 'linear'; readonly slope: number; readonly intercept: number }
  | { readonly kind: 'exponential'; readonly a: number; readonly b: number };

export interface CalibrationPoint {
  readonly plot: string;
  readonly index: number | null;
  readonly biomassKgHa: number;
}

export interface Calibration {
  readonly calibrated: boolean;
  readonly index: string | null;
  /** The chosen model (lower LOO RMSE), null when uncalibrated. */
  readonly model: CalibrationModel | null;
  readonly n: number;
  readonly minPlots: number;
  readonly r2: number | null;
  readonly rmse: number | null;
  readonly looRmse: number | null;
  readonly points: readonly CalibrationPoint[];
}

export interface Analysis {
  readonly status: 'queued' | 'running' | 'ready' | 'failed';
  /** 0–100 while queued or running. */
  readonly progress: number;
  readonly stale: boolean;
  readonly units: UnitResults;
  readonly calibration: Calibration | null;
}

const STATUSES = ['queued', 'running', 'ready', 'failed'] as const;

function recoveryClass(value: unknown, where: string): RecoveryClass | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'string' || !(RECOVERY_CLASSES as readonly string[]).includes(value))
    throw new ShapeError(`${where} is not a recovery class`);
  return value as RecoveryClass;
}

function unitResult(value: unknown, where: string): UnitResult {
  const p = record(value, where);
  return {
    unitId: str(p, 'unit_id', where),
    name: str(p, 'name', where),
    season: str(p, 'season', where),
    areaHa: num(p, 'area_ha', where),
    coveragePct: num(p, 'coverage_pct', where),
    index: str(p, 'index', where),
    mean: numOrNull(p, 'mean', where),
    coverPct: numOrNull(p, 'cover_pct', where),
    biomassKgHa: numOrNull(p, 'biomass_kg_ha', where),
    uncalibrated: p.uncalibrated === true,
    recoveryClass: recoveryClass(p.recovery_class, `${where}.recovery_class`),
    capacitySu: numOrNull(p, 'capacity_su', where),
    seasonDays: numOrNull(p, 'season_days', where),
  };
}

const AREAL = ['Polygon', 'MultiPolygon'];

function geometry(value: unknown, where: string): Geometry {
  const g = record(value, where);
  if (!AREAL.includes(str(g, 'type', where)) || !Array.isArray(g.coordinates))
    throw new ShapeError(`${where} is not a Polygon or MultiPolygon`);
  return g as unknown as Geometry;
}

function parseUnits(value: unknown, where: string): UnitResults {
  const fc = record(value, where);
  if (!Array.isArray(fc.features)) throw new ShapeError(`${where}.features is not a list`);
  const features = fc.features.map((f: unknown, i): Feature<Geometry, UnitResult> => {
    const at = `${where}.features[${i}]`;
    const feature = record(f, at);
    const properties = unitResult(feature.properties, `${at}.properties`);
    return {
      type: 'Feature',
      id: properties.unitId,
      geometry: geometry(feature.geometry, `${at}.geometry`),
      properties,
    };
  });
  return { type: 'FeatureCollection', features };
}

function model(value: unknown, where: string): CalibrationModel | null {
  if (!isRecord(value)) return null;
  const m = record(value.model, `${where}.model`);
  const kind = str(m, 'kind', `${where}.model`);
  if (kind === 'linear')
    return {
      kind,
      slope: num(m, 'slope', `${where}.model`),
      intercept: num(m, 'intercept', `${where}.model`),
    };
  if (kind === 'exponential')
    return { kind, a: num(m, 'a', `${where}.model`), b: num(m, 'b', `${where}.model`) };
  throw new ShapeError(`${where}.model.kind is "${kind}"`);
}

export function parseCalibration(value: unknown, where = 'calibration'): Calibration | null {
  if (value === null || value === undefined) return null;
  const c = record(value, where);
  const chosen = strOrNull(c, 'model', where);
  const points = Array.isArray(c.points) ? c.points : [];
  return {
    calibrated: str(c, 'status', where) === 'calibrated',
    index: strOrNull(c, 'index', where),
    model: chosen === 'linear' || chosen === 'exponential' ? model(c[chosen], `${where}.${chosen}`) : null,
    n: num(c, 'n', where),
    minPlots: num(c, 'min_plots', where),
    r2: numOrNull(c, 'r2', where),
    rmse: numOrNull(c, 'rmse', where),
    looRmse: numOrNull(c, 'loo_rmse', where),
    points: points.map((p: unknown, i) => {
      const at = `${where}.points[${i}]`;
      const r = record(p, at);
      return {
        plot: str(r, 'plot', at),
        index: numOrNull(r, 'index', at),
        biomassKgHa: num(r, 'biomass_kg_ha', at),
      };
    }),
  };
}

export function parseAnalysis(value: unknown, where = 'analysis'): Analysis {
  const a = record(value, where);
  const status = str(a, 'status', where);
  if (!(STATUSES as readonly string[]).includes(status))
    throw new ShapeError(`${where}.status is "${status}"`);
  return {
    status: status as Analysis['status'],
    progress: num(a, 'progress', where),
    stale: a.stale === true,
    units: parseUnits(a.units, `${where}.units`),
    calibration: parseCalibration(a.calibration, `${where}.calibration`),
  };
}

export async function fetchAnalysis(survey: string, signal?: AbortSignal): Promise<Analysis> {
  const body = await apiRequest(`/api/surveys/${encodeURIComponent(survey)}/analysis`, { signal });
  return parseAnalysis(body);
}
