import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors.ts';
import { jenksBreaks, quantileBreaks } from './breaks.ts';
import { classify, NO_CLASS } from './classify.ts';

describe('quantile breaks (Hyndman & Fan type 7)', () => {
  it('splits 1 … 10 into quartiles, NaN ignored', () => {
    // h = (n − 1)·p = 9·0.25 = 2.25 → x₂ + 0.25·(x₃ − x₂) = 3 + 0.25 = 3.25; p = 0.5 → h = 4.5 → 5.5;
    // p = 0.75 → h = 6.75 → 7 + 0.75 = 7.75
    const values = Float32Array.from([10, 3, NaN, 1, 7, 5, 2, 9, 4, 8, 6]);
    expect(quantileBreaks(values, 4)).toEqual([3.25, 5.5, 7.75]);
  });

  it('refuses k < 2 and fewer values than classes', () => {
    expect(() => quantileBreaks([1, 2, 3], 1)).toThrow(ValidationError);
    expect(() => quantileBreaks([1, NaN, 2], 3)).toThrow(/3 classes need at least 3 valid values, got 2/);
  });
});

describe('Fisher–Jenks natural breaks', () => {
  it('finds three obvious groups', () => {
    expect(jenksBreaks([20, 1, 11, 2, 21, 3, 10, 22, 12], 3)).toEqual([10, 20]);
  });

  it('minimises the within-class squared deviations, by hand', () => {
    // [1, 2, 4, 7, 8] in 2 classes, sum of squared deviations (SSD) of each split:
    // {1} {2,4,7,8}: 0 + (mean 5.25: 10.5625 + 1.5625 + 3.0625 + 7.5625) = 22.75
    // {1,2} {4,7,8}: 0.5 + (mean 19/3: 5.444 + 0.444 + 2.778) = 9.167
    // {1,2,4} {7,8}: (mean 7/3: 1.778 + 0.111 + 2.778) + 0.5 = 5.167  ← least
    // {1,2,4,7} {8}: (mean 3.5: 6.25 + 2.25 + 0.25 + 12.25) + 0 = 21
    expect(jenksBreaks(Float32Array.from([7, 1, 8, NaN, 4, 2]), 2)).toEqual([7]);
  });

  it('runs on evenly spaced order statistics of a large input', () => {
    // 0 … 99 sampled to 5: indices round(i·99/4) = 0, 25, 50, 74, 99 (49.5 rounds up).
    // SSD: {0}{25,50,74,99} = 3 026; {0,25}{50,74,99} = 312.5 + 1 200.67 = 1 513.17 ← least;
    // {0,25,50}{74,99} = 1 250 + 312.5 = 1 562.5; {0,25,50,74}{99} = 3 050.75 → break 50
    const values = Array.from({ length: 100 }, (_, i) => i);
    expect(jenksBreaks(values, 2, 5)).toEqual([50]);
  });
});

describe('classify', () => {
  it('puts each break in the upper class and NaN in NO_CLASS', () => {
    const out = classify(Float32Array.from([1, 3.25, 5.49, 5.5, 10, NaN]), [3.25, 5.5, 7.75]);
    expect([...out]).toEqual([0, 1, 1, 2, 3, NO_CLASS]);
  });

  it('refuses breaks that do not ascend', () => {
    expect(() => classify([1], [2, 1])).toThrow(/breaks must ascend, got 2, 1/);
  });
});
