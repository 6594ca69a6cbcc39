/**
 * SQL of grazing plans, their herder groups and assignments, the pasture units they graze (with the
 * latest analysis result of each) and the soum they belong to. A plan is readable by its own
 * organisation and, once submitted, by the land officers and admins of the soum's aimag (who approve
 * it); outside that it does not exist for the caller.
 */
import { NotFoundError, type RecoveryClass } from '@belcheer/processing';
import type { Queryable } from '../db/db.ts';
import type { Livestock, PlanStatus, PlanBody } from './grazing.plans.schemas.ts';
import type { PlanAssignment, PlanGroup, PlanUnit } from './plan.utilisation.ts';
import type { PlanDates } from './plan.dates.ts';

/** Who reads: the caller's organisations, and the organisation whose aimag it reviews (or null). */
export interface PlanScope {
  readonly orgs: readonly string[];
  readonly reviewerOrg: string | null;
}

export interface PlanRecord {
  readonly id: string;
  readonly name: string;
  readonly organisationId: string;
  readonly organisationName: string;
  readonly soum: { code: string; nameMn: string | null; nameEn: string; aimagCode: string };
  readonly season: PlanBody['season'];
  readonly year: number;
  readonly startDate: string;
  readonly endDate: string;
  readonly status: PlanStatus;
  readonly submitted: { id: string | null; name: string | null; at: string } | null;
  readonly approved: { id: string | null; name: string | null; at: string } | null;
  readonly signedReportKeys: Readonly<Record<string, string>> | null;
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

interface PlanRow {
  id: string;
  name: string;
  organisation_id: string;
  organisation_name: string;
  soum_code: string;
  soum_name_mn: string | null;
  soum_name_en: string;
  aimag_code: string;
  season: PlanBody['season'];
  year: number;
  start_date: string;
  end_date: string;
  status: PlanStatus;
  submitted_by: string | null;
  submitted_by_name: string | null;
  submitted_at: Date | null;
  approved_by: string | null;
  approved_by_name: string | null;
  approved_at: Date | null;
  signed_report_keys: Record<string, string> | null;
  version: number;
  created_at: Date;
  updated_at: Date;
}

const SELECT = `SELECT p.id, p.name, p.organisation_id, o.name AS organisation_name, p.soum_code,
       s.name_mn AS soum_name_mn, s.name_en AS soum_name_en, s.parent_code AS aimag_code, p.season, p.year,
       to_char(p.start_date, 'YYYY-MM-DD') AS start_date, to_char(p.end_date, 'YYYY-MM-DD') AS end_date,
       p.status, p.submitted_by, su.name AS submitted_by_name, p.submitted_at,
       p.approved_by, au.name AS approved_by_name, p.approved_at, p.signed_report_keys, p.version,
       p.created_at, p.updated_at
  FROM grazing_plans p
  JOIN organisations o ON o.id = p.organisation_id
  JOIN admin_units s ON s.code = p.soum_code
  LEFT JOIN users su ON su.id = p.submitted_by
  LEFT JOIN users au ON au.id = p.approved_by`;

const READABLE = `(p.organisation_id = ANY($1::uuid[]) OR (p.status <> 'draft' AND EXISTS (
    SELECT 1 FROM organisations r WHERE r.id = $2::uuid AND r.aimag_code = s.parent_code)))`;

function iso(d: Date | null): string | null {
  return d ? new Date(d).toISOString() : null;
}

function toRecord(r: PlanRow): PlanRecord {
  const submittedAt = iso(r.submitted_at);
  const approvedAt = iso(r.approved_at);
  return {
    id: r.id,
    name: r.name,
    organisationId: r.organisation_id,
    organisationName: r.organisation_name,
    soum: { code: r.soum_code, nameMn: r.soum_name_mn, nameEn: r.soum_name_en, aimagCode: r.aimag_code },
    season: r.season,
    year: r.year,
    startDate: r.start_date,
    endDate: r.end_date,
    status: r.status,
    submitted: submittedAt ? { id: r.submitted_by, name: r.submitted_by_name, at: submittedAt } : null,
    approved: approvedAt ? { id: r.approved_by, name: r.approved_by_name, at: approvedAt } : null,
    signedReportKeys: r.signed_report_keys,
    version: r.version,
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}

export async function getPlan(db: Queryable, scope: PlanScope, id: string): Promise<PlanRecord> {
  const rows = await db.query<PlanRow>(`${SELECT} WHERE p.id = $3 AND ${READABLE}`, [
    scope.orgs,
    scope.reviewerOrg,
    id,
  ]);
  const row = rows[0];
  if (!row) throw new NotFoundError(`grazing plan ${id} not found`);
  return toRecord(row);
}

export async function listPlans(
  db: Queryable,
  scope: PlanScope,
  q: { soum?: string; year?: number; status?: string },
): Promise<PlanRecord[]> {
  const rows = await db.query<PlanRow>(
    `${SELECT} WHERE ${READABLE} AND ($3::text IS NULL OR p.soum_code = $3)
       AND ($4::int IS NULL OR p.year = $4) AND ($5::text IS NULL OR p.status = $5)
     ORDER BY p.year DESC, p.updated_at DESC LIMIT 1000`,
    [scope.orgs, scope.reviewerOrg, q.soum ?? null, q.year ?? null, q.status ?? null],
  );
  return rows.map(toRecord);
}

export interface PlanHeader extends PlanDates {
  readonly name: string;
  readonly soumCode: string;
  readonly season: PlanBody['season'];
  readonly year: number;
}

export async function insertPlan(
  db: Queryable,
  organisationId: string,
  userId: string,
  h: PlanHeader,
): Promise<string> {
  const rows = await db.query<{ id: string }>(
    `INSERT INTO grazing_plans (organisation_id, soum_code, name, season, year, start_date, end_date, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [organisationId, h.soumCode, h.name, h.season, h.year, h.startDate, h.endDate, userId],
  );
  return rows[0]!.id;
}

/** Replaces the header; the plan returns to draft. */
export async function updatePlan(db: Queryable, id: string, h: PlanHeader): Promise<void> {
  await db.query(
    `UPDATE grazing_plans SET soum_code = $2, name = $3, season = $4, year = $5, start_date = $6, end_date = $7,
            status = 'draft', submitted_by = NULL, submitted_at = NULL, version = version + 1, updated_at = now()
      WHERE id = $1`,
    [id, h.soumCode, h.name, h.season, h.year, h.startDate, h.endDate],
  );
}

export async function setSubmitted(db: Queryable, id: string, userId: string): Promise<void> {
  await db.query(
    `UPDATE grazing_plans SET status = 'submitted', submitted_by = $2, submitted_at = now(),
            version = version + 1, updated_at = now() WHERE id = $1`,
    [id, userId],
  );
}

export async function setApproved(
  db: Queryable,
  id: string,
  userId: string,
  at: Date,
  signedReportKeys: Record<string, string>,
): Promise<void> {
  await db.query(
    `UPDATE grazing_plans SET status = 'approved', approved_by = $2, approved_at = $3, signed_report_keys = $4::jsonb,
            version = version + 1, updated_at = now() WHERE id = $1`,
    [id, userId, at, JSON.stringify(signedReportKeys)],
  );
}

export async function deletePlan(db: Queryable, id: string): Promise<void> {
  await db.query('DELETE FROM grazing_plans WHERE id = $1', [id]);
}

/** Replaces the plan's groups and assignments (positions keep the document's order). */
export async function replaceContents(
  db: Queryable,
  planId: string,
  groups: readonly PlanGroup[],
  assignments: readonly PlanAssignment[],
): Promise<void> {
  await db.query('DELETE FROM herder_groups WHERE plan_id = $1', [planId]);
  const groupIds = new Map<string, string>();
  for (const [i, g] of groups.entries()) {
    const l = g.livestock;
    const rows = await db.query<{ id: string }>(
      `INSERT INTO herder_groups (plan_id, position, name, horse, cattle, camel, sheep, goat)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [planId, i, g.name, l.horse, l.cattle, l.camel, l.sheep, l.goat],
    );
    groupIds.set(g.name, rows[0]!.id);
  }
  for (const [i, a] of assignments.entries()) {
    await db.query(
      `INSERT INTO plan_assignments (plan_id, group_id, unit_id, position, start_date, end_date)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [planId, groupIds.get(a.group) ?? null, a.unitId, i, a.startDate, a.endDate],
    );
  }
}

export async function getGroups(db: Queryable, planId: string): Promise<PlanGroup[]> {
  const rows = await db.query<Livestock & { name: string }>(
    `SELECT name, horse, cattle, camel, sheep, goat FROM herder_groups WHERE plan_id = $1 ORDER BY position`,
    [planId],
  );
  return rows.map(({ name, horse, cattle, camel, sheep, goat }) => ({
    name,
    livestock: { horse, cattle, camel, sheep, goat },
  }));
}

export async function getAssignments(db: Queryable, planId: string): Promise<PlanAssignment[]> {
  return db.query<PlanAssignment & Record<string, unknown>>(
    `SELECT g.name AS "group", a.unit_id AS "unitId", to_char(a.start_date, 'YYYY-MM-DD') AS "startDate",
            to_char(a.end_date, 'YYYY-MM-DD') AS "endDate"
       FROM plan_assignments a JOIN herder_groups g ON g.id = a.group_id
      WHERE a.plan_id = $1 ORDER BY a.position`,
    [planId],
  );
}

export interface PlanUnitRecord extends PlanUnit {
  readonly soumCode: string;
  readonly deleted: boolean;
  /** GeoJSON MultiPolygon in EPSG:4326. */
  readonly geometry: { type: 'MultiPolygon'; coordinates: number[][][][] };
}

interface UnitRow {
  id: string;
  name: string;
  soum_code: string;
  area_ha: number;
  deleted: boolean;
  geometry: PlanUnitRecord['geometry'];
  survey_id: string | null;
  survey_date: string | null;
  biomass_kg_ha: number | null;
  recovery_class: RecoveryClass | null;
}

/** Units of `organisationId` among `ids`, each with its latest result (F and recovery class). */
export async function getUnits(
  db: Queryable,
  organisationId: string,
  ids: readonly string[],
): Promise<Map<string, PlanUnitRecord>> {
  const rows = await db.query<UnitRow>(
    `SELECT u.id, u.name, u.soum_code, u.area_ha, u.deleted_at IS NOT NULL AS deleted,
            ST_AsGeoJSON(u.geom, 6)::json AS geometry, r.survey_id,
            to_char(sv.survey_date, 'YYYY-MM-DD') AS survey_date, r.biomass_kg_ha, r.recovery_class
       FROM pasture_units u
       LEFT JOIN LATERAL (SELECT * FROM results x WHERE x.unit_id = u.id
                           ORDER BY x.computed_at DESC LIMIT 1) r ON true
       LEFT JOIN surveys sv ON sv.id = r.survey_id
      WHERE u.id = ANY($1::uuid[]) AND u.organisation_id = $2`,
    [ids, organisationId],
  );
  return new Map(
    rows.map((r) => [
      r.id,
      {
        id: r.id,
        name: r.name,
        soumCode: r.soum_code,
        areaHa: r.area_ha,
        deleted: r.deleted,
        geometry: r.geometry,
        forageKgHa: r.biomass_kg_ha,
        recoveryClass: r.recovery_class,
        survey: r.survey_id && r.survey_date ? { id: r.survey_id, date: r.survey_date } : null,
      },
    ]),
  );
}

/** The soum's aimag code, or null when `code` is not a soum. */
export async function soumAimag(db: Queryable, code: string): Promise<string | null> {
  const rows = await db.query<{ parent_code: string }>(
    `SELECT parent_code FROM admin_units WHERE code = $1 AND level = 'soum'`,
    [code],
  );
  return rows[0]?.parent_code ?? null;
}

/** The aimag an organisation administers, or null. */
export async function organisationAimag(db: Queryable, organisationId: string): Promise<string | null> {
  const rows = await db.query<{ aimag_code: string | null }>(
    'SELECT aimag_code FROM organisations WHERE id = $1',
    [organisationId],
  );
  return rows[0]?.aimag_code ?? null;
}
