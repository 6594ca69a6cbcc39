import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors.ts';
import { daysInclusive, seasonDays, SUMMER_AUTUMN_DAYS, WINTER_SPRING_DAYS } from './seasons.ts';

describe('seasons (DOMAIN §6)', () => {
  it('counts plan days inclusively', () => {
    // Jun 30 + Jul 31 + Aug 31 + Sep 30 + Oct 31 + Nov 30 = 183
    expect(daysInclusive('2025-06-01', '2025-11-30')).toBe(183);
    // Dec 31 + Jan 31 + Feb 28 + Mar 31 + Apr 30 + May 31 = 182
    expect(daysInclusive('2024-12-01', '2025-05-31')).toBe(182);
    // the same months across a leap February: 29 days → 183
    expect(daysInclusive('2023-12-01', '2024-05-31')).toBe(183);
    expect(daysInclusive('2025-07-15', '2025-07-15')).toBe(1);
  });

  it('uses the two-season lengths unless the plan gives dates', () => {
    expect([WINTER_SPRING_DAYS, SUMMER_AUTUMN_DAYS]).toEqual([182, 183]);
    expect(seasonDays('winter')).toBe(182);
    expect(seasonDays('spring')).toBe(182);
    expect(seasonDays('summer')).toBe(183);
    expect(seasonDays('autumn')).toBe(183);
    expect(seasonDays('summer', { start: '2025-07-01', end: '2025-08-31' })).toBe(62); // 31 + 31
    expect(() => seasonDays('reserve')).toThrow(/reserve pasture has no default season length/);
  });

  it('refuses reversed and impossible dates', () => {
    expect(() => daysInclusive('2025-06-02', '2025-06-01')).toThrow(ValidationError);
    expect(() => daysInclusive('2025-06-02', '2025-06-01')).toThrow(/end date 2025-06-01 is before/);
    expect(() => daysInclusive('2025-02-30', '2025-03-01')).toThrow(/start date must be a date/);
    expect(() => daysInclusive('2025-06-01', '1 Dec')).toThrow(/end date must be a date/);
  });
});
