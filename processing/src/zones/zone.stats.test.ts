import { describe, expect, it } from 'vitest';
import { NO_CLASS } from './classify.ts';
import { zoneClassStats } from './zone.stats.ts';

describe('zoneClassStats', () => {
  it('counts pixels, area and index statistics per class, by hand', () => {
    // 3 × 2 grid, classes      values          cell area per row: row 0 = 100 m², row 1 = 150 m²
    // 0 0 1                    0.2 0.4 0.9
    // 1 · 0                    0.7  –  NaN
    const classes = Uint8Array.from([0, 0, 1, 1, NO_CLASS, 0]);
    const values = [0.2, 0.4, 0.9, 0.7, 0.5, Number.NaN];
    const out = zoneClassStats(values, classes, 3, (row) => (row === 0 ? 100 : 150));
    // class 0: 3 pixels, 100 + 100 + 150 = 350 m² = 0.035 ha; values 0.2, 0.4 (NaN skipped) → mean 0.3
    // class 1: 2 pixels, 100 + 150 = 250 m² = 0.025 ha; values 0.9, 0.7 → mean 0.8
    expect(out).toEqual([
      { cls: 0, pixels: 3, areaHa: 0.035, mean: expect.closeTo(0.3, 12), min: 0.2, max: 0.4 },
      { cls: 1, pixels: 2, areaHa: 0.025, mean: expect.closeTo(0.8, 12), min: 0.7, max: 0.9 },
    ]);
  });

  it('gives null statistics to a class without values', () => {
    const out = zoneClassStats([Number.NaN], Uint8Array.from([2]), 1, () => 4);
    expect(out).toEqual([{ cls: 2, pixels: 1, areaHa: 0.0004, mean: null, min: null, max: null }]);
  });

  it('refuses grids of different sizes', () => {
    expect(() => zoneClassStats([1, 2], Uint8Array.from([0]), 1, () => 1)).toThrow(/index grid has 2 pixels/);
  });
});
