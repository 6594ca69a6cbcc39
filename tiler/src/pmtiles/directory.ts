/**
 * PMTiles v3 directories: entries serialised column by column as varints — count, tile-id deltas, run
 * lengths, lengths, offsets (0 when an entry's data directly follows the previous entry's, else
 * offset + 1) — then compressed. When the root directory would not fit in the first 16,384 bytes
 * beside the header, the entries are cut into leaf directories and the root points at the leaves
 * (run length 0), with leaves doubled in size until the root fits.
 * Reference: PMTiles v3 spec §4 "Directories" and §4.4 "Leaf directories"; go-pmtiles `optimizeDirectories`.
 */
import { VarintWriter } from './varint.ts';

export interface Entry {
  readonly tileId: number;
  /** Byte offset in the tile data section (or, for a leaf pointer, in the leaf directory section). */
  readonly offset: number;
  readonly length: number;
  /** Consecutive tile ids sharing these bytes; 0 marks a pointer to a leaf directory. */
  runLength: number;
}

export type Compress = (bytes: Uint8Array) => Uint8Array;

/** The first 16 KiB hold the 127-byte header and the root directory (spec §3). */
export const HEADER_BYTES = 127;
export const ROOT_LIMIT = 16_384 - HEADER_BYTES;
/** Entries per leaf to start with; doubled until the root fits. */
const FIRST_LEAF_SIZE = 4096;

export function serializeDirectory(entries: readonly Entry[]): Uint8Array {
  const out = new VarintWriter();
  out.write(entries.length);
  let lastId = 0;
  for (const e of entries) {
    out.write(e.tileId - lastId);
    lastId = e.tileId;
  }
  for (const e of entries) out.write(e.runLength);
  for (const e of entries) out.write(e.length);
  entries.forEach((e, i) => {
    const previous = entries[i - 1];
    out.write(previous && e.offset === previous.offset + previous.length ? 0 : e.offset + 1);
  });
  return out.result();
}

export interface Directories {
  /** Compressed root directory, ≤ ROOT_LIMIT bytes. */
  readonly root: Uint8Array;
  /** Compressed leaf directories, back to back (empty when the root holds every entry). */
  readonly leaves: Uint8Array;
  readonly leafCount: number;
}

/** Root and leaf directories of `entries` (sorted by tile id). */
export function buildDirectories(entries: readonly Entry[], compress: Compress): Directories {
  const root = compress(serializeDirectory(entries));
  if (root.length <= ROOT_LIMIT) return { root, leaves: new Uint8Array(0), leafCount: 0 };
  for (let leafSize = FIRST_LEAF_SIZE; ; leafSize *= 2) {
    const leaves: Uint8Array[] = [];
    const pointers: Entry[] = [];
    let offset = 0;
    for (let i = 0; i < entries.length; i += leafSize) {
      const chunk = entries.slice(i, i + leafSize);
      const leaf = compress(serializeDirectory(chunk));
      pointers.push({ tileId: chunk[0]!.tileId, offset, length: leaf.length, runLength: 0 });
      leaves.push(leaf);
      offset += leaf.length;
    }
    const rootOfLeaves = compress(serializeDirectory(pointers));
    if (rootOfLeaves.length <= ROOT_LIMIT) {
      return { root: rootOfLeaves, leaves: Buffer.concat(leaves), leafCount: leaves.length };
    }
  }
}
