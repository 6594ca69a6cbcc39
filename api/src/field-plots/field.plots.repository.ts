/**
 * SQL of field plots. Every read takes the organisations the caller may read; a plot outside them, or
 * soft-deleted, does not exist for that caller. A plot's pasture unit is the smallest unit of its
 * organisation containing it, found when read (units are edited after plots are taken).
 */
import { NotFoundError } from '@belcheer/processing';
import type { Queryable } from '../db/db.ts';
import type { PlotFeature, PlotListQuery } from './field.plots.schemas.ts';
import type { PlotInput } from './plot.validate.ts';

interface PlotRowSql {
  id: string;
  organisation_id: string;
  survey_id: string | null;
  unit_id: string | null;
  name: string | null;
  plot_date: string;
  lon: number;
  lat: number;
  biomass_kg_ha: number | null;
  biomass_fresh: boolean;
  cover_pct: number | null;
  height_cm: number | null;
  plot_size_m: number;
  notes: string | null;
  photo_key: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface PlotRecord {
  readonly feature: PlotFeature;
  readonly organisationId: string;
  readonly photoKey: string | null;
  readonly updatedAt: Date;
}

const SELECT = `SELECT p.id, p.organisation_id, p.survey_id, u.id AS unit_id, p.name,
       to_char(p.plot_date, 'YYYY-MM-DD') AS plot_date, ST_X(p.geom) AS lon, ST_Y(p.geom) AS lat,
       p.biomass_kg_ha, p.biomass_fresh, p.cover_pct, p.height_cm, p.plot_size_m, p.notes, p.photo_key,
       p.created_at, p.updated_at
  FROM field_plots p
  LEFT JOIN LATERAL (
    SELECT pu.id FROM pasture_units pu
     WHERE pu.organisation_id = p.organisation_id AND pu.deleted_at IS NULL AND ST_Intersects(pu.geom, p.geom)
     ORDER BY pu.area_ha LIMIT 1) u ON true`;

function toRecord(r: PlotRowSql): PlotRecord {
  return {
    organisationId: r.organisation_id,
    photoKey: r.photo_key,
    updatedAt: new Date(r.updated_at),
    feature: {
      type: 'Feature',
      id: r.id,
      geometry: { type: 'Point', coordinates: [r.lon, r.lat] },
      properties: {
        name: r.name,
        date: r.plot_date,
        survey: r.survey_id,
        unit: r.unit_id,
        biomass_kg_ha: r.biomass_kg_ha,
        fresh: r.biomass_fresh,
        cover_pct: r.cover_pct,
        height_cm: r.height_cm,
        plot_size_m: r.plot_size_m,
        notes: r.notes,
        photo_url: r.photo_key ? `/api/field-plots/${r.id}/photo` : null,
        created_at: new Date(r.created_at).toISOString(),
        updated_at: new Date(r.updated_at).toISOString(),
      },
    },
  };
}

export async function listPlots(
  db: Queryable,
  orgs: readonly string[],
  q: PlotListQuery,
): Promise<PlotFeature[]> {
  const rows = await db.query<PlotRowSql>(
    `${SELECT} WHERE p.organisation_id = ANY($1::uuid[]) AND p.deleted_at IS NULL
        AND ($2::uuid IS NULL OR p.survey_id = $2)
        AND ($3::uuid IS NULL OR EXISTS (
              SELECT 1 FROM pasture_units f WHERE f.id = $3 AND f.organisation_id = ANY($1::uuid[])
                 AND f.deleted_at IS NULL AND ST_Intersects(f.geom, p.geom)))
        AND ($4::float8[] IS NULL OR p.geom && ST_MakeEnvelope(($4::float8[])[1], ($4::float8[])[2],
                                                               ($4::float8[])[3], ($4::float8[])[4], 4326))
        AND ($5::date IS NULL OR p.plot_date >= $5) AND ($6::date IS NULL OR p.plot_date <= $6)
      ORDER BY p.plot_date DESC, p.created_at DESC, p.id LIMIT $7 OFFSET $8`,
    [
      [...orgs],
      q.survey ?? null,
      q.unit ?? null,
      q.bbox ?? null,
      q.from ?? null,
      q.to ?? null,
      q.limit,
      q.offset,
    ],
  );
  return rows.map((r) => toRecord(r).feature);
}

/** The plot, or NotFoundError when it does not exist, is deleted or is outside `orgs`. */
export async function getPlotRecord(
  db: Queryable,
  orgs: readonly string[],
  id: string,
  forUpdate = false,
): Promise<PlotRecord> {
  const rows = await db.query<PlotRowSql>(
    `${SELECT} WHERE p.id = $1 AND p.deleted_at IS NULL AND p.organisation_id = ANY($2::uuid[])
     ${forUpdate ? 'FOR UPDATE OF p' : ''}`,
    [id, [...orgs]],
  );
  const row = rows[0];
  if (!row) throw new NotFoundError(`field plot ${id} not found`);
  return toRecord(row);
}

/** Inserts plots with the given ids in one statement (one JSON parameter, whatever the count). */
export async function insertPlots(
  db: Queryable,
  owner: { organisationId: string; userId: string; surveyId: string | null },
  plots: readonly { id: string; plot: PlotInput }[],
): Promise<void> {
  const json = plots.map(({ id, plot }) => ({ id, ...plot }));
  await db.query(
    `INSERT INTO field_plots (id, organisation_id, survey_id, created_by, name, plot_date, geom, biomass_kg_ha,
                              biomass_fresh, cover_pct, height_cm, plot_size_m, notes)
     SELECT r.id, $1, $2, $3, r.name, r.date, ST_SetSRID(ST_MakePoint(r.lon, r.lat), 4326), r."biomassKgHa",
            r.fresh, r."coverPct", r."heightCm", r."plotSizeM", r.notes
       FROM jsonb_to_recordset($4::jsonb) AS r(id uuid, name text, date date, lon float8, lat float8,
            "biomassKgHa" float8, fresh boolean, "coverPct" float8, "heightCm" float8, "plotSizeM" float8,
            notes text)`,
    [owner.organisationId, owner.surveyId, owner.userId, JSON.stringify(json)],
  );
}

export async function updatePlot(
  db: Queryable,
  id: string,
  plot: PlotInput,
  surveyId: string | null,
): Promise<void> {
  await db.query(
    `UPDATE field_plots SET survey_id = $2, name = $3, plot_date = $4, geom = ST_SetSRID(ST_MakePoint($5, $6), 4326),
            biomass_kg_ha = $7, biomass_fresh = $8, cover_pct = $9, height_cm = $10, plot_size_m = $11,
            notes = $12, updated_at = now()
      WHERE id = $1`,
    [
      id,
      surveyId,
      plot.name,
      plot.date,
      plot.lon,
      plot.lat,
      plot.biomassKgHa,
      plot.fresh,
      plot.coverPct,
      plot.heightCm,
      plot.plotSizeM,
      plot.notes,
    ],
  );
}

export async function softDeletePlot(db: Queryable, id: string): Promise<void> {
  await db.query('UPDATE field_plots SET deleted_at = now(), updated_at = now() WHERE id = $1', [id]);
}

export async function setPhotoKey(db: Queryable, id: string, key: string): Promise<void> {
  await db.query('UPDATE field_plots SET photo_key = $2, updated_at = now() WHERE id = $1', [id, key]);
}
