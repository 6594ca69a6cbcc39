import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors.ts';
import {
  ANNUAL_INTAKE_KG_DM_PER_SU,
  annualCarryingCapacity,
  DAILY_INTAKE_KG_DM_PER_SU,
  grazableForageKg,
  seasonalCapacity,
} from './forage.ts';

describe('carrying capacity (DOMAIN §6)', () => {
  it('has a yearly intake of 1.4 kg × 365 days', () => {
    expect(ANNUAL_INTAKE_KG_DM_PER_SU).toBeCloseTo(DAILY_INTAKE_KG_DM_PER_SU * 365, 10); // 511
  });

  it('annual capacity of F = 620 kg/ha', () => {
    // 620 · 0.30 / 511 = 186 / 511 = 0.363992… SU/ha/yr
    expect(annualCarryingCapacity(620)).toBeCloseTo(186 / 511, 12);
    expect(annualCarryingCapacity(620)).toBeCloseTo(0.36399, 5);
  });

  it('seasonal capacity: 1 250 ha, F = 620 kg/ha, class III, summer 183 days', () => {
    // F·A = 620 · 1 250 = 775 000 kg; ·U 0.30 = 232 500 kg; class III cut 10 % → ·0.90 = 209 250 kg.
    // I·D = 1.4 · 183 = 256.2 kg/SU for the season → 209 250 / 256.2 = 816.7447… SU.
    expect(seasonalCapacity(620, 1250, 183, 'III')).toBeCloseTo(209250 / 256.2, 9);
    expect(seasonalCapacity(620, 1250, 183, 'III')).toBeCloseTo(816.7447, 4);
  });

  it('no class or class I: no cut; classes IV and V: 15 %', () => {
    // 232 500 / 256.2 = 907.494… SU; ·0.85 = 771.370… SU.
    expect(seasonalCapacity(620, 1250, 183)).toBeCloseTo(232500 / 256.2, 9);
    expect(seasonalCapacity(620, 1250, 183, 'I')).toBeCloseTo(232500 / 256.2, 9);
    expect(seasonalCapacity(620, 1250, 183, 'V')).toBeCloseTo((232500 * 0.85) / 256.2, 9);
    expect(grazableForageKg(620, 1250, 'II')).toBeCloseTo(232500 * 0.95, 6); // 220 875 kg
  });

  it('refuses area ≤ 0, days ≤ 0 and negative forage, naming them', () => {
    expect(() => seasonalCapacity(620, 0, 183)).toThrow(ValidationError);
    expect(() => seasonalCapacity(620, 0, 183)).toThrow(/area \(ha\) must be > 0, got 0/);
    expect(() => seasonalCapacity(620, 1250, 0)).toThrow(/days grazed must be > 0, got 0/);
    expect(() => seasonalCapacity(-1, 1250, 183)).toThrow(/forage F \(kg\/ha\) must be ≥ 0/);
    expect(() => annualCarryingCapacity(Number.NaN)).toThrow(ValidationError);
  });
});
