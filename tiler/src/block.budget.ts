/**
 * How many bytes of decoded COG blocks a tiler keeps per opened file: enough for the level read at
 * the native zoom (the TileJSON maxzoom) and the two levels below it (native−1, native−2), so that
 * warm tiles at those zooms never inflate a block again, within a byte bound. A cache smaller than
 * the blocks a client cycles through is worse than a little small: an LRU then misses every time.
 */
import type { TiffImage } from '@belcheer/processing';
import { zoomForPixelSize } from './tile.matrix.ts';

/** The block layout of an image. */
export type BlockLayout = Pick<
  TiffImage,
  'blocksAcross' | 'blocksDown' | 'blockWidth' | 'blockHeight' | 'samplesPerPixel' | 'bitsPerSample'
>;

/** What the budget needs of an opened COG (a WarpSource). */
export interface BudgetSource {
  readonly mercatorResolution: number;
  levelFor(z: number, tileSize: number): number;
  readonly tiff: {
    level(index: number): { readonly image: BlockLayout; readonly mask: BlockLayout | null };
  };
}

/** Decoded bytes of all of an image's blocks (a 1-bit mask decodes to a byte per pixel). */
function decodedBytes(image: BlockLayout): number {
  const blocks = image.blocksAcross * image.blocksDown;
  const bytesPerSample = Math.max(1, image.bitsPerSample / 8);
  return blocks * image.blockWidth * image.blockHeight * image.samplesPerPixel * bytesPerSample;
}

/** Decoded bytes of the levels read from the native zoom down to native−2, at most `maxBytes`. */
export function blockBudget(source: BudgetSource, maxBytes: number): number {
  const native = zoomForPixelSize(source.mercatorResolution);
  const levels = new Set([0, 1, 2].map((dz) => source.levelFor(native - dz, 256)));
  let bytes = 0;
  for (const index of levels) {
    const level = source.tiff.level(index);
    bytes += decodedBytes(level.image) + (level.mask ? decodedBytes(level.mask) : 0);
  }
  return Math.min(bytes, maxBytes);
}
