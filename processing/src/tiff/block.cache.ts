/**
 * A byte-bounded LRU of decoded blocks, shared by all levels of one TIFF, that also merges concurrent
 * loads of the same block into one fetch and decode.
 */
import type { PixelArray } from '../raster/types.ts';

export class BlockCache {
  private readonly entries = new Map<string, PixelArray>();
  private readonly pending = new Map<string, Promise<PixelArray>>();
  private bytes = 0;

  /** `maxBytes` 0 keeps nothing once loaded (concurrent loads are still merged). */
  constructor(readonly maxBytes: number) {}

  /** Decoded bytes currently held. */
  get size(): number {
    return this.bytes;
  }

  /** True when the block under `key` is held or being loaded. */
  has(key: string): boolean {
    return this.entries.has(key) || this.pending.has(key);
  }

  /** The block under `key`, loaded by `load` when neither held nor being loaded. */
  get(key: string, load: () => Promise<PixelArray>): Promise<PixelArray> {
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return Promise.resolve(hit);
    }
    const inFlight = this.pending.get(key);
    if (inFlight) return inFlight;
    const loading = load().then(
      (value) => {
        this.pending.delete(key);
        this.store(key, value);
        return value;
      },
      (error: unknown) => {
        this.pending.delete(key);
        throw error;
      },
    );
    this.pending.set(key, loading);
    return loading;
  }

  private store(key: string, value: PixelArray): void {
    if (value.byteLength > this.maxBytes) return;
    this.entries.set(key, value);
    this.bytes += value.byteLength;
    for (const [oldest, old] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.bytes -= old.byteLength;
    }
  }
}
