/**
 * An index over a whole overview of a raster — the survey-wide sample that thresholds, statistics
 * and default stretches are computed from (a few million pixels covering every part of the survey).
 */
import type { Tiff } from '../tiff/index.ts';
import type { IndexDefinition } from './index.definitions.ts';
import { computeIndex, type Reflectance } from './index.kernel.ts';

export interface OverviewIndex {
  /** The index of every pixel of the level; NaN where masked or undefined. */
  readonly values: Float32Array;
  /** Resolution level read (0 = full resolution). */
  readonly level: number;
}

/** The index over the first level at most `maxSize` px wide (the smallest level when none is). */
export async function indexOverOverview(
  tiff: Tiff,
  def: IndexDefinition,
  offsets: readonly number[],
  reflectance: Reflectance | null,
  maxSize: number,
): Promise<OverviewIndex> {
  const level = tiff.levels.find((l) => l.info.width <= maxSize) ?? tiff.levels[tiff.levels.length - 1]!;
  const { width, height } = level.info;
  const block = await tiff.reader(level.index).readWindow({ x: 0, y: 0, width, height });
  const input = { data: block.data, stride: block.bands, offsets, count: width * height, valid: block.mask };
  return { values: computeIndex(def, input, reflectance), level: level.index };
}
