/**
 * Change between two surveys (SPEC §2.3): for each unit both surveys' analyses cover, Δ mean index,
 * Δ cover % and Δ biomass (null when either survey is uncalibrated for it), with the days between the
 * survey dates. Both surveys must be readable (404 otherwise), analysed (409 naming the one that is
 * not) and about the same index (400 naming both).
 * Reference: SPEC §2.3 "Change between two surveys of the same unit"; issue 6.
 */
import { ConflictError, ValidationError } from '@belcheer/processing';
import type { Db } from '../db/db.ts';
import type { Caller } from '../auth/caller.ts';
import { publishedSurvey } from '../tiles/survey.sources.ts';
import { surveyResults, type UnitResult } from './change.repository.ts';

const DAY_MS = 86_400_000;

export interface UnitChange {
  readonly unit_id: string;
  readonly name: string;
  readonly mean_from: number | null;
  readonly mean_to: number | null;
  readonly delta_mean: number | null;
  readonly cover_pct_from: number | null;
  readonly cover_pct_to: number | null;
  readonly delta_cover_pct: number | null;
  readonly biomass_kg_ha_from: number | null;
  readonly biomass_kg_ha_to: number | null;
  readonly delta_biomass_kg_ha: number | null;
}

/** b − a, null when either is null. */
function delta(a: number | null, b: number | null): number | null {
  return a === null || b === null ? null : b - a;
}

function unitChange(from: UnitResult, to: UnitResult): UnitChange {
  return {
    unit_id: from.unitId,
    name: from.name,
    mean_from: from.mean,
    mean_to: to.mean,
    delta_mean: delta(from.mean, to.mean),
    cover_pct_from: from.coverPct,
    cover_pct_to: to.coverPct,
    delta_cover_pct: delta(from.coverPct, to.coverPct),
    biomass_kg_ha_from: from.biomassKgHa,
    biomass_kg_ha_to: to.biomassKgHa,
    delta_biomass_kg_ha: delta(from.biomassKgHa, to.biomassKgHa),
  };
}

/** The results of a readable, analysed survey and its date. */
async function analysedSurvey(db: Db, caller: Caller, id: string, role: 'from' | 'to') {
  const { survey } = await publishedSurvey(db, caller, id);
  const results = await surveyResults(db, id);
  if (results.length === 0) {
    throw new ConflictError(
      `the ${role} survey ${id} ("${survey.name}") has no per-unit analysis results (see /api/surveys/${id}/analysis)`,
      { survey: id },
      'analysis_missing',
    );
  }
  return { id, date: survey.date, index: results[0]!.index, results };
}

export async function surveyChange(db: Db, caller: Caller, fromId: string, toId: string) {
  if (fromId === toId) throw new ValidationError('from and to are the same survey');
  const from = await analysedSurvey(db, caller, fromId, 'from');
  const to = await analysedSurvey(db, caller, toId, 'to');
  if (from.index !== to.index) {
    throw new ValidationError(
      `the surveys were analysed with different indices: ${from.index} (from) and ${to.index} (to)`,
      { from: from.index, to: to.index },
    );
  }
  const later = new Map(to.results.map((r) => [r.unitId, r]));
  const units = from.results.flatMap((r) => {
    const other = later.get(r.unitId);
    return other ? [unitChange(r, other)] : [];
  });
  return {
    from: { id: from.id, date: from.date },
    to: { id: to.id, date: to.date },
    index: from.index,
    days: Math.round((Date.parse(to.date) - Date.parse(from.date)) / DAY_MS),
    units,
  };
}
