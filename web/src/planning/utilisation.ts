/**
 * Live demand against capacity while a grazing plan is edited: per pasture unit the forage its
 * groups eat (Σ SU × days × 1.4 kg), the unit's grazable forage as the server last computed it, the
 * utilisation % and its band; the bar position and colour of each band. The server's numbers replace
 * these after a save. Reference: DOMAIN.md §5–§7 (bands: < 70 % reserve, ≤ 100 % sufficient,
 * ≤ 300 % exceeds 1–3×, ≤ 500 % exceeds 3–5×, more: many times), colours as the PDF report's map.
 */
import { DAILY_INTAKE_KG_PER_SU, sheepUnits, type Livestock } from './livestock.ts';
import { daysInclusive } from './plan.dates.ts';

export const BANDS = ['reserve', 'sufficient', 'exceeds_1_3', 'exceeds_3_5', 'exceeds_many'] as const;
export type Band = (typeof BANDS)[number];
/** `no_survey`: the server found no forage for the unit; `pending`: the server has not seen it yet. */
export type BandOrNone = Band | 'no_survey' | 'pending';

/** Same colours as the report's map (api/src/grazing-plans/report.labels.ts). */
export const BAND_COLOURS: Readonly<Record<BandOrNone, string>> = {
  reserve: '#1a9641',
  sufficient: '#a6d96a',
  exceeds_1_3: '#fdae61',
  exceeds_3_5: '#f46d43',
  exceeds_many: '#d7191c',
  no_survey: '#bdbdbd',
  pending: '#bdbdbd',
};

const RESERVE_BELOW_PCT = 70;

export function bandOf(pct: number): Band {
  if (pct < RESERVE_BELOW_PCT) return 'reserve';
  if (pct <= 100) return 'sufficient';
  if (pct <= 300) return 'exceeds_1_3';
  if (pct <= 500) return 'exceeds_3_5';
  return 'exceeds_many';
}

export interface DraftGroup {
  readonly name: string;
  readonly livestock: Livestock;
}

export interface DraftAssignment {
  readonly group: string;
  readonly unitId: string;
  readonly startDate: string;
  readonly endDate: string;
}

export interface UnitLoad {
  readonly unitId: string;
  readonly demandKg: number;
  /** Grazable forage (kg DM) of the unit; null when it has no survey or the server has not said yet. */
  readonly grazableKg: number | null;
  readonly pct: number | null;
  readonly band: BandOrNone;
}

/**
 * Forage eaten on each assigned unit, against `grazableKg` (by unit id, from the server's last answer:
 * null for a unit without a survey; a unit it does not hold is new to the plan, `pending` until saved).
 */
export function unitLoads(
  groups: readonly DraftGroup[],
  assignments: readonly DraftAssignment[],
  grazableKg: ReadonlyMap<string, number | null>,
): UnitLoad[] {
  const su = new Map(groups.map((g) => [g.name, sheepUnits(g.livestock)]));
  const demand = new Map<string, number>();
  for (const a of assignments) {
    const kg = (su.get(a.group) ?? 0) * (daysInclusive(a.startDate, a.endDate) ?? 0) * DAILY_INTAKE_KG_PER_SU;
    demand.set(a.unitId, (demand.get(a.unitId) ?? 0) + kg);
  }
  return [...demand].map(([unitId, demandKg]) => {
    const capacity = grazableKg.get(unitId) ?? null;
    if (capacity === null) {
      const band = grazableKg.has(unitId) ? 'no_survey' : 'pending';
      return { unitId, demandKg, grazableKg: null, pct: null, band };
    }
    const pct = demandKg === 0 ? 0 : capacity === 0 ? Infinity : (demandKg / capacity) * 100;
    return { unitId, demandKg, grazableKg: capacity, pct, band: bandOf(pct) };
  });
}

/** Where the capacity mark sits on a bar (a fraction of its length). */
export const CAPACITY_MARK = 0.5;
const BAR_MAX_PCT = 500;

/**
 * Length of a utilisation bar as a fraction: linear up to capacity (100 % at the mark), then
 * logarithmic up to 500 % at the end, so 2× and 5× over still read apart.
 */
export function barFraction(pct: number): number {
  if (pct <= 100) return (Math.max(0, pct) / 100) * CAPACITY_MARK;
  const over = Math.log(Math.min(pct, BAR_MAX_PCT) / 100) / Math.log(BAR_MAX_PCT / 100);
  return CAPACITY_MARK + over * (1 - CAPACITY_MARK);
}
