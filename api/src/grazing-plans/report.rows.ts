/**
 * The rows of a plan's report as text, shared by report.csv and report.pdf so both show the very same
 * numbers: one row per pasture unit and a totals row, numbers rounded for reading (area 2 decimals,
 * the rest 1) with a point as the decimal separator.
 */
import type { Plan, ReportLang } from './grazing.plans.schemas.ts';
import { BAND_LABELS, t, type TextKey } from './report.labels.ts';

export const UNIT_COLUMNS = [
  'unit',
  'areaHa',
  'surveyDate',
  'forage',
  'recoveryClass',
  'capacitySu',
  'demandSuDays',
  'demandKg',
  'utilisation',
  'band',
  'overgrazed',
  'note',
] as const satisfies readonly TextKey[];
export type UnitColumn = (typeof UNIT_COLUMNS)[number];
export type ReportRow = Readonly<Record<UnitColumn, string>>;

export function fixed(value: number | null, digits: number): string {
  return value === null ? '' : value.toFixed(digits);
}

export function unitRows(plan: Plan, lang: ReportLang): ReportRow[] {
  return plan.units.map((u) => ({
    unit: u.name,
    areaHa: fixed(u.areaHa, 2),
    surveyDate: u.survey?.date ?? '',
    forage: fixed(u.forageKgHa, 1),
    recoveryClass: u.recoveryClass ?? '',
    capacitySu: fixed(u.capacitySu, 1),
    demandSuDays: fixed(u.demandSuDays, 1),
    demandKg: fixed(u.demandKg, 1),
    utilisation: fixed(u.utilisationPct, 1),
    band: u.band ? BAND_LABELS[u.band][lang] : '',
    overgrazed: t(u.overgrazed ? 'yes' : 'no', lang),
    note: u.forageStatus === 'no_survey' ? BAND_LABELS.no_survey[lang] : '',
  }));
}

export function totalsRow(plan: Plan, lang: ReportLang): ReportRow {
  const x = plan.totals;
  return {
    unit: t('total', lang),
    areaHa: fixed(x.areaHa, 2),
    surveyDate: '',
    forage: '',
    recoveryClass: '',
    capacitySu: fixed(x.capacitySu, 1),
    demandSuDays: fixed(x.demandSuDays, 1),
    demandKg: fixed(x.demandKg, 1),
    utilisation: fixed(x.utilisationPct, 1),
    band: '',
    overgrazed: String(x.overgrazedUnits),
    note: x.unitsWithoutSurvey > 0 ? `${x.unitsWithoutSurvey} × ${BAND_LABELS.no_survey[lang]}` : '',
  };
}
