import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors.ts';
import { sheepUnitFactor, sheepUnits } from './livestock.ts';

describe('sheep units (DOMAIN §5, NSO factors)', () => {
  it('converts a mixed herd by hand', () => {
    // 12 horses·7 = 84, 30 cattle·6 = 180, 5 yak·6 = 30, 4 camels·5 = 20, 250 sheep·1 = 250,
    // 180 goats·0.9 = 162 → 84 + 180 + 30 + 20 + 250 + 162 = 726 SU.
    const herd = { horse: 12, cattle: 30, yak: 5, camel: 4, sheep: 250, goat: 180 };
    expect(sheepUnits(herd)).toBeCloseTo(726, 10);
  });

  it('gives each factor of the NSO table', () => {
    expect(['horse', 'cattle', 'yak', 'camel', 'sheep', 'goat'].map(sheepUnitFactor)).toEqual([
      7, 6, 6, 5, 1, 0.9,
    ]);
  });

  it('counts an empty herd as 0 SU', () => {
    expect(sheepUnits({})).toBe(0);
  });

  it('refuses negative head and unknown species, naming them', () => {
    expect(() => sheepUnits({ sheep: -3 })).toThrow(ValidationError);
    expect(() => sheepUnits({ sheep: -3 })).toThrow(/head of sheep must be ≥ 0, got -3/);
    expect(() => sheepUnits({ reindeer: 4 })).toThrow(/unknown livestock species "reindeer"/);
  });
});
