/**
 * SQL of surveys. Every read takes the organisations the caller may read; a survey outside them
 * does not exist for that caller.
 */
import { NotFoundError, type BandContext, type Reflectance } from '@belcheer/processing';
import type { Queryable } from '../db/db.ts';
import type { BAND_NAMES, Survey } from './surveys.schemas.ts';

type BandName = (typeof BAND_NAMES)[number];

interface SurveyRow {
  id: string;
  name: string;
  survey_date: string;
  kind: Survey['kind'];
  status: Survey['status'];
  progress: number;
  error: string | null;
  soum_code: string | null;
  organisation_id: string;
  organisation_name: string;
  version: number;
  pending_version: number;
  footprint: Survey['footprint'] | null;
  bbox: number[] | null;
  crs: Survey['crs'] | null;
  gsd: number | null;
  width: number | null;
  height: number | null;
  bands: BandName[] | null;
  declared_bands: BandName[] | null;
  sample_format: string | null;
  products: string[];
  source_filename: string | null;
  source_size: number | null;
  source_sha256: string | null;
  reflectance_scale: number | null;
  reflectance_offset: number;
  cover_index: string | null;
  cover_threshold: number | null;
  created_at: Date;
  updated_at: Date;
}

/** Internal view with the fields services need beyond the wire shape. */
export interface SurveyRecord {
  readonly survey: Survey;
  readonly organisationId: string;
  readonly pendingVersion: number;
  readonly declaredBands: BandName[] | null;
  /** The reflectance scale declared with the survey, if any. */
  readonly declaredReflectance: Reflectance | null;
  /** Band names in file order and the reflectance scale: what products are computed from. */
  readonly bandContext: BandContext;
}

const SELECT = `SELECT s.id, s.name, to_char(s.survey_date, 'YYYY-MM-DD') AS survey_date, s.kind, s.status, s.progress, s.error,
       s.soum_code, s.organisation_id, o.name AS organisation_name, s.version, s.pending_version,
       ST_AsGeoJSON(s.footprint, 7)::json AS footprint, s.bbox, s.crs, s.gsd, s.width, s.height, s.bands, s.declared_bands,
       s.sample_format, s.products, s.source_filename, s.source_size::float8 AS source_size, s.source_sha256,
       s.reflectance_scale, s.reflectance_offset, s.cover_index, s.cover_threshold, s.created_at, s.updated_at
  FROM surveys s JOIN organisations o ON o.id = s.organisation_id`;

/** The declared reflectance scale, else 1 for float32 files (taken as reflectance, DOMAIN §1), else none. */
export function reflectanceOf(declared: Reflectance | null, sampleFormat: string | null): Reflectance | null {
  return declared ?? (sampleFormat === 'float32' ? { scale: 1, offset: 0 } : null);
}

function toRecord(r: SurveyRow): SurveyRecord {
  const survey: Survey = {
    id: r.id,
    name: r.name,
    date: r.survey_date,
    kind: r.kind,
    status: r.status,
    progress: Math.round(r.progress * 10) / 10,
    soum: r.soum_code,
    organisation: { id: r.organisation_id, name: r.organisation_name },
    version: r.version,
    products: r.products,
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
  };
  if (r.error) survey.error = r.error;
  if (r.footprint) survey.footprint = r.footprint;
  if (r.bbox) survey.bbox = r.bbox;
  if (r.crs) survey.crs = r.crs;
  if (r.gsd !== null) survey.gsd = r.gsd;
  if (r.width !== null) survey.width = r.width;
  if (r.height !== null) survey.height = r.height;
  const bands = r.bands ?? r.declared_bands;
  if (bands) survey.bands = bands;
  if (r.sample_format) survey.sampleFormat = r.sample_format;
  const declaredReflectance =
    r.reflectance_scale !== null ? { scale: r.reflectance_scale, offset: r.reflectance_offset } : null;
  const reflectance = reflectanceOf(declaredReflectance, r.sample_format);
  if (reflectance) survey.reflectance = reflectance;
  if (r.cover_index && r.cover_threshold !== null) {
    survey.cover = { index: r.cover_index, threshold: r.cover_threshold };
  }
  if (r.source_filename && r.source_size !== null) {
    survey.source = { filename: r.source_filename, size: r.source_size, sha256: r.source_sha256 };
  }
  return {
    survey,
    organisationId: r.organisation_id,
    pendingVersion: r.pending_version,
    declaredBands: r.declared_bands,
    declaredReflectance,
    bandContext: { names: bands ?? [], reflectance },
  };
}

export async function listSurveys(
  db: Queryable,
  orgs: readonly string[],
  q: { status?: string; soum?: string; limit: number; offset: number },
): Promise<Survey[]> {
  const rows = await db.query<SurveyRow>(
    `${SELECT} WHERE s.organisation_id = ANY($1::uuid[]) AND s.deleted_at IS NULL
        AND ($2::text IS NULL OR s.status = $2) AND ($3::text IS NULL OR s.soum_code = $3)
      ORDER BY s.survey_date DESC, s.created_at DESC LIMIT $4 OFFSET $5`,
    [[...orgs], q.status ?? null, q.soum ?? null, q.limit, q.offset],
  );
  return rows.map((r) => toRecord(r).survey);
}

/** The survey, or NotFoundError when it does not exist or is outside `orgs` (null = any, for workers). */
export async function getSurveyRecord(
  db: Queryable,
  orgs: readonly string[] | null,
  id: string,
  forUpdate = false,
): Promise<SurveyRecord> {
  const rows = await db.query<SurveyRow>(
    `${SELECT} WHERE s.id = $1 AND s.deleted_at IS NULL AND ($2::uuid[] IS NULL OR s.organisation_id = ANY($2::uuid[]))
     ${forUpdate ? 'FOR UPDATE OF s' : ''}`,
    [id, orgs ? [...orgs] : null],
  );
  const row = rows[0];
  if (!row) throw new NotFoundError(`survey ${id} not found`);
  return toRecord(row);
}

export async function insertSurvey(
  db: Queryable,
  s: {
    organisationId: string;
    userId: string;
    name: string;
    date: string;
    kind: string;
    bands: string[] | null;
    soum: string | null;
    reflectance: { scale: number; offset: number } | null;
  },
): Promise<string> {
  const rows = await db.query<{ id: string }>(
    `INSERT INTO surveys (organisation_id, created_by, name, survey_date, kind, declared_bands, soum_code,
                          reflectance_scale, reflectance_offset)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [
      s.organisationId,
      s.userId,
      s.name,
      s.date,
      s.kind,
      s.bands,
      s.soum,
      s.reflectance?.scale ?? null,
      s.reflectance?.offset ?? 0,
    ],
  );
  return rows[0]!.id;
}

export async function updateSurveyFields(
  db: Queryable,
  id: string,
  change: {
    name?: string;
    date?: string;
    bands?: string[] | null;
    soum?: string | null;
    reflectance?: { scale: number; offset: number } | null;
  },
): Promise<void> {
  await db.query(
    `UPDATE surveys SET name = coalesce($2, name), survey_date = coalesce($3::date, survey_date),
            declared_bands = CASE WHEN $4::boolean THEN $5::text[] ELSE declared_bands END,
            soum_code = CASE WHEN $6::boolean THEN $7 ELSE soum_code END,
            reflectance_scale = CASE WHEN $8::boolean THEN $9 ELSE reflectance_scale END,
            reflectance_offset = CASE WHEN $8::boolean THEN $10 ELSE reflectance_offset END, updated_at = now()
      WHERE id = $1`,
    [
      id,
      change.name ?? null,
      change.date ?? null,
      change.bands !== undefined,
      change.bands ?? null,
      change.soum !== undefined,
      change.soum ?? null,
      change.reflectance !== undefined,
      change.reflectance?.scale ?? null,
      change.reflectance?.offset ?? 0,
    ],
  );
}

export async function softDeleteSurvey(db: Queryable, id: string): Promise<void> {
  await db.query('UPDATE surveys SET deleted_at = now(), updated_at = now() WHERE id = $1', [id]);
}

/** Moves a survey to a new status; `extra` sets progress and error. */
export async function setSurveyStatus(
  db: Queryable,
  id: string,
  status: Survey['status'],
  extra: { progress?: number; error?: string | null } = {},
): Promise<void> {
  await db.query(
    `UPDATE surveys SET status = $2, progress = coalesce($3, progress),
            error = CASE WHEN $4::boolean THEN $5 ELSE error END, updated_at = now()
      WHERE id = $1`,
    [id, status, extra.progress ?? null, extra.error !== undefined, extra.error ?? null],
  );
}

/** Progress of the version being processed; ignored once a newer version superseded it. */
export async function setSurveyProgress(
  db: Queryable,
  id: string,
  version: number,
  progress: number,
): Promise<void> {
  await db.query(
    `UPDATE surveys SET progress = $3, updated_at = now() WHERE id = $1 AND pending_version = $2 AND status = 'processing'`,
    [id, version, progress],
  );
}

/** Starts a new version for an incoming upload; returns its number. */
export async function beginVersion(
  db: Queryable,
  id: string,
  source: { filename: string; size: number },
): Promise<number> {
  const rows = await db.query<{ v: number }>(
    `UPDATE surveys SET pending_version = greatest(version, pending_version) + 1, status = 'uploading', progress = 0,
            error = NULL, source_filename = $2, source_size = $3, source_sha256 = NULL, updated_at = now()
      WHERE id = $1 RETURNING pending_version AS v`,
    [id, source.filename, source.size],
  );
  return rows[0]!.v;
}

export async function insertAsset(
  db: Queryable,
  a: { surveyId: string; version: number; kind: string; key: string; size: number; sha256: string | null },
): Promise<void> {
  await db.query(
    `INSERT INTO survey_assets (survey_id, version, kind, storage_key, size, sha256) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (survey_id, version, kind) DO UPDATE SET storage_key = EXCLUDED.storage_key, size = EXCLUDED.size, sha256 = EXCLUDED.sha256`,
    [a.surveyId, a.version, a.kind, a.key, a.size, a.sha256],
  );
}

export async function getAsset(
  db: Queryable,
  surveyId: string,
  version: number,
  kind: string,
): Promise<{ key: string; size: number; sha256: string | null } | undefined> {
  const rows = await db.query<{ key: string; size: number; sha256: string | null }>(
    `SELECT storage_key AS key, size::float8 AS size, sha256 FROM survey_assets WHERE survey_id = $1 AND version = $2 AND kind = $3`,
    [surveyId, version, kind],
  );
  return rows[0];
}

/** Upload progress of the version being uploaded (0–100). */
export async function setUploadProgress(
  db: Queryable,
  id: string,
  version: number,
  percent: number,
): Promise<void> {
  await db.query(
    `UPDATE surveys SET progress = $3, updated_at = now() WHERE id = $1 AND pending_version = $2 AND status = 'uploading'`,
    [id, version, percent],
  );
}
