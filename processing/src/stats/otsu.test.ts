import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors.ts';
import { histogram, otsuThreshold, type Histogram } from './otsu.ts';

/** A histogram over [min, max] with the given counts. */
function hist(counts: number[], min: number, max: number): Histogram {
  const total = counts.reduce((a, b) => a + b, 0);
  return { counts: Float64Array.from(counts), min, max, total, outside: 0 };
}

describe('histogram', () => {
  it('bins values, skips NaN, counts values outside the range apart, puts max in the last bin', () => {
    // 4 bins of width 1 over [0, 4]: 0.2 → 0, 1.0 → 1, 2.5 → 2, 3.9 → 3, 4.0 (= max) → 3; −1 outside; NaN skipped
    const h = histogram(Float32Array.from([0.2, NaN, 1.0, 3.9, 4.0, -1, 2.5]), 4, 0, 4);
    expect([...h.counts]).toEqual([1, 1, 1, 2]);
    expect([h.total, h.outside]).toEqual([5, 1]);
  });

  it('refuses bad bins and ranges', () => {
    expect(() => histogram([1], 0, 0, 1)).toThrow(ValidationError);
    expect(() => histogram([1], 4, 1, 1)).toThrow(/min < max, got \[1, 1\]/);
  });
});

describe('Otsu threshold (Otsu 1979)', () => {
  it('maximises the between-class variance on a hand-computed histogram', () => {
    // counts [3, 1, 1, 2] over [0, 4], bin centres 0.5, 1.5, 2.5, 3.5; n = 7, Σ = 1.5 + 1.5 + 2.5 + 7 = 12.5
    // split at edge 1: n0 = 3, μ0 = 1.5/3 = 0.5;  n1 = 4, μ1 = 11/4 = 2.75;   n0·n1·(Δμ)² = 12 · 2.25² = 60.75
    // split at edge 2: n0 = 4, μ0 = 3/4 = 0.75;   n1 = 3, μ1 = 9.5/3 = 3.1667; 12 · 2.41667² = 70.083
    // split at edge 3: n0 = 5, μ0 = 5.5/5 = 1.1;  n1 = 2, μ1 = 7/2 = 3.5;     10 · 2.4² = 57.6
    // → maximum at edge 2: threshold 2.0 (values ≥ 2 are the upper class)
    expect(otsuThreshold(hist([3, 1, 1, 2], 0, 4))).toBe(2);
  });

  it('gives the same split from the values themselves, on another range', () => {
    // the histogram above scaled to [−1, 1] (bin width 0.5): threshold edge 2 → −1 + 2 · 0.5 = 0
    const values = Float32Array.from([-0.9, -0.8, -0.7, -0.3, 0.2, 0.6, 0.9, NaN, NaN]);
    expect(otsuThreshold(histogram(values, 4, -1, 1))).toBe(0);
  });

  it('takes the lowest edge among equal maxima, like skimage argmax', () => {
    // counts [3, 1, 0, 2]: edges 2 and 3 split the same pixels (bin 2 is empty):
    // n0 = 4, μ0 = 0.75; n1 = 2, μ1 = 3.5 → 8 · 2.75² = 60.5 for both; edge 1: 9 · (0.5 − 8.5/3)² = 49 → 2.0
    expect(otsuThreshold(hist([3, 1, 0, 2], 0, 4))).toBe(2);
  });

  it('separates a bimodal histogram between its modes', () => {
    // 10 bins over [0, 1]: two equal modes at bins 1–2 and 7–8 → first edge of the gap, 0.3
    expect(otsuThreshold(hist([0, 5, 5, 0, 0, 0, 0, 5, 5, 0], 0, 1))).toBeCloseTo(0.3, 12);
  });

  it('has no threshold when empty or when every value falls in one bin', () => {
    expect(otsuThreshold(hist([0, 0, 0, 0], 0, 4))).toBeNull();
    expect(otsuThreshold(hist([0, 9, 0, 0], 0, 4))).toBeNull();
    expect(otsuThreshold(histogram(new Float32Array([NaN, NaN]), 8, 0, 1))).toBeNull();
    expect(otsuThreshold(hist([7], 0, 1))).toBeNull();
  });
});
