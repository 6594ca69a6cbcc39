/**
 * Read-ahead for a remote ByteSource, where each fetch is a round trip (an S3 ranged GET costs
 * ~10–50 ms before its first byte). A small read is widened to the aligned blocks around it, and the
 * last few blocks are kept, so nearby small reads (tag arrays past the first 64 KiB, small compressed
 * tiles next to each other) cost one request instead of one each. Missing neighbouring blocks are
 * fetched in one range; concurrent reads of the same block share its request. Reads of a block or
 * more go straight through: the TIFF reader already merges the blocks of a window into large ranges.
 * Small reads return copies, never views of a cached block.
 */
import type { ByteSource } from '@belcheer/processing';

export interface ReadAheadOptions {
  /** Block size: small reads are widened to whole blocks (default 64 KiB). */
  readonly blockBytes?: number;
  /** Blocks kept per open source, least recently used dropped first (default 32, i.e. 2 MiB). */
  readonly maxBlocks?: number;
}

type Fetch = (offset: number, length: number) => Promise<Uint8Array>;

export function readAheadSource(size: number, fetch: Fetch, options: ReadAheadOptions = {}): ByteSource {
  const blockBytes = options.blockBytes ?? 64 * 1024;
  const maxBlocks = Math.max(1, options.maxBlocks ?? 32);
  const blocks = new Map<number, Promise<Uint8Array>>();

  function remember(index: number, block: Promise<Uint8Array>): void {
    blocks.delete(index);
    blocks.set(index, block);
    while (blocks.size > maxBlocks) {
      const oldest = blocks.keys().next();
      if (oldest.done) break;
      blocks.delete(oldest.value);
    }
  }

  /** Fetches blocks first..last (all missing) in one request, caches each and returns them. */
  function fetchRun(first: number, last: number): Array<Promise<Uint8Array>> {
    const start = first * blockBytes;
    const whole = fetch(start, Math.min(size, (last + 1) * blockBytes) - start);
    const run: Array<Promise<Uint8Array>> = [];
    for (let i = first; i <= last; i++) {
      const from = (i - first) * blockBytes;
      const block = whole.then((bytes) => bytes.subarray(from, from + blockBytes));
      block.catch(() => {
        if (blocks.get(i) === block) blocks.delete(i);
      });
      remember(i, block);
      run.push(block);
    }
    return run;
  }

  async function readSmall(offset: number, length: number): Promise<Uint8Array> {
    const first = Math.floor(offset / blockBytes);
    const last = Math.floor((offset + length - 1) / blockBytes);
    const parts: Array<Promise<Uint8Array>> = [];
    let runStart = -1;
    for (let i = first; i <= last; i++) {
      const cached = blocks.get(i);
      if (!cached) {
        if (runStart < 0) runStart = i;
        continue;
      }
      if (runStart >= 0) parts.push(...fetchRun(runStart, i - 1));
      runStart = -1;
      remember(i, cached);
      parts.push(cached);
    }
    if (runStart >= 0) parts.push(...fetchRun(runStart, last));
    const got = await Promise.all(parts);
    const skip = offset - first * blockBytes;
    // A copy: callers may decode in place, and the cached block must stay as fetched.
    if (got.length === 1) return (got[0] ?? new Uint8Array(0)).slice(skip, skip + length);
    const out = new Uint8Array(length);
    let pos = 0;
    for (const [n, bytes] of got.entries()) {
      const piece = bytes.subarray(n === 0 ? skip : 0, (n === 0 ? skip : 0) + (length - pos));
      out.set(piece, pos);
      pos += piece.length;
    }
    return pos === length ? out : out.subarray(0, pos);
  }

  return {
    size,
    async fetch(offset: number, length: number) {
      const len = Math.max(0, Math.min(length, size - offset));
      if (len === 0) return new Uint8Array(0);
      return len >= blockBytes ? fetch(offset, len) : readSmall(offset, len);
    },
  };
}
