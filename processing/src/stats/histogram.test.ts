/** Histograms against numpy.histogram's documented rules, counted by hand. */
import { describe, expect, it } from 'vitest';
import { checkHistogramSpec, histogramOf } from './histogram.ts';

describe('histogramOf', () => {
  const v = Float64Array.from({ length: 10 }, (_, i) => i);
  it('closes the last bin on the right and leaves out values outside the range', () => {
    // numpy.histogram(range(10), bins=2) → [5, 5] with edges 0, 4.5, 9
    expect(histogramOf(v, null, { bins: 2 }, 0, 9)).toEqual({ bins: 2, min: 0, max: 9, counts: [5, 5] });
    // numpy.histogram(range(10), bins=3, range=(2, 5)) → [1, 1, 2]
    expect(histogramOf(v, null, { bins: 3, min: 2, max: 5 }, 0, 9).counts).toEqual([1, 1, 2]);
  });
  it('widens a zero-width range by ±0.5 and sums weights', () => {
    const h = histogramOf(Float64Array.of(3, 3), Float64Array.of(0.25, 0.5), { bins: 2 }, 3, 3);
    expect(h).toEqual({ bins: 2, min: 2.5, max: 3.5, counts: [0, 0.75] });
  });
  it('refuses bad specs', () => {
    expect(() => checkHistogramSpec({ bins: 0 })).toThrow(/bins 0/);
    expect(() => checkHistogramSpec({ bins: 4, min: 2, max: 1 })).toThrow(/min 2 is above max 1/);
  });
});
