/**
 * Per-survey default stretches, from the valid pixels of the smallest overview: for a product's
 * bands (8-bit data as is, 0–255; other types the 2nd to 98th percentile of all bands together so
 * that colour balance is kept), and for an index whose values depend on the data's scale.
 * Reference: SPEC §2.2 `rescale`; the usual 2–98 % clip of QGIS' cumulative cut.
 */
import {
  indexOverOverview,
  type IndexDefinition,
  type PixelBlock,
  type Reflectance,
  type Tiff,
} from '@belcheer/processing';
import type { Range } from './products.ts';

const LOW = 0.02;
const HIGH = 0.98;

/** The smallest overview, whole. */
function smallestLevel(tiff: Tiff): Promise<PixelBlock> {
  const last = tiff.levels[tiff.levels.length - 1]!;
  const { width, height } = last.info;
  return tiff.reader(last.index).readWindow({ x: 0, y: 0, width, height });
}

/** The 2–98 % range of finite `values` ([0, 1] when there are none). */
export function percentileRange(values: ArrayLike<number>): Range {
  const sorted = Float64Array.from(values).filter(Number.isFinite).sort();
  if (sorted.length === 0) return [0, 1];
  const lo = sorted[Math.floor(LOW * (sorted.length - 1))]!;
  const hi = sorted[Math.ceil(HIGH * (sorted.length - 1))]!;
  return hi > lo ? [lo, hi] : [lo, lo + 1];
}

export async function defaultStretch(tiff: Tiff, bands: readonly number[]): Promise<Range> {
  if (tiff.info.sampleFormat === 'uint8') return [0, 255];
  const block = await smallestLevel(tiff);
  const values: number[] = [];
  for (let p = 0; p < block.width * block.height; p++) {
    if (block.mask && block.mask[p] === 0) continue;
    for (const b of bands) values.push(block.data[p * block.bands + b]!);
  }
  return percentileRange(values);
}

/** The 2–98 % range of an index over the first overview at most 512 px wide. */
export async function indexStretch(
  tiff: Tiff,
  def: IndexDefinition,
  offsets: readonly number[],
  reflectance: Reflectance | null,
): Promise<Range> {
  return percentileRange((await indexOverOverview(tiff, def, offsets, reflectance, 512)).values);
}
