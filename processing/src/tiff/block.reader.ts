/**
 * Fetches and decodes the blocks of a TIFF's images through the shared cache. The stored bytes of
 * the blocks a read needs are fetched in merged ranges (byte.ranges.ts). A planar-separate block is
 * assembled from its bands' stored blocks into pixel-interleaved samples; a sparse block (offset and
 * size 0) reads as the fill value, like GDAL.
 * Reference: TIFF 6.0 §8 (PlanarConfiguration); GDAL GTiff "sparse files".
 */
import type { PixelArray } from '../raster/types.ts';
import type { BlockCache } from './block.cache.ts';
import { blockRows, blockSamples, decodeBlock } from './block.decode.ts';
import type { TiffByteReader } from './byte.reader.ts';
import { mergeRanges } from './byte.ranges.ts';
import { allocPixels } from '../raster/pixel.array.ts';
import type { TiffHeader } from './tiff.header.ts';
import { blockName, type TiffImage } from './tiff.image.ts';

/** Stored bytes by stored-block index, for the blocks of one read. */
type Fetched = ReadonlyMap<number, Promise<Uint8Array>>;

export class BlockReader {
  constructor(
    private readonly reader: TiffByteReader,
    private readonly header: TiffHeader,
    private readonly cache: BlockCache,
    /** Value of the samples of sparse blocks: the nodata value, else 0. Masks always read 0. */
    private readonly fill: number,
  ) {}

  /**
   * The decoded samples of the blocks at `cells` ([column, row], distinct) of `image`, `blockWidth`
   * pixels per row, in the order of `cells`.
   */
  readMany(image: TiffImage, cells: ReadonlyArray<readonly [number, number]>): Array<Promise<PixelArray>> {
    const indices = cells.map(([column, row]) => (image.tiled ? row * image.blocksAcross + column : row));
    const key = (index: number) => `${image.ifd}:${index}`;
    const missing = indices.filter((index) => !this.cache.has(key(index)));
    const fetched = this.fetch(
      image,
      missing.flatMap((index) => this.storedBlocks(image, index)),
    );
    return indices.map((index) => this.cache.get(key(index), () => this.decode(image, index, fetched)));
  }

  /** Stored blocks holding block `index`: one per band when planar separate. */
  private storedBlocks(image: TiffImage, index: number): number[] {
    if (!image.planarSeparate) return [index];
    const perBand = image.blocksAcross * image.blocksDown;
    return Array.from({ length: image.samplesPerPixel }, (_, band) => band * perBand + index);
  }

  /** One fetch per merged range of the non-sparse `blocks`. */
  private fetch(image: TiffImage, blocks: ReadonlyArray<number>): Fetched {
    const stored = blocks.filter((b) => (image.byteCounts[b] ?? 0) > 0);
    const ranges = stored.map((b) => ({ offset: image.offsets[b] ?? 0, length: image.byteCounts[b] ?? 0 }));
    const fetched = new Map<number, Promise<Uint8Array>>();
    for (const merged of mergeRanges(ranges)) {
      const first = stored[merged.members[0] ?? 0] ?? 0;
      const last = stored[merged.members.at(-1) ?? 0] ?? 0;
      const what =
        first === last ? blockName(image, first) : `${blockName(image, first)} to ${blockName(image, last)}`;
      const bytes = this.reader.read(merged.offset, merged.length, what);
      for (const member of merged.members) {
        const { offset, length } = ranges[member] ?? { offset: 0, length: 0 };
        const start = offset - merged.offset;
        fetched.set(
          stored[member] ?? 0,
          bytes.then((b) => b.subarray(start, start + length)),
        );
      }
    }
    return fetched;
  }

  private async decodeStored(image: TiffImage, block: number, fetched: Fetched): Promise<PixelArray> {
    const stored = fetched.get(block);
    if (!stored) {
      const samples = allocPixels(
        image.sampleFormat,
        image.blockWidth * blockRows(image, block) * blockSamples(image),
      );
      return image.mask ? samples : samples.fill(this.fill);
    }
    return decodeBlock(image, block, await stored, this.header.littleEndian);
  }

  private async decode(image: TiffImage, index: number, fetched: Fetched): Promise<PixelArray> {
    if (!image.planarSeparate) return this.decodeStored(image, index, fetched);
    const bands = image.samplesPerPixel;
    const planes = await Promise.all(
      this.storedBlocks(image, index).map((b) => this.decodeStored(image, b, fetched)),
    );
    const pixels = image.blockWidth * blockRows(image, index);
    const out = allocPixels(image.sampleFormat, pixels * bands);
    planes.forEach((plane, band) => {
      for (let p = 0; p < pixels; p++) out[p * bands + band] = plane[p] ?? 0;
    });
    return out;
  }
}
