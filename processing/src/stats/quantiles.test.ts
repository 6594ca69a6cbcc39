/** Percentiles against numpy's documented linear method, computed by hand. */
import { describe, expect, it } from 'vitest';
import { quantileSorted, weightedQuantileSorted } from './quantiles.ts';

describe('quantileSorted (numpy linear)', () => {
  const x = Float64Array.of(1, 2, 3, 4);
  it('interpolates at (n − 1)·q', () => {
    // numpy.percentile([1, 2, 3, 4], [0, 10, 50, 90, 100]) = 1, 1.3, 2.5, 3.7, 4
    expect(quantileSorted(x, 0)).toBe(1);
    expect(quantileSorted(x, 0.1)).toBeCloseTo(1.3, 15);
    expect(quantileSorted(x, 0.5)).toBe(2.5);
    expect(quantileSorted(x, 0.9)).toBeCloseTo(3.7, 15);
    expect(quantileSorted(x, 1)).toBe(4);
  });
  it('handles one value and none', () => {
    expect(quantileSorted(Float64Array.of(7), 0.9)).toBe(7);
    expect(quantileSorted(new Float64Array(0), 0.5)).toBeNaN();
  });
});

describe('weightedQuantileSorted', () => {
  it('equals the unweighted result for equal weights', () => {
    const x = Float64Array.of(1, 2, 3, 4, 10);
    for (const q of [0, 0.1, 0.5, 0.9, 1]) {
      expect(weightedQuantileSorted(x, new Float64Array(5).fill(0.25), q)).toBeCloseTo(
        quantileSorted(x, q),
        12,
      );
    }
  });
  it('moves towards the heavier value', () => {
    // S = [0, 1·3] for weights [1, 3]: partial sums 0·1 + 1·0 = 0 and 1·3 + 1·1 = 4; q = 0.5 → target 2 → 0.5
    expect(weightedQuantileSorted(Float64Array.of(0, 10), Float64Array.of(1, 3), 0.5)).toBe(5);
    expect(weightedQuantileSorted(Float64Array.of(0, 10, 20), Float64Array.of(1, 1, 2), 0.5)).toBeGreaterThan(
      10,
    );
  });
});
