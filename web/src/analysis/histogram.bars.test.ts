import { describe, expect, it } from 'vitest';
import { histogramBars } from './histogram.bars.ts';

describe('histogramBars', () => {
  it('places bins side by side with heights relative to the tallest', () => {
    // 4 bins over 200 px → 50 px slots, 49 px bars; 100 px high, peak 8.
    const bars = histogramBars({ min: 0, max: 1, counts: [2, 8, 4, 0] }, 200, 100);
    expect(bars.map((b) => [b.x, b.width, b.y, b.height])).toEqual([
      [0, 49, 75, 25],
      [50, 49, 0, 100],
      [100, 49, 50, 50],
      [150, 49, 100, 0],
    ]);
    expect(bars.map((b) => [b.from, b.to, b.mid])).toEqual([
      [0, 0.25, 0.125],
      [0.25, 0.5, 0.375],
      [0.5, 0.75, 0.625],
      [0.75, 1, 0.875],
    ]);
  });

  it('drops the gap when bars are narrow and draws nothing tall for an empty histogram', () => {
    const bars = histogramBars({ min: -1, max: 1, counts: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0] }, 30, 60);
    expect(bars[0]?.width).toBe(3);
    expect(bars.every((b) => b.height === 0 && b.y === 60)).toBe(true);
    expect(bars[9]?.to).toBe(1);
    expect(histogramBars({ min: 0, max: 1, counts: [] }, 100, 100)).toEqual([]);
  });
});
