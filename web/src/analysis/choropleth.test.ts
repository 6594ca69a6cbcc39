import { describe, expect, it } from 'vitest';
import type { UnitResult } from './analysis.api.ts';
import { NO_VALUE_COLOUR, capacityPerHa, choropleth, classIndex, quantileBreaks } from './choropleth.ts';

function unit(over: Partial<UnitResult>): UnitResult {
  return {
    unitId: 'u',
    name: 'u',
    season: 'summer',
    areaHa: 100,
    coveragePct: 100,
    index: 'vari',
    mean: 0.1,
    coverPct: null,
    biomassKgHa: null,
    uncalibrated: true,
    recoveryClass: null,
    capacitySu: null,
    seasonDays: 183,
    ...over,
  };
}

describe('quantileBreaks', () => {
  it('takes the values at ranks ⌊i·n/k⌋', () => {
    // n = 10, k = 5: ranks 2, 4, 6, 8 of the sorted values 1…10 → 3, 5, 7, 9.
    expect(quantileBreaks([10, 9, 8, 7, 6, 5, 4, 3, 2, 1], 5)).toEqual([3, 5, 7, 9]);
    // Rounded to two significant digits: 1234 → 1200, 2345 → 2300.
    expect(quantileBreaks([1000, 1234, 2345], 3)).toEqual([1200, 2300]);
    // Ties and the minimum give no break.
    expect(quantileBreaks([4, 4, 4, 4, 9], 5)).toEqual([9]);
    expect(quantileBreaks([], 5)).toEqual([]);
  });

  it('puts a value on a break in the class above', () => {
    expect([0, 3, 4, 9, 12].map((v) => classIndex(v, [3, 5, 7, 9]))).toEqual([0, 1, 1, 4, 4]);
  });
});

describe('choropleth', () => {
  it('colours condition by recovery class, grey without one', () => {
    const c = choropleth('condition', []);
    expect(c.classes.map((k) => (k.kind === 'class' ? k.value : ''))).toEqual(['I', 'II', 'III', 'IV', 'V']);
    expect(c.colourOf(unit({ recoveryClass: 'I' }))).toBe('#1a9641');
    expect(c.colourOf(unit({ recoveryClass: 'V' }))).toBe('#d7191c');
    expect(c.colourOf(unit({}))).toBe(NO_VALUE_COLOUR);
  });

  it('uses the cover product classes 0–10–25–50–75–100 %', () => {
    const c = choropleth('cover', [unit({ coverPct: 30 })]);
    expect(c.classes.map((k) => (k.kind === 'range' ? [k.from, k.to] : null))).toEqual([
      [null, 10],
      [10, 25],
      [25, 50],
      [50, 75],
      [75, null],
    ]);
    expect(c.colourOf(unit({ coverPct: 9.9 }))).toBe('#ffffcc');
    expect(c.colourOf(unit({ coverPct: 25 }))).toBe('#78c679');
    expect(c.colourOf(unit({ coverPct: 80 }))).toBe('#006837');
  });

  it('colours capacity per ha by quintiles of the units', () => {
    // 300 SU over 150 ha = 2 SU/ha.
    expect(capacityPerHa(unit({ capacitySu: 300, areaHa: 150 }))).toBe(2);
    const units = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((su) => unit({ capacitySu: su * 100 }));
    const c = choropleth('capacity', units);
    // SU/ha 1…10 → breaks 3, 5, 7, 9 and five blues.
    expect(c.classes.map((k) => (k.kind === 'range' ? k.from : null))).toEqual([null, 3, 5, 7, 9]);
    expect(c.colourOf(units[0] as UnitResult)).toBe('#ffffcc');
    expect(c.colourOf(units[9] as UnitResult)).toBe('#253494');
  });

  it('has no classes for biomass when every unit is uncalibrated', () => {
    const c = choropleth('biomass', [unit({}), unit({})]);
    expect(c.classes).toEqual([]);
    expect(c.colourOf(unit({}))).toBe(NO_VALUE_COLOUR);
  });

  it('spreads fewer classes over the ramp, keeping both ends', () => {
    const c = choropleth('biomass', [unit({ biomassKgHa: 400 }), unit({ biomassKgHa: 900 })]);
    // Two values, k = 5: ranks 0, 0, 1, 1 → one break at 900; colours 0 and 4 of the greens.
    expect(c.classes.map((k) => k.colour)).toEqual(['#ffffcc', '#006837']);
  });
});
