/**
 * An opened TIFF: its images, its resolution levels (full resolution, then overviews from the largest
 * to the smallest, each with its mask) and a RasterReader per level, all sharing one block cache.
 */
import { ValidationError } from '../errors.ts';
import type { RasterInfo, RasterReader } from '../raster/types.ts';
import type { BlockReader } from './block.reader.ts';
import type { BandMetadata } from './gdal.metadata.ts';
import { readLevelWindow } from './read.window.ts';
import type { TiffHeader } from './tiff.header.ts';
import type { TiffImage } from './tiff.image.ts';
import type { TiffLevel } from './tiff.level.ts';
import type { TiffLimits } from './tiff.limits.ts';

export class Tiff {
  constructor(
    readonly header: TiffHeader,
    /** Every image read: full resolution, overviews and masks, in IFD order. */
    readonly images: ReadonlyArray<TiffImage>,
    readonly levels: ReadonlyArray<TiffLevel>,
    /** Description, scale, offset and colour interpretation per band (GDAL_METADATA). */
    readonly bandMetadata: ReadonlyArray<BandMetadata>,
    readonly limits: TiffLimits,
    private readonly blocks: BlockReader,
  ) {}

  /** What the full-resolution level holds. */
  get info(): RasterInfo {
    return this.level(0).info;
  }

  level(index: number): TiffLevel {
    const level = this.levels[index];
    if (!level)
      throw new ValidationError(`level ${index} of ${this.levels.length} requested (0 is full resolution)`);
    return level;
  }

  /** Windowed reads of level `index` (0 = full resolution). */
  reader(index = 0): RasterReader {
    const level = this.level(index);
    return {
      info: level.info,
      readWindow: (window, into) =>
        readLevelWindow(this.blocks, level, window, this.limits.maxWindowPixels, into),
    };
  }
}
