/**
 * The per-pixel product values of whole blocks of a level, computed once per block in one typed loop
 * and kept in a byte-bounded LRU, so that polygons sharing a block reuse it: a Float64Array per block
 * (row stride = the block's width inside the image), NaN where the pixel is masked or its value is not
 * finite (an index with a zero denominator). Float64, so the values are the ones a per-pixel float64
 * evaluation gives (numpy's).
 * Reference: DESIGN.md "Packages" (processing reads through a RasterReader only).
 */
import type { PixelValue, ZonalSource } from './zonal.stats.ts';

export const DEFAULT_VALUE_CACHE_BYTES = 256 * 1024 * 1024;

export class BlockValues {
  private readonly blocks = new Map<number, Promise<Float64Array>>();
  private readonly across: number;
  private readonly scratch: Float64Array;
  private bytes = 0;

  constructor(
    readonly source: ZonalSource,
    private readonly value: PixelValue,
    private readonly maxBytes = DEFAULT_VALUE_CACHE_BYTES,
  ) {
    this.across = Math.ceil(source.reader.info.width / source.blockWidth);
    this.scratch = new Float64Array(source.reader.info.bands);
  }

  /** Width of block column `bx` inside the image (the row stride of its values). */
  blockWidthAt(bx: number): number {
    const { blockWidth } = this.source;
    return Math.min(blockWidth, this.source.reader.info.width - bx * blockWidth);
  }

  /** The values of block (bx, by). */
  get(bx: number, by: number): Promise<Float64Array> {
    const key = by * this.across + bx;
    const hit = this.blocks.get(key);
    if (hit) {
      this.blocks.delete(key);
      this.blocks.set(key, hit);
      return hit;
    }
    const loading = this.load(bx, by);
    this.blocks.set(key, loading);
    this.bytes += this.blockBytes(bx, by);
    for (const [oldest] of this.blocks) {
      if (this.bytes <= this.maxBytes || oldest === key) break;
      this.blocks.delete(oldest);
      this.bytes -= this.blockBytes(oldest % this.across, Math.floor(oldest / this.across));
    }
    return loading;
  }

  private blockBytes(bx: number, by: number): number {
    const { blockHeight } = this.source;
    const height = Math.min(blockHeight, this.source.reader.info.height - by * blockHeight);
    return this.blockWidthAt(bx) * height * Float64Array.BYTES_PER_ELEMENT;
  }

  private async load(bx: number, by: number): Promise<Float64Array> {
    const { reader, blockWidth, blockHeight } = this.source;
    const y = by * blockHeight;
    const height = Math.min(blockHeight, reader.info.height - y);
    const { data, mask, bands } = await reader.readWindow({
      x: bx * blockWidth,
      y,
      width: this.blockWidthAt(bx),
      height,
    });
    const { value, scratch } = this;
    const out = new Float64Array(data.length / bands);
    for (let i = 0; i < out.length; i++) {
      if (mask !== null && mask[i] === 0) {
        out[i] = NaN;
        continue;
      }
      for (let b = 0; b < bands; b++) scratch[b] = data[i * bands + b]!;
      const v = value(scratch);
      out[i] = Number.isFinite(v) ? v : NaN;
    }
    return out;
  }
}
