/**
 * Test helper: a ByteSource over bytes in memory that records every fetch, to check that a reader
 * reads only what it needs.
 */
import type { ByteSource } from '../../raster/types.ts';

export interface RecordingSource extends ByteSource {
  /** [offset, length] of every fetch, in order. */
  readonly fetches: Array<readonly [number, number]>;
  /** Total bytes fetched. */
  readonly fetchedBytes: number;
}

export function memorySource(bytes: Uint8Array): RecordingSource {
  const fetches: Array<readonly [number, number]> = [];
  return {
    size: bytes.length,
    fetches,
    get fetchedBytes() {
      return fetches.reduce((sum, [, length]) => sum + length, 0);
    },
    fetch(offset: number, length: number) {
      fetches.push([offset, length]);
      return Promise.resolve(bytes.subarray(offset, offset + length));
    },
  };
}
