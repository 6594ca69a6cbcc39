/**
 * Bounded reads of a ByteSource for TIFF parsing. Metadata reads (IFDs, tag arrays) go through a few
 * cached chunks of at least 64 KiB — the first one at the start of the file, where GDAL and COG
 * writers put the header and IFDs — so a header costs one or two fetches. Pixel blocks are fetched
 * exactly. A range outside the file is refused with a message naming what was read.
 */
import type { ByteSource } from '../raster/types.ts';
import { malformedTiff } from './tiff.errors.ts';

const CHUNK_BYTES = 64 * 1024;
const MAX_CHUNKS = 16;

interface Chunk {
  readonly offset: number;
  readonly bytes: Uint8Array;
}

export class TiffByteReader {
  private readonly chunks: Chunk[];

  private constructor(
    readonly source: ByteSource,
    head: Uint8Array,
  ) {
    this.chunks = [{ offset: 0, bytes: head }];
  }

  /** Reads the head of `source` (nothing for an empty source). */
  static async open(source: ByteSource): Promise<TiffByteReader> {
    const length = Math.min(CHUNK_BYTES, source.size);
    const head = length > 0 ? await source.fetch(0, length) : new Uint8Array(0);
    return new TiffByteReader(source, head.subarray(0, length));
  }

  get size(): number {
    return this.source.size;
  }

  /** The first bytes of the file (up to 64 KiB). */
  get headBytes(): Uint8Array {
    return this.chunks[0]?.bytes ?? new Uint8Array(0);
  }

  private check(offset: number, length: number, what: string): void {
    const end = offset + length;
    if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(end) || offset < 0 || end > this.size) {
      throw malformedTiff(
        `${what} (bytes ${offset}–${end}) is outside the file of ${this.size} bytes: truncated or corrupt file`,
      );
    }
  }

  private async fetch(offset: number, length: number, what: string): Promise<Uint8Array> {
    const bytes = await this.source.fetch(offset, length);
    if (bytes.length < length) {
      throw malformedTiff(
        `${what}: read ${bytes.length} of ${length} bytes at offset ${offset}; the file is shorter than declared`,
      );
    }
    return bytes.length === length ? bytes : bytes.subarray(0, length);
  }

  /**
   * Exactly `length` bytes at `offset`, fetched as they are (for pixel blocks). `what` names the range
   * for the error message, e.g. "tile 7 (row 1, column 3) of IFD 0". May share memory with the source.
   */
  async read(offset: number, length: number, what: string): Promise<Uint8Array> {
    this.check(offset, length, what);
    return this.fetch(offset, length, what);
  }

  /** Like `read`, for IFDs and tag values: served from cached chunks, fetching 64 KiB ahead on a miss. */
  async readMetadata(offset: number, length: number, what: string): Promise<Uint8Array> {
    this.check(offset, length, what);
    const end = offset + length;
    const hit = this.chunks.find((c) => c.offset <= offset && end <= c.offset + c.bytes.length);
    if (hit) return hit.bytes.subarray(offset - hit.offset, end - hit.offset);
    const chunkLength = Math.min(Math.max(length, CHUNK_BYTES), this.size - offset);
    const bytes = await this.fetch(offset, chunkLength, what);
    if (this.chunks.length >= MAX_CHUNKS) this.chunks.splice(1, 1);
    this.chunks.push({ offset, bytes });
    return bytes.subarray(0, length);
  }
}
