/**
 * unitNumbers against hand computations of DOMAIN §6: coverage, biomass from a linear model, the
 * recovery class from biomass ÷ reference, and capacity F × A × U × (1 − cut) ÷ (I × D).
 */
import { describe, expect, it } from 'vitest';
import { EMPTY_ZONE, type Calibration } from '@belcheer/processing';
import { unitNumbers } from './unit.result.ts';

const linear = {
  model: { kind: 'linear', slope: 2000, intercept: 100 },
  n: 6,
  r2: 1,
  rmse: 0,
  looRmse: 0,
} as const;
const calibrated: Calibration = {
  status: 'calibrated',
  n: 6,
  best: linear,
  linear,
  exponential: null,
  notes: [],
};
const uncalibrated: Calibration = { status: 'uncalibrated', n: 4, reason: '4 usable field plot(s)' };
const stats = { ...EMPTY_ZONE, count: 100, area_ha: 40, mean: 0.2 };

describe('unitNumbers', () => {
  it('computes biomass, class III and summer capacity by hand', () => {
    const n = unitNumbers({ season: 'summer', areaHa: 50, referenceBiomassKgHa: 1000 }, stats, calibrated);
    // F = 100 + 2000 × 0.2 = 500 kg/ha; 500 / 1000 = 0.5 → III (cut 10 %); D = 183 (1 Jun – 30 Nov).
    expect(n.coveragePct).toBeCloseTo(80, 12);
    expect(n.biomassKgHa).toBeCloseTo(500, 12);
    expect(n.recoveryClass).toBe('III');
    expect(n.seasonDays).toBe(183);
    expect(n.capacitySu).toBeCloseTo((500 * 50 * 0.3 * 0.9) / (1.4 * 183), 12);
  });

  it('gives no class without a reference, and winter capacity uncut', () => {
    const n = unitNumbers({ season: 'winter', areaHa: 50, referenceBiomassKgHa: null }, stats, calibrated);
    expect(n.recoveryClass).toBeNull();
    expect(n.capacitySu).toBeCloseTo((500 * 50 * 0.3) / (1.4 * 182), 12);
  });

  it('invents no biomass, class or capacity when uncalibrated', () => {
    const n = unitNumbers({ season: 'spring', areaHa: 50, referenceBiomassKgHa: 1000 }, stats, uncalibrated);
    expect(n).toEqual({
      coveragePct: 80,
      biomassKgHa: null,
      recoveryClass: null,
      capacitySu: null,
      seasonDays: 182,
    });
  });

  it('has no season length for a reserve pasture, caps coverage at 100 % and handles an empty zone', () => {
    const reserve = unitNumbers(
      { season: 'reserve', areaHa: 39.9, referenceBiomassKgHa: null },
      stats,
      calibrated,
    );
    expect(reserve).toMatchObject({ coveragePct: 100, seasonDays: null, capacitySu: null, biomassKgHa: 500 });
    const empty = unitNumbers(
      { season: 'summer', areaHa: 10, referenceBiomassKgHa: 1000 },
      EMPTY_ZONE,
      calibrated,
    );
    expect(empty).toMatchObject({ coveragePct: 0, biomassKgHa: null, recoveryClass: null, capacitySu: null });
  });
});
