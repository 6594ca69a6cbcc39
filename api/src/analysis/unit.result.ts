/**
 * The numbers of one pasture unit from its zonal statistics: coverage of the unit by valid survey
 * pixels, biomass from the calibration, recovery class and seasonal carrying capacity.
 *  - coverage % = valid pixels × pixel area ÷ unit area (geodesic) × 100, at most 100;
 *  - biomass kg DM/ha = the calibrated model at the unit's mean index; uncalibrated → null (no number
 *    is invented, DOMAIN §4);
 *  - recovery class = biomass ÷ the unit's reference biomass, banded (DOMAIN §6). Uncalibrated units
 *    get no class: the only reference the data model holds is a biomass (kg DM/ha), which a cover %
 *    cannot be divided by, and a reference cover would be a number with no source. Their cover % and
 *    cover class are reported instead;
 *  - capacity SU = F × A × U × (1 − class cut) ÷ (I × D), F the biomass, A the unit's whole area (the
 *    mean of its covered part stands for the unit), D the unit's season (182 / 183 days; a reserve
 *    pasture has no default season → null).
 * Reference: DOMAIN.md §4, §6; processing/src/domain.
 */
import {
  predict,
  recoveryClass,
  seasonalCapacity,
  seasonDays,
  type Calibration,
  type RecoveryClass,
  type UnitSeason,
  type ZoneStats,
} from '@belcheer/processing';

export interface UnitFacts {
  readonly season: UnitSeason;
  readonly areaHa: number;
  readonly referenceBiomassKgHa: number | null;
}

export interface UnitNumbers {
  readonly coveragePct: number;
  readonly biomassKgHa: number | null;
  readonly recoveryClass: RecoveryClass | null;
  readonly capacitySu: number | null;
  readonly seasonDays: number | null;
}

/** Days grazed of a unit's season; null for a reserve pasture (no default season). */
function daysOf(season: UnitSeason): number | null {
  return season === 'reserve' ? null : seasonDays(season);
}

export function unitNumbers(unit: UnitFacts, stats: ZoneStats, calibration: Calibration): UnitNumbers {
  const coveragePct = unit.areaHa > 0 ? Math.min(100, (stats.area_ha / unit.areaHa) * 100) : 0;
  const biomassKgHa =
    calibration.status === 'calibrated' && stats.mean !== null
      ? predict(calibration.best.model, stats.mean)
      : null;
  const cls = biomassKgHa === null ? null : recoveryClass(biomassKgHa, unit.referenceBiomassKgHa);
  const days = daysOf(unit.season);
  const capacitySu =
    biomassKgHa !== null && days !== null && unit.areaHa > 0
      ? seasonalCapacity(biomassKgHa, unit.areaHa, days, cls)
      : null;
  return { coveragePct, biomassKgHa, recoveryClass: cls, capacitySu, seasonDays: days };
}
