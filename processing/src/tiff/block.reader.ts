/**
 * Fetches and decodes the blocks of a TIFF's images through the shared cache. A planar-separate
 * block is assembled from its bands' stored blocks into pixel-interleaved samples; a sparse block
 * (offset and size 0) reads as the fill value, like GDAL.
 * Reference: TIFF 6.0 §8 (PlanarConfiguration); GDAL GTiff "sparse files".
 */
import type { PixelArray } from '../raster/types.ts';
import type { BlockCache } from './block.cache.ts';
import { blockRows, decodeBlock } from './block.decode.ts';
import type { TiffByteReader } from './byte.reader.ts';
import { allocSamples } from './sample.type.ts';
import type { TiffHeader } from './tiff.header.ts';
import { blockName, type TiffImage } from './tiff.image.ts';

export class BlockReader {
  constructor(
    private readonly reader: TiffByteReader,
    private readonly header: TiffHeader,
    private readonly cache: BlockCache,
    /** Value of the samples of sparse blocks: the nodata value, else 0. Masks always read 0. */
    private readonly fill: number,
  ) {}

  /** The decoded samples of block (`column`, `row`) of `image`, `blockWidth` pixels per row. */
  read(image: TiffImage, column: number, row: number): Promise<PixelArray> {
    const index = image.tiled ? row * image.blocksAcross + column : row;
    return this.cache.get(`${image.ifd}:${index}`, () =>
      image.planarSeparate ? this.readSeparate(image, index) : this.readStored(image, index),
    );
  }

  private async readStored(image: TiffImage, block: number): Promise<PixelArray> {
    const offset = image.offsets[block] ?? 0;
    const length = image.byteCounts[block] ?? 0;
    if (length === 0) {
      const samples = allocSamples(
        image.sampleFormat,
        image.blockWidth * blockRows(image, block) * (image.planarSeparate ? 1 : image.samplesPerPixel),
      );
      return image.mask ? samples : samples.fill(this.fill);
    }
    const stored = await this.reader.read(offset, length, blockName(image, block));
    return decodeBlock(image, block, stored, this.header.littleEndian);
  }

  private async readSeparate(image: TiffImage, index: number): Promise<PixelArray> {
    const bands = image.samplesPerPixel;
    const perBand = image.blocksAcross * image.blocksDown;
    const planes = await Promise.all(
      Array.from({ length: bands }, (_, band) => this.readStored(image, band * perBand + index)),
    );
    const pixels = image.blockWidth * blockRows(image, index);
    const out = allocSamples(image.sampleFormat, pixels * bands);
    planes.forEach((plane, band) => {
      for (let p = 0; p < pixels; p++) out[p * bands + band] = plane[p] ?? 0;
    });
    return out;
  }
}
