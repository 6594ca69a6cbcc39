import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors.ts';
import { capacityFactor, recoveryClass, STOCKING_REDUCTION } from './recovery.ts';

describe('recovery classes (DOMAIN §6)', () => {
  it('applies the NR2015 stocking reductions', () => {
    expect(STOCKING_REDUCTION).toEqual({ I: 0, II: 0.05, III: 0.1, IV: 0.15, V: 0.15 });
    expect(['I', 'II', 'III', 'IV', 'V', null].map((c) => capacityFactor(c as 'I' | null))).toEqual([
      1, 0.95, 0.9, 0.85, 0.85, 1,
    ]);
  });

  it('assigns the default bands with boundaries in the better class', () => {
    // reference 100 kg/ha: the fraction is value / 100
    const cases: Array<[number, string]> = [
      [150, 'I'],
      [80, 'I'], // 0.8 exactly
      [79.99, 'II'],
      [60, 'II'], // 0.6
      [59.99, 'III'],
      [40, 'III'], // 0.4
      [39.99, 'IV'],
      [20, 'IV'], // 0.2
      [19.99, 'V'],
      [0, 'V'],
    ];
    for (const [value, cls] of cases) expect(recoveryClass(value, 100), `${value}`).toBe(cls);
    // 480 / 600 = 0.8 and 360 / 600 = 0.6 exactly
    expect(recoveryClass(480, 600)).toBe('I');
    expect(recoveryClass(360, 600)).toBe('II');
  });

  it('gives no class without a reference', () => {
    expect(recoveryClass(500, null)).toBeNull();
    expect(recoveryClass(500, undefined)).toBeNull();
  });

  it('refuses a reference ≤ 0 and a negative value', () => {
    expect(() => recoveryClass(50, 0)).toThrow(ValidationError);
    expect(() => recoveryClass(50, 0)).toThrow(/reference must be > 0, got 0/);
    expect(() => recoveryClass(-5, 100)).toThrow(/value must be ≥ 0, got -5/);
  });
});
