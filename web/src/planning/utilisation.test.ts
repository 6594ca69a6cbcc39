import { describe, expect, it } from 'vitest';
import { NO_LIVESTOCK } from './livestock.ts';
import { daysInclusive } from './plan.dates.ts';
import { BAND_COLOURS, bandOf, barFraction, CAPACITY_MARK, unitLoads } from './utilisation.ts';

describe('daysInclusive (DOMAIN §6)', () => {
  it('counts both ends', () => {
    // Dec 31 + Jan 31 + Feb 28 + Mar 31 + Apr 30 + May 31 = 182; with a leap February 183
    expect(daysInclusive('2024-12-01', '2025-05-31')).toBe(182);
    expect(daysInclusive('2023-12-01', '2024-05-31')).toBe(183);
    expect(daysInclusive('2025-07-15', '2025-07-15')).toBe(1);
  });

  it('has no length for a missing date or a reversed period', () => {
    expect(daysInclusive('', '2025-05-31')).toBeNull();
    expect(daysInclusive('2025-06-02', '2025-06-01')).toBeNull();
  });
});

describe('utilisation bands (DOMAIN §7)', () => {
  it('puts the band edges where DOMAIN puts them', () => {
    expect([0, 69.9, 70, 100, 100.1, 300, 300.1, 500, 500.1, Infinity].map(bandOf)).toEqual([
      'reserve',
      'reserve',
      'sufficient',
      'sufficient',
      'exceeds_1_3',
      'exceeds_1_3',
      'exceeds_3_5',
      'exceeds_3_5',
      'exceeds_many',
      'exceeds_many',
    ]);
  });

  it('colours each band as the report map does', () => {
    expect(BAND_COLOURS[bandOf(50)]).toBe('#1a9641');
    expect(BAND_COLOURS[bandOf(600)]).toBe('#d7191c');
    expect(BAND_COLOURS.no_survey).toBe('#bdbdbd');
  });

  it('draws capacity at the mark, linear below, 5× at the end', () => {
    expect(barFraction(0)).toBe(0);
    expect(barFraction(50)).toBeCloseTo(CAPACITY_MARK / 2, 12);
    expect(barFraction(100)).toBeCloseTo(CAPACITY_MARK, 12);
    // log(2.236)/log(5) = 0.5 → halfway between the mark and the end
    expect(barFraction(100 * Math.sqrt(5))).toBeCloseTo(CAPACITY_MARK + (1 - CAPACITY_MARK) / 2, 12);
    expect(barFraction(500)).toBeCloseTo(1, 12);
    expect(barFraction(5000)).toBeCloseTo(1, 12);
  });
});

describe('unitLoads', () => {
  const groups = [
    { name: 'Bat', livestock: { ...NO_LIVESTOCK, sheep: 100, horse: 10 } }, // 170 SU
    { name: 'Dorj', livestock: { ...NO_LIVESTOCK, goat: 100 } }, // 90 SU
  ];

  it('sums the groups on a unit and compares with its grazable forage', () => {
    const [u1, u2] = unitLoads(
      groups,
      [
        { group: 'Bat', unitId: 'u1', startDate: '2025-06-01', endDate: '2025-06-30' }, // 30 days
        { group: 'Dorj', unitId: 'u1', startDate: '2025-06-01', endDate: '2025-06-10' }, // 10 days
        { group: 'Dorj', unitId: 'u2', startDate: '2025-07-01', endDate: '2025-07-01' },
      ],
      new Map([
        ['u1', 10_000],
        ['u2', null],
      ]),
    );
    // u1: (170 × 30 + 90 × 10) × 1.4 = (5100 + 900) × 1.4 = 8400 kg of 10 000 → 84 %
    expect(u1).toMatchObject({ unitId: 'u1', grazableKg: 10_000, band: 'sufficient' });
    expect(u1?.demandKg).toBeCloseTo(8400, 9);
    expect(u1?.pct).toBeCloseTo(84, 9);
    // u2: no survey → no %, greyed
    expect(u2).toMatchObject({ unitId: 'u2', grazableKg: null, pct: null, band: 'no_survey' });
    expect(u2?.demandKg).toBeCloseTo(90 * 1.4, 9);
  });

  it('says pending for a unit the server has not seen in the plan yet', () => {
    const [fresh] = unitLoads(
      groups,
      [{ group: 'Bat', unitId: 'new', startDate: '2025-06-01', endDate: '2025-06-01' }],
      new Map([['u1', 10_000]]),
    );
    expect(fresh).toMatchObject({ unitId: 'new', grazableKg: null, pct: null, band: 'pending' });
    expect(fresh?.demandKg).toBeCloseTo(170 * 1.4, 9);
  });

  it('is infinitely over a unit without forage, and 0 % for a group of no animals', () => {
    const [bare] = unitLoads(
      groups,
      [{ group: 'Bat', unitId: 'u', startDate: '2025-06-01', endDate: '2025-06-01' }],
      new Map([['u', 0]]),
    );
    expect(bare).toMatchObject({ pct: Infinity, band: 'exceeds_many' });
    const [empty] = unitLoads(
      [{ name: 'None', livestock: NO_LIVESTOCK }],
      [{ group: 'None', unitId: 'u', startDate: '2025-06-01', endDate: '2025-06-09' }],
      new Map([['u', 500]]),
    );
    expect(empty).toMatchObject({ demandKg: 0, pct: 0, band: 'reserve' });
  });
});
