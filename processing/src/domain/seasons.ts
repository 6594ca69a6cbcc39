/**
 * Grazing seasons and their length in days (D of the capacity formula). Two-season plans use the
 * fixed lengths below; D always comes from the plan's own dates when they are given (inclusive).
 * Reference: DOMAIN.md §6 "Seasons".
 */
import { ValidationError } from '../errors.ts';

/** Winter–spring pastures, 1 Dec – 31 May: 31 + 31 + 28 + 31 + 30 + 31 = 182 days (DOMAIN §6). */
export const WINTER_SPRING_DAYS = 182;
/** Summer–autumn pastures, 1 Jun – 30 Nov: 30 + 31 + 31 + 30 + 31 + 30 = 183 days (DOMAIN §6). */
export const SUMMER_AUTUMN_DAYS = 183;

/** The season of a pasture unit (column `pasture_units.season`). */
export type UnitSeason = 'winter' | 'spring' | 'summer' | 'autumn' | 'reserve';

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of an ISO calendar date `YYYY-MM-DD`; a malformed or impossible date throws. */
function epochDay(date: string, name: string): number {
  const m = ISO_DATE.exec(date);
  const ms = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
  if (!m || Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== date) {
    throw new ValidationError(`${name} must be a date YYYY-MM-DD, got "${date}"`);
  }
  return ms / MS_PER_DAY;
}

/** Days grazed from `start` to `end`, both inclusive (1 Jun – 30 Nov → 183). `end` before `start` throws. */
export function daysInclusive(start: string, end: string): number {
  const days = epochDay(end, 'end date') - epochDay(start, 'start date') + 1;
  if (days <= 0) throw new ValidationError(`end date ${end} is before start date ${start}`);
  return days;
}

/**
 * D for a unit: the plan's dates when given, else the two-season length of the unit's season
 * (winter, spring → 182; summer, autumn → 183). A reserve pasture has no default season: dates needed.
 */
export function seasonDays(season: UnitSeason, dates?: { start: string; end: string }): number {
  if (dates) return daysInclusive(dates.start, dates.end);
  if (season === 'winter' || season === 'spring') return WINTER_SPRING_DAYS;
  if (season === 'summer' || season === 'autumn') return SUMMER_AUTUMN_DAYS;
  throw new ValidationError(`a ${season} pasture has no default season length: give the plan's dates`);
}
