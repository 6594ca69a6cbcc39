import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors.ts';
import { calibrate, predict, type CalibrationPoint } from './calibrate.ts';

// Five plots: NDVI 0.1 … 0.5 against clipped biomass (kg DM/ha).
const FIVE: CalibrationPoint[] = [
  { index: 0.1, biomass: 300 },
  { index: 0.2, biomass: 500 },
  { index: 0.3, biomass: 600 },
  { index: 0.4, biomass: 800 },
  { index: 0.5, biomass: 900 },
];

/** mulberry32: a small seeded PRNG (uniform in [0, 1)). */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal deviate by Box–Muller. */
function normal(rand: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}

describe('biomass calibration (DOMAIN §4)', () => {
  it('linear least squares on 5 points, by hand', () => {
    // x̄ = 0.3, ȳ = 620; dx = −.2 −.1 0 .1 .2; dy = −320 −120 −20 180 280
    // Sxy = 64 + 12 + 0 + 18 + 56 = 150; Sxx = .04 + .01 + 0 + .01 + .04 = 0.1
    // slope = 150 / 0.1 = 1 500; intercept = 620 − 1 500 · 0.3 = 170
    // fitted 320 470 620 770 920; residuals −20 30 −20 30 −20; SSres = 3 000
    // SStot = 320² + 120² + 20² + 180² + 280² = 228 000 → R² = 1 − 3 000/228 000 = 0.986842
    // RMSE = √(3 000 / 5) = √600 = 24.4949
    // LOO residual = e / (1 − h), h = 1/5 + dx²/Sxx = .6 .3 .2 .3 .6 (PRESS identity):
    // −50, 42.857, −25, 42.857, −50 → Σ² = 2·2 500 + 625 + 2·900/0.49 = 9 298.469 → LOO RMSE = √1 859.694 = 43.1242
    const c = calibrate(FIVE);
    if (c.status !== 'calibrated') throw new Error(c.reason);
    expect(c.linear.model).toEqual({
      kind: 'linear',
      slope: expect.closeTo(1500, 8),
      intercept: expect.closeTo(170, 8),
    });
    expect(c.linear.n).toBe(5);
    expect(c.linear.r2).toBeCloseTo(1 - 3000 / 228000, 12);
    expect(c.linear.rmse).toBeCloseTo(Math.sqrt(600), 10);
    expect(c.linear.looRmse).toBeCloseTo(Math.sqrt((5625 + 1800 / 0.49) / 5), 10);
    expect(c.linear.looRmse).toBeCloseTo(43.1242, 4);
    // the pick is the lower LOO RMSE of the two
    expect(c.best.looRmse).toBe(Math.min(c.linear.looRmse, c.exponential!.looRmse));
    expect(predict(c.linear.model, 0.6)).toBeCloseTo(1070, 8); // 170 + 1 500 · 0.6
    expect(predict(c.linear.model, -0.2)).toBe(0); // 170 − 300 < 0 → 0 kg/ha
  });

  it('exponential fit on ln(biomass) recovers an exact curve and wins', () => {
    // biomass = 100 · e^(2·x) at x = 0 … 2: ln y = ln 100 + 2x exactly → a = 100, b = 2, R² = 1, RMSE = 0
    const pts = [0, 0.5, 1, 1.5, 2].map((x) => ({ index: x, biomass: 100 * Math.exp(2 * x) }));
    const c = calibrate(pts);
    if (c.status !== 'calibrated') throw new Error(c.reason);
    expect(c.exponential!.model).toEqual({
      kind: 'exponential',
      a: expect.closeTo(100, 8),
      b: expect.closeTo(2, 10),
    });
    expect(c.exponential!.r2).toBeCloseTo(1, 12);
    expect(c.exponential!.rmse).toBeCloseTo(0, 8);
    expect(c.exponential!.looRmse).toBeCloseTo(0, 8);
    expect(c.best.model.kind).toBe('exponential');
    expect(predict(c.best.model, 1.25)).toBeCloseTo(100 * Math.exp(2.5), 6); // 1 218.25 kg/ha
  });

  it('leaves plots with biomass 0 out of the exponential fit, with a note', () => {
    const c = calibrate([...FIVE, { index: 0.05, biomass: 0 }]);
    if (c.status !== 'calibrated') throw new Error(c.reason);
    expect([c.n, c.linear.n, c.exponential!.n]).toEqual([6, 6, 5]);
    expect(c.notes).toContain('1 plot(s) with biomass 0 left out of the exponential fit (no logarithm)');
  });

  it('acceptance: biomass = a + b·NDVI + noise at 20 plots recovers a, b within 3 standard errors', () => {
    const rand = mulberry32(20250601);
    const [a, b, sigma] = [150, 2000, 40];
    const ndvi = Array.from({ length: 20 }, () => 0.2 + 0.6 * rand());
    const pts = ndvi.map((x) => ({ index: x, biomass: a + b * x + sigma * normal(rand) }));
    const c = calibrate(pts);
    if (c.status !== 'calibrated' || c.linear.model.kind !== 'linear') throw new Error('not calibrated');
    // Standard errors of OLS with known noise σ: SE(b) = σ/√Sxx, SE(a) = σ·√(1/n + x̄²/Sxx)
    const mean = ndvi.reduce((s, x) => s + x, 0) / 20;
    const sxx = ndvi.reduce((s, x) => s + (x - mean) ** 2, 0);
    const seB = sigma / Math.sqrt(sxx);
    const seA = sigma * Math.sqrt(1 / 20 + mean ** 2 / sxx);
    expect(Math.abs(c.linear.model.slope - b)).toBeLessThan(3 * seB);
    expect(Math.abs(c.linear.model.intercept - a)).toBeLessThan(3 * seA);
    // a straight line is the better model of straight-line data
    expect(c.best.model.kind).toBe('linear');
    // the residual RMSE is of the order of the noise
    expect(c.linear.rmse).toBeGreaterThan(0.5 * sigma);
    expect(c.linear.rmse).toBeLessThan(1.5 * sigma);

    const four = calibrate(pts.slice(0, 4));
    expect(four).toEqual({
      status: 'uncalibrated',
      n: 4,
      reason: '4 usable field plot(s); at least 5 needed',
    });
  });

  it('counts only plots with an index value; no variation → uncalibrated', () => {
    const withNodata = [...FIVE.slice(0, 4), { index: Number.NaN, biomass: 700 }];
    expect(calibrate(withNodata)).toMatchObject({ status: 'uncalibrated', n: 4 });
    const flat = FIVE.map((p) => ({ ...p, index: 0.3 }));
    expect(calibrate(flat)).toEqual({
      status: 'uncalibrated',
      n: 5,
      reason: 'the index does not vary between the plots',
    });
  });

  it('refuses negative biomass and a minimum below 3', () => {
    expect(() => calibrate([{ index: 0.2, biomass: -1 }])).toThrow(ValidationError);
    expect(() => calibrate(FIVE, { minPlots: 2 })).toThrow(/minPlots must be an integer ≥ 3/);
  });
});
