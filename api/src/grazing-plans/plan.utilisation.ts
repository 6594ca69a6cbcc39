/**
 * Demand against capacity for every pasture unit of a grazing plan, and the plan's totals.
 * Per unit: capacity in sheep units for the plan's days (CC = F·A·U·(1 − cut)/(I·D), DOMAIN §6), the
 * demand of its assignments (Σ head × SU factor × days × 1.4 kg, DOMAIN §7), utilisation % and band.
 * A unit without forage F (no survey, or an uncalibrated one) has no capacity: utilisation unknown.
 * Reference: DOMAIN.md §5–§7; the kernels of `@belcheer/processing` domain.
 */
import {
  DAILY_INTAKE_KG_DM_PER_SU,
  daysInclusive,
  seasonalCapacity,
  sheepUnits,
  unitUtilisation,
  type RecoveryClass,
} from '@belcheer/processing';
import type { Livestock, Plan, PlanTotals, UnitUtilisationView } from './grazing.plans.schemas.ts';

export interface PlanGroup {
  readonly name: string;
  readonly livestock: Livestock;
}

export interface PlanAssignment {
  readonly group: string;
  readonly unitId: string;
  readonly startDate: string;
  readonly endDate: string;
}

export interface PlanUnit {
  readonly id: string;
  readonly name: string;
  readonly areaHa: number;
  /** F of the unit's latest result, kg DM/ha; null without a calibrated survey. */
  readonly forageKgHa: number | null;
  readonly recoveryClass: RecoveryClass | null;
  readonly survey: { readonly id: string; readonly date: string } | null;
}

export interface PlanComputation {
  readonly groups: Plan['groups'];
  readonly assignments: Plan['assignments'];
  readonly units: UnitUtilisationView[];
  readonly totals: PlanTotals;
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

/** Units in the order their first assignment names them; `planDays` is D of the capacity. */
export function computePlan(
  planDays: number,
  groups: readonly PlanGroup[],
  assignments: readonly PlanAssignment[],
  units: ReadonlyMap<string, PlanUnit>,
): PlanComputation {
  const herdOf = new Map(groups.map((g) => [g.name, g.livestock]));
  const suOf = new Map(groups.map((g) => [g.name, sheepUnits(g.livestock)]));
  const assignmentViews = assignments.map((a) => {
    const days = daysInclusive(a.startDate, a.endDate);
    const demandSuDays = (suOf.get(a.group) ?? 0) * days;
    return { ...a, days, demandSuDays, demandKg: demandSuDays * DAILY_INTAKE_KG_DM_PER_SU };
  });
  const unitIds = [...new Set(assignments.map((a) => a.unitId))];
  const unitViews = unitIds.flatMap((id): UnitUtilisationView[] => {
    const unit = units.get(id);
    if (!unit) return [];
    const mine = assignmentViews.filter((a) => a.unitId === id);
    const demandSuDays = sum(mine.map((a) => a.demandSuDays));
    const demandKg = sum(mine.map((a) => a.demandKg));
    const base = {
      id,
      name: unit.name,
      areaHa: unit.areaHa,
      survey: unit.survey,
      recoveryClass: unit.recoveryClass,
      demandSuDays,
      demandKg,
    };
    if (unit.forageKgHa === null) {
      return [
        {
          ...base,
          forageStatus: 'no_survey',
          forageKgHa: null,
          capacitySu: null,
          grazableKg: null,
          utilisationPct: null,
          band: null,
          overgrazed: false,
        },
      ];
    }
    const u = unitUtilisation(
      { forageKgHa: unit.forageKgHa, areaHa: unit.areaHa, recoveryClass: unit.recoveryClass },
      mine.map((a) => ({ herd: herdOf.get(a.group) ?? {}, days: a.days })),
    );
    return [
      {
        ...base,
        forageStatus: 'surveyed',
        forageKgHa: unit.forageKgHa,
        capacitySu: seasonalCapacity(unit.forageKgHa, unit.areaHa, planDays, unit.recoveryClass),
        grazableKg: u.grazableKg,
        // No grazable forage but grazed: infinitely over capacity, which JSON cannot carry.
        utilisationPct: Number.isFinite(u.pct) ? u.pct : null,
        band: u.band,
        overgrazed: u.overgrazed,
      },
    ];
  });
  const surveyed = unitViews.filter((u) => u.forageStatus === 'surveyed');
  const surveyedDemand = sum(surveyed.map((u) => u.demandKg));
  const grazableKg = sum(surveyed.map((u) => u.grazableKg ?? 0));
  return {
    groups: groups.map((g) => ({ ...g, sheepUnits: suOf.get(g.name) ?? 0 })),
    assignments: assignmentViews,
    units: unitViews,
    totals: {
      areaHa: sum(unitViews.map((u) => u.areaHa)),
      demandSuDays: sum(unitViews.map((u) => u.demandSuDays)),
      demandKg: sum(unitViews.map((u) => u.demandKg)),
      capacitySu: sum(surveyed.map((u) => u.capacitySu ?? 0)),
      grazableKg,
      utilisationPct: grazableKg > 0 ? (surveyedDemand / grazableKg) * 100 : null,
      overgrazedUnits: unitViews.filter((u) => u.overgrazed).length,
      unitsWithoutSurvey: unitViews.length - surveyed.length,
    },
  };
}
