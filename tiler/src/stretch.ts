/**
 * The per-survey default stretch of a product's bands: 8-bit data as is (0–255); other types from
 * the 2nd to the 98th percentile of the valid pixels of the smallest overview, all bands together so
 * that colour balance is kept.
 * Reference: SPEC §2.2 `rescale`; the usual 2–98 % clip of QGIS' cumulative cut.
 */
import type { Tiff } from '@belcheer/processing';
import type { Range } from './products.ts';

const LOW = 0.02;
const HIGH = 0.98;

export async function defaultStretch(tiff: Tiff, bands: readonly number[]): Promise<Range> {
  if (tiff.info.sampleFormat === 'uint8') return [0, 255];
  const last = tiff.levels[tiff.levels.length - 1]!;
  const { width, height } = last.info;
  const block = await tiff.reader(last.index).readWindow({ x: 0, y: 0, width, height });
  const values: number[] = [];
  for (let p = 0; p < width * height; p++) {
    if (block.mask && block.mask[p] === 0) continue;
    for (const b of bands) values.push(block.data[p * block.bands + b]!);
  }
  if (values.length === 0) return [0, 1];
  const sorted = Float64Array.from(values).sort();
  const lo = sorted[Math.floor(LOW * (sorted.length - 1))]!;
  const hi = sorted[Math.ceil(HIGH * (sorted.length - 1))]!;
  return hi > lo ? [lo, hi] : [lo, lo + 1];
}
