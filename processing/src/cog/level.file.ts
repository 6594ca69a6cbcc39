/**
 * One pyramid level's compressed tiles, appended in row-major order to a temporary file while the
 * rest of the pyramid is still being built. Each tile is framed as GDAL's ghost header promises
 * (uint32 size leader, last 4 bytes repeated), its mask tile right after it. Compressions finish
 * out of order; at most MAX_IN_FLIGHT per level are pending, which bounds memory.
 * Reference: GDAL COG driver (BLOCK_LEADER, BLOCK_TRAILER, MASK_INTERLEAVED_WITH_IMAGERY).
 */
import type { FileHandle } from 'node:fs/promises';
import { open } from 'node:fs/promises';
import type { ByteSink } from '../raster/types.ts';
import type { LevelData } from './cog.header.ts';

export interface CompressedTile {
  readonly image: Uint8Array;
  readonly mask: Uint8Array | null;
}

const MAX_IN_FLIGHT = 8;
const COPY_CHUNK = 8 * 1024 * 1024;

export class LevelFile implements LevelData {
  readonly path: string;
  readonly imageOffsets: Float64Array;
  readonly imageCounts: Uint32Array;
  readonly maskOffsets: Float64Array | null;
  readonly maskCounts: Uint32Array | null;
  private readonly handle: FileHandle;
  private readonly pending: Array<Promise<CompressedTile>> = [];
  private written = 0;
  private position = 0;

  private constructor(path: string, handle: FileHandle, tiles: number, withMask: boolean) {
    this.path = path;
    this.handle = handle;
    this.imageOffsets = new Float64Array(tiles);
    this.imageCounts = new Uint32Array(tiles);
    this.maskOffsets = withMask ? new Float64Array(tiles) : null;
    this.maskCounts = withMask ? new Uint32Array(tiles) : null;
  }

  static async create(path: string, tiles: number, withMask: boolean): Promise<LevelFile> {
    return new LevelFile(path, await open(path, 'w+'), tiles, withMask);
  }

  get size(): number {
    return this.position;
  }

  /** Queues the next tile in row-major order; waits while too many compressions are pending. */
  async push(tile: Promise<CompressedTile>): Promise<void> {
    tile.catch(() => undefined); // rejections surface when the tile is awaited in order
    this.pending.push(tile);
    while (this.pending.length > MAX_IN_FLIGHT) await this.writeNext();
  }

  /** Writes every pending tile. */
  async flush(): Promise<void> {
    while (this.pending.length > 0) await this.writeNext();
  }

  /** Streams the file's bytes to `sink`, reporting each chunk's length. */
  async copyTo(sink: ByteSink, onBytes: (n: number) => void): Promise<void> {
    for (let at = 0; at < this.position; at += COPY_CHUNK) {
      const chunk = new Uint8Array(Math.min(COPY_CHUNK, this.position - at));
      const { bytesRead } = await this.handle.read(chunk, 0, chunk.length, at);
      if (bytesRead !== chunk.length) throw new Error(`${this.path}: short read at byte ${at}`);
      await sink.write(chunk);
      onBytes(chunk.length);
    }
  }

  async close(): Promise<void> {
    await this.handle.close();
  }

  private frame(block: Uint8Array, parts: Uint8Array[]): number {
    const leader = new Uint8Array(4);
    new DataView(leader.buffer).setUint32(0, block.length, true);
    parts.push(leader, block, block.slice(block.length - 4));
    const offset = this.position + 4;
    this.position += block.length + 8;
    return offset;
  }

  private async writeNext(): Promise<void> {
    const tile = await (this.pending.shift() as Promise<CompressedTile>);
    const i = this.written++;
    const parts: Uint8Array[] = [];
    this.imageOffsets[i] = this.frame(tile.image, parts);
    this.imageCounts[i] = tile.image.length;
    if (this.maskOffsets && this.maskCounts && tile.mask) {
      this.maskOffsets[i] = this.frame(tile.mask, parts);
      this.maskCounts[i] = tile.mask.length;
    }
    const expected = parts.reduce((n, p) => n + p.length, 0);
    const { bytesWritten } = await this.handle.writev(parts);
    if (bytesWritten !== expected)
      throw new Error(`${this.path}: wrote ${bytesWritten} of ${expected} bytes`);
  }
}
