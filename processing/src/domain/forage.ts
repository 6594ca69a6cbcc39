/**
 * Forage demand and carrying capacity in sheep units.
 * Reference: DOMAIN.md §6 — National Report on the Rangeland Health of Mongolia (2015) and the methods
 * it cites: intake 1.4 kg DM/SU/day, proper-use factor U = 0.30, RCC = F·U/511, CC = F·A·U/(I·D).
 */
import { capacityFactor, type RecoveryClass } from './recovery.ts';
import { requireNonNegative, requirePositive } from './validate.ts';

/** I: daily intake of one sheep unit, kg dry matter (NR2015). */
export const DAILY_INTAKE_KG_DM_PER_SU = 1.4;
/** Yearly intake of one sheep unit: 1.4 × 365 = 511 kg DM (NR2015). */
export const ANNUAL_INTAKE_KG_DM_PER_SU = 511;
/** U: harvest efficiency (proper-use factor), the share of standing forage that may be grazed (NR2015). */
export const PROPER_USE_FACTOR = 0.3;

/** Annual rangeland carrying capacity, SU/ha/yr, of available forage F (kg DM/ha): F·U/511. */
export function annualCarryingCapacity(forageKgHa: number): number {
  return (
    (requireNonNegative('forage F (kg/ha)', forageKgHa) * PROPER_USE_FACTOR) / ANNUAL_INTAKE_KG_DM_PER_SU
  );
}

/** Grazable forage of a unit, kg DM: F·A·U, less the recovery class's stocking reduction. */
export function grazableForageKg(forageKgHa: number, areaHa: number, cls?: RecoveryClass | null): number {
  requireNonNegative('forage F (kg/ha)', forageKgHa);
  requirePositive('area (ha)', areaHa);
  return forageKgHa * areaHa * PROPER_USE_FACTOR * capacityFactor(cls);
}

/** Seasonal capacity of a unit, SU for `days` grazed: F·A·U/(I·D), reduced by the recovery class's cut. */
export function seasonalCapacity(
  forageKgHa: number,
  areaHa: number,
  days: number,
  cls?: RecoveryClass | null,
): number {
  const forage = grazableForageKg(forageKgHa, areaHa, cls);
  return forage / (DAILY_INTAKE_KG_DM_PER_SU * requirePositive('days grazed', days));
}
