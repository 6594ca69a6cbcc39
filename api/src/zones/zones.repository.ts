/**
 * SQL of vigour zones: one pasture unit of the caller's organisations (not deleted) with its use and
 * whether it meets a survey's footprint. The pasture-units API owns the table; this only reads it.
 * Reference: migration 003 (pasture_units, surveys.footprint).
 */
import type { MultiPolygon } from 'geojson';
import { NotFoundError } from '@belcheer/processing';
import type { Queryable } from '../db/db.ts';

export interface ZoneUnit {
  readonly id: string;
  readonly name: string;
  readonly use: string;
  /** WGS 84 lon/lat. */
  readonly geometry: MultiPolygon;
  /** True when the unit meets the survey's footprint. */
  readonly covered: boolean;
}

/** The unit `unitId` of one of `organisations`, or NotFoundError; `covered` against survey `surveyId`. */
export async function unitOverSurvey(
  q: Queryable,
  organisations: readonly string[],
  unitId: string,
  surveyId: string,
): Promise<ZoneUnit> {
  const rows = await q.query<ZoneUnit>(
    `SELECT u.id, u.name, u.use, ST_AsGeoJSON(u.geom)::json AS geometry,
            coalesce(ST_Intersects(u.geom, s.footprint), false) AS covered
       FROM pasture_units u LEFT JOIN surveys s ON s.id = $3
      WHERE u.id = $1 AND u.organisation_id = ANY($2::uuid[]) AND u.deleted_at IS NULL`,
    [unitId, organisations, surveyId],
  );
  const unit = rows[0];
  if (!unit) throw new NotFoundError(`pasture unit ${unitId} not found`);
  return unit;
}
