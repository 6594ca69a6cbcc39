/**
 * Utilisation of a pasture unit in a grazing plan: the forage its herder groups eat against the grazable
 * forage of the unit, and the band of the result (after NAMEM's pasture carrying-capacity maps).
 * Reference: DOMAIN.md §7.
 */
import { DAILY_INTAKE_KG_DM_PER_SU, grazableForageKg } from './forage.ts';
import { sheepUnits, type Herd } from './livestock.ts';
import type { RecoveryClass } from './recovery.ts';
import { requirePositive } from './validate.ts';

/** One herder group grazing the unit: its herd and the days it stays there. */
export interface GrazingAssignment {
  readonly herd: Herd;
  readonly days: number;
}

export interface UtilisationUnit {
  /** Available forage F, kg DM/ha. */
  readonly forageKgHa: number;
  /** Geodesic area A, ha. */
  readonly areaHa: number;
  readonly recoveryClass?: RecoveryClass | null;
}

export const UTILISATION_BANDS = [
  'reserve',
  'sufficient',
  'exceeds_1_3',
  'exceeds_3_5',
  'exceeds_many',
] as const;
export type UtilisationBand = (typeof UTILISATION_BANDS)[number];

/** Configurable default (DOMAIN §7, **default**): within capacity, below this % is "reserve". */
export const DEFAULT_RESERVE_BELOW_PCT = 70;

export interface Utilisation {
  readonly demandKg: number;
  readonly grazableKg: number;
  /** demand ÷ grazable × 100; Infinity when the unit has no grazable forage but is grazed. */
  readonly pct: number;
  readonly band: UtilisationBand;
  /** Over 100 %: flagged in the plan, the report and the map. */
  readonly overgrazed: boolean;
}

/** Forage eaten by one herder group, kg DM: Σ head × SU factor × days × 1.4 kg. */
export function groupDemandKg(a: GrazingAssignment): number {
  return sheepUnits(a.herd) * requirePositive('days grazed', a.days) * DAILY_INTAKE_KG_DM_PER_SU;
}

/**
 * Band of a utilisation %: < reserveBelow → reserve, up to 100 → sufficient, (100, 300] → exceeds 1–3×,
 * (300, 500] → exceeds 3–5×, > 500 → exceeds many times.
 */
export function utilisationBand(pct: number, reserveBelow = DEFAULT_RESERVE_BELOW_PCT): UtilisationBand {
  if (pct < reserveBelow) return 'reserve';
  if (pct <= 100) return 'sufficient';
  if (pct <= 300) return 'exceeds_1_3';
  if (pct <= 500) return 'exceeds_3_5';
  return 'exceeds_many';
}

/** Utilisation of one unit by all the groups assigned to it. */
export function unitUtilisation(
  unit: UtilisationUnit,
  assignments: ReadonlyArray<GrazingAssignment>,
  reserveBelow = DEFAULT_RESERVE_BELOW_PCT,
): Utilisation {
  const demandKg = assignments.reduce((sum, a) => sum + groupDemandKg(a), 0);
  const grazableKg = grazableForageKg(unit.forageKgHa, unit.areaHa, unit.recoveryClass);
  const pct = demandKg === 0 ? 0 : grazableKg === 0 ? Infinity : (demandKg / grazableKg) * 100;
  return { demandKg, grazableKg, pct, band: utilisationBand(pct, reserveBelow), overgrazed: pct > 100 };
}
