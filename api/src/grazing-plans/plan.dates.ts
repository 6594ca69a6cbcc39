/**
 * The dates of a grazing plan and of its assignments. Default dates follow DOMAIN §6: a winter or
 * spring plan of year Y covers the winter–spring pastures from 1 Dec Y−1 to 31 May Y, a summer or
 * autumn plan the summer–autumn pastures from 1 Jun to 30 Nov Y. Four-season plans give their own dates.
 * Assignments default to the plan's dates, must lie within them, and one group cannot be on two units
 * on the same day.
 */
import { daysInclusive, ValidationError } from '@belcheer/processing';
import type { PlanBody } from './grazing.plans.schemas.ts';
import type { PlanAssignment } from './plan.utilisation.ts';

export interface PlanDates {
  readonly startDate: string;
  readonly endDate: string;
}

export function defaultPlanDates(season: PlanBody['season'], year: number): PlanDates {
  return season === 'winter' || season === 'spring'
    ? { startDate: `${year - 1}-12-01`, endDate: `${year}-05-31` }
    : { startDate: `${year}-06-01`, endDate: `${year}-11-30` };
}

/** The plan's dates: given ones (both or neither) or the season's; checked to be a valid range. */
export function planDates(body: Pick<PlanBody, 'season' | 'year' | 'startDate' | 'endDate'>): PlanDates {
  if ((body.startDate === undefined) !== (body.endDate === undefined)) {
    throw new ValidationError('give both startDate and endDate of the plan, or neither');
  }
  const dates =
    body.startDate && body.endDate
      ? { startDate: body.startDate, endDate: body.endDate }
      : defaultPlanDates(body.season, body.year);
  daysInclusive(dates.startDate, dates.endDate);
  return dates;
}

/** Assignments with their dates filled in and checked against the plan and each other. */
export function resolveAssignments(
  plan: PlanDates,
  groupNames: readonly string[],
  assignments: PlanBody['assignments'],
): PlanAssignment[] {
  const resolved = assignments.map((a, i): PlanAssignment => {
    const where = `assignments[${i}]`;
    if (!groupNames.includes(a.group))
      throw new ValidationError(`${where}: the plan has no group "${a.group}"`);
    const startDate = a.startDate ?? plan.startDate;
    const endDate = a.endDate ?? plan.endDate;
    daysInclusive(startDate, endDate);
    if (startDate < plan.startDate || endDate > plan.endDate) {
      throw new ValidationError(
        `${where}: ${startDate} – ${endDate} is outside the plan's ${plan.startDate} – ${plan.endDate}`,
      );
    }
    return { group: a.group, unitId: a.unitId, startDate, endDate };
  });
  resolved.forEach((a, i) => {
    const j = resolved.findIndex(
      (b, k) => k < i && b.group === a.group && b.startDate <= a.endDate && a.startDate <= b.endDate,
    );
    if (j >= 0) {
      throw new ValidationError(
        `assignments[${i}]: group "${a.group}" is already on another unit from ${resolved[j]!.startDate} to ${resolved[j]!.endDate} (assignments[${j}])`,
      );
    }
  });
  return resolved;
}

/** Group names must be unique within a plan: assignments refer to groups by name. */
export function checkGroupNames(groups: PlanBody['groups']): string[] {
  const names = groups.map((g) => g.name);
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup !== undefined) throw new ValidationError(`groups: the name "${dup}" is used twice`);
  return names;
}
