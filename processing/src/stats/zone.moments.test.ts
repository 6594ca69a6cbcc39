/**
 * ZoneMoments against hand computations: mean and population variance of small sets, the same split
 * into runs in any way, weights, and values far from zero (where Σv² − (Σv)²/n would lose them).
 */
import { describe, expect, it } from 'vitest';
import { ZoneMoments } from './zone.moments.ts';

/** Moments of `values` added in runs cut at `cuts`. */
function moments(values: number[], cuts: number[], weights: number[] | null = null): ZoneMoments {
  const m = new ZoneMoments();
  const v = Float64Array.from(values);
  const w = weights && Float64Array.from(weights);
  const ends = [0, ...cuts, values.length];
  for (let k = 0; k + 1 < ends.length; k++) m.add(v, w, ends[k]!, ends[k + 1]!);
  return m;
}

describe('ZoneMoments', () => {
  it('gives count, mean, population variance, min and max, whatever the runs', () => {
    // 2, 4, 4, 4, 5, 5, 7, 9: mean 5, Σ(v − 5)² = 9+1+1+1+0+0+4+16 = 32, variance 4.
    const values = [2, 4, 4, 4, 5, 5, 7, 9];
    for (const cuts of [[], [1], [3, 4], [1, 2, 3, 4, 5, 6, 7]]) {
      const m = moments(values, cuts);
      expect([m.count, m.total, m.mean, m.variance, m.min, m.max]).toEqual([8, 8, 5, 4, 2, 9]);
    }
  });

  it('weights each value', () => {
    // Values 1, 3 with weights 0.25, 0.75: Σw 1, mean 2.5, variance 0.25·1.5² + 0.75·0.5² = 0.75.
    const m = moments([1, 3], [1], [0.25, 0.75]);
    expect([m.count, m.total, m.mean, m.variance]).toEqual([2, 1, 2.5, 0.75]);
  });

  it('keeps the variance of values far from zero', () => {
    // 1e9 + {4, 7, 13, 16}: mean 1e9 + 10, variance (36 + 9 + 9 + 36) / 4 = 22.5.
    const m = moments([1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16], [2]);
    expect(m.mean).toBe(1e9 + 10);
    expect(m.variance).toBe(22.5);
  });

  it('ignores an empty run', () => {
    const m = moments([1, 2], [0, 0, 2]);
    expect([m.count, m.mean, m.variance]).toEqual([2, 1.5, 0.25]);
  });
});
