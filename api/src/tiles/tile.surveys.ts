/**
 * The lean survey lookup of tile requests: id, organisation, version, band context and cover of a
 * survey (no footprint GeoJSON, no organisation join), cached per survey id for `ttlMs` (default
 * 5 s) whatever the caller, the caller's organisations checked on every request (another
 * organisation's survey is 404). The version is part of every downstream key (COG key, ETag, tile
 * caches), so a reprocessed or deleted survey is seen at most `ttlMs` after the change.
 */
import { NotFoundError, type BandContext } from '@belcheer/processing';
import type { Db } from '../db/db.ts';
import { readableOrganisations, type Caller } from '../auth/caller.ts';
import { reflectanceOf } from '../surveys/surveys.repository.ts';

export interface TileSurvey {
  readonly id: string;
  readonly organisationId: string;
  readonly version: number;
  readonly status: string;
  readonly cover: { readonly index: string; readonly threshold: number } | null;
  readonly bandContext: BandContext;
}

interface TileSurveyRow {
  id: string;
  organisation_id: string;
  version: number;
  status: string;
  bands: string[] | null;
  declared_bands: string[] | null;
  sample_format: string | null;
  reflectance_scale: number | null;
  reflectance_offset: number;
  cover_index: string | null;
  cover_threshold: number | null;
}

const SELECT = `SELECT id, organisation_id, version, status, bands, declared_bands, sample_format,
       reflectance_scale, reflectance_offset, cover_index, cover_threshold
  FROM surveys WHERE id = $1 AND deleted_at IS NULL`;

function toTileSurvey(r: TileSurveyRow): TileSurvey {
  const declared =
    r.reflectance_scale !== null ? { scale: r.reflectance_scale, offset: r.reflectance_offset } : null;
  return {
    id: r.id,
    organisationId: r.organisation_id,
    version: r.version,
    status: r.status,
    cover:
      r.cover_index && r.cover_threshold !== null
        ? { index: r.cover_index, threshold: r.cover_threshold }
        : null,
    bandContext: {
      names: r.bands ?? r.declared_bands ?? [],
      reflectance: reflectanceOf(declared, r.sample_format),
    },
  };
}

interface Entry {
  readonly at: number;
  readonly row: Promise<TileSurvey | null>;
}

/** `published(caller, id)`: the caller's survey with published imagery, or NotFoundError. */
export function tileSurveys(db: Db, ttlMs = 5000, now: () => number = Date.now) {
  const entries = new Map<string, Entry>();

  function lookup(id: string): Promise<TileSurvey | null> {
    const t = now();
    const hit = entries.get(id);
    if (hit && t - hit.at < ttlMs) return hit.row;
    if (entries.size > 10_000) entries.clear();
    const row = db
      .query<TileSurveyRow>(SELECT, [id])
      .then((rows) => (rows[0] ? toTileSurvey(rows[0]) : null));
    entries.set(id, { at: t, row });
    row.catch(() => entries.delete(id));
    return row;
  }

  return {
    async published(caller: Caller, id: string): Promise<TileSurvey> {
      const survey = await lookup(id);
      const orgs = readableOrganisations(caller);
      if (!survey || !orgs.includes(survey.organisationId)) {
        throw new NotFoundError(`survey ${id} not found`);
      }
      if (survey.version < 1) {
        throw new NotFoundError(`survey ${id} has no processed imagery yet (status ${survey.status})`);
      }
      return survey;
    },
  };
}

export type TileSurveys = ReturnType<typeof tileSurveys>;
