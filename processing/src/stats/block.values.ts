/**
 * The per-pixel product values of whole blocks of a level, computed once per block by the product's
 * kernel (value.kernel.ts) and kept in a byte-bounded LRU, so that polygons sharing a block reuse
 * it: a Float64Array per block (row stride = the block's width inside the image), NaN where the pixel
 * is masked or its value is not finite (an index with a zero denominator). Float64, so the values are
 * the ones a per-pixel float64 evaluation gives (numpy's). The arrays of evicted blocks are reused for
 * the next ones (no 2 MiB allocation per block), except those handed out since the last `unpin()`.
 * Reference: DESIGN.md "Packages" (processing reads through a RasterReader only).
 */
import type { RasterWindow } from '../raster/types.ts';
import { valueRun, type PixelValue, type ValueRun } from './value.kernel.ts';
import type { ZonalSource } from './zonal.stats.ts';

export const DEFAULT_VALUE_CACHE_BYTES = 256 * 1024 * 1024;

export class BlockValues {
  private readonly blocks = new Map<number, Promise<Float64Array>>();
  private readonly across: number;
  private readonly run: ValueRun;
  private bytes = 0;
  /** Keys handed out since the last unpin(): still in use, never recycled. */
  private readonly pinned = new Set<number>();
  /** Arrays of evicted blocks, by length. */
  private readonly free = new Map<number, Float64Array[]>();

  /**
   * With `clip`, only the pixels of each block inside it are computed (the others read NaN): for one
   * small zone, where a whole block would cost more than the zone.
   */
  constructor(
    readonly source: ZonalSource,
    value: PixelValue,
    private readonly maxBytes = DEFAULT_VALUE_CACHE_BYTES,
    private readonly clip: RasterWindow | null = null,
  ) {
    this.across = Math.ceil(source.reader.info.width / source.blockWidth);
    this.run = valueRun(value);
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
      this.pinned.add(key);
      return hit;
    }
    const loading = this.load(bx, by);
    this.blocks.set(key, loading);
    this.pinned.add(key);
    this.bytes += this.blockBytes(bx, by);
    for (const [oldest, evicted] of this.blocks) {
      if (this.bytes <= this.maxBytes || oldest === key) break;
      this.blocks.delete(oldest);
      this.bytes -= this.blockBytes(oldest % this.across, Math.floor(oldest / this.across));
      if (!this.pinned.has(oldest))
        evicted.then(
          (a) => this.recycle(a),
          () => undefined,
        );
    }
    return loading;
  }

  /** The blocks handed out so far are no longer used: their arrays may be reused once evicted. */
  unpin(): void {
    this.pinned.clear();
  }

  private recycle(values: Float64Array): void {
    const free = this.free.get(values.length);
    if (free) free.push(values);
    else this.free.set(values.length, [values]);
  }

  private blockBytes(bx: number, by: number): number {
    const { blockHeight } = this.source;
    const height = Math.min(blockHeight, this.source.reader.info.height - by * blockHeight);
    return this.blockWidthAt(bx) * height * Float64Array.BYTES_PER_ELEMENT;
  }

  private async load(bx: number, by: number): Promise<Float64Array> {
    const { reader, blockWidth, blockHeight } = this.source;
    const x = bx * blockWidth;
    const y = by * blockHeight;
    const width = this.blockWidthAt(bx);
    const height = Math.min(blockHeight, reader.info.height - y);
    const { clip } = this;
    const x0 = clip ? Math.max(x, clip.x) : x;
    const y0 = clip ? Math.max(y, clip.y) : y;
    const x1 = clip ? Math.min(x + width, clip.x + clip.width) : x + width;
    const y1 = clip ? Math.min(y + height, clip.y + clip.height) : y + height;
    const out = this.free.get(width * height)?.pop() ?? new Float64Array(width * height);
    if (clip) out.fill(NaN);
    if (x1 <= x0 || y1 <= y0) return out;
    const block = await reader.readWindow({ x: x0, y: y0, width: x1 - x0, height: y1 - y0 });
    if (x1 - x0 === width) this.run(block, 0, width * (y1 - y0), out, (y0 - y) * width);
    else {
      for (let r = 0; r < y1 - y0; r++)
        this.run(block, r * (x1 - x0), x1 - x0, out, (y0 - y + r) * width + x0 - x);
    }
    return out;
  }
}
