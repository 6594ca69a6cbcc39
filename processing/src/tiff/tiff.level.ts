/**
 * A resolution level of a TIFF: the image (full resolution or an overview), its internal mask if
 * any, and what a reader of that level reports.
 */
import type { RasterInfo } from '../raster/types.ts';
import type { TiffImage } from './tiff.image.ts';

export interface TiffLevel {
  /** 0 for full resolution, then overviews from the largest to the smallest. */
  readonly index: number;
  readonly image: TiffImage;
  /** The transparency mask of the same size (NewSubfileType bit 2), or null. */
  readonly mask: TiffImage | null;
  readonly info: RasterInfo;
}
