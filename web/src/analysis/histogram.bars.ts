/**
 * Geometry of the statistics panel's histogram: one SVG bar per bin, side by side over the chart
 * width, heights proportional to the counts (the tallest fills the height), a 1 px gap between bars
 * wide enough to afford it, and each bin's value range and centre (for its colour and tooltip).
 */
import type { Histogram } from './statistics.api.ts';

export interface Bar {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly count: number;
  /** The bin's lower and upper edge and centre, in product units. */
  readonly from: number;
  readonly to: number;
  readonly mid: number;
}

/** Bars narrower than this get no gap. */
const MIN_GAPPED = 4;

export function histogramBars(histogram: Histogram, width: number, height: number): Bar[] {
  const { counts, min, max } = histogram;
  const n = counts.length;
  if (n === 0) return [];
  const peak = Math.max(...counts);
  const slot = width / n;
  const gap = slot >= MIN_GAPPED ? 1 : 0;
  const step = (max - min) / n;
  return counts.map((count, i) => {
    const h = peak > 0 ? (count / peak) * height : 0;
    const from = min + i * step;
    const to = i === n - 1 ? max : min + (i + 1) * step;
    return {
      x: i * slot,
      y: height - h,
      width: slot - gap,
      height: h,
      count,
      from,
      to,
      mid: (from + to) / 2,
    };
  });
}
