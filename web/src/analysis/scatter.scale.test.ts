import { describe, expect, it } from 'vitest';
import { modelCurve, niceAxis, predict, scale } from './scatter.scale.ts';

describe('niceAxis', () => {
  it('covers the data with ticks of 1, 2 or 5 × 10ⁿ', () => {
    // (0.93 − 0.12) / 5 = 0.162 → step 0.2; floor(0.6)·0.2 = 0, ceil(4.65)·0.2 = 1.
    expect(niceAxis(0.12, 0.93)).toEqual({ min: 0, max: 1, ticks: [0, 0.2, 0.4, 0.6, 0.8, 1] });
    // (2460 − 310) / 5 = 430 → step 500.
    expect(niceAxis(310, 2460)).toEqual({ min: 0, max: 2500, ticks: [0, 500, 1000, 1500, 2000, 2500] });
    // (−0.05 − −0.31) / 4 = 0.065 → step 0.1.
    expect(niceAxis(-0.31, -0.05, 4).ticks).toEqual([-0.4, -0.3, -0.2, -0.1, 0]);
  });

  it('widens a single value into a range', () => {
    const axis = niceAxis(800, 800);
    expect(axis.min).toBeLessThanOrEqual(400);
    expect(axis.max).toBeGreaterThanOrEqual(1200);
  });
});

describe('scale and the model curve', () => {
  it('maps data linearly to pixels, y downwards', () => {
    const axis = { min: 0, max: 2000, ticks: [] };
    expect(scale(500, axis, 150, 10)).toBe(115);
    expect(scale(0, { min: -1, max: 1, ticks: [] }, 40, 240)).toBe(140);
  });

  it('evaluates linear and exponential fits', () => {
    expect(predict({ kind: 'linear', slope: 2000, intercept: 150 }, 0.4)).toBe(950);
    expect(predict({ kind: 'exponential', a: 100, b: Math.log(2) }, 3)).toBeCloseTo(800, 9);
    expect(modelCurve({ kind: 'linear', slope: 10, intercept: 1 }, 0, 1, 4)).toEqual([
      [0, 1],
      [0.25, 3.5],
      [0.5, 6],
      [0.75, 8.5],
      [1, 11],
    ]);
  });
});
