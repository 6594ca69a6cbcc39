import { describe, expect, it } from 'vitest';
import { NO_LIVESTOCK, sheepUnits } from './livestock.ts';

describe('sheepUnits (DOMAIN §5, NSO factors)', () => {
  it('sums head × factor by hand', () => {
    // 3 horses × 7 + 2 cattle × 6 + 1 camel × 5 + 100 sheep × 1 + 50 goats × 0.9 = 21 + 12 + 5 + 100 + 45
    expect(sheepUnits({ horse: 3, cattle: 2, camel: 1, sheep: 100, goat: 50 })).toBeCloseTo(183, 10);
  });

  it('counts nothing for an empty herd and half-typed fields', () => {
    expect(sheepUnits(NO_LIVESTOCK)).toBe(0);
    expect(sheepUnits({ ...NO_LIVESTOCK, goat: Number.NaN, sheep: -4, horse: 1 })).toBe(7);
  });
});
