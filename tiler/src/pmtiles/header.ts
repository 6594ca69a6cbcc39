/**
 * The 127-byte PMTiles v3 header: magic "PMTiles", version 3, the offsets and lengths of the root
 * directory, JSON metadata, leaf directories and tile data (uint64 little-endian), the tile counts,
 * clustering, compressions, tile type, zoom range, bounds and centre (degrees × 10^7 as int32).
 * Reference: PMTiles v3 spec §3 "Header".
 */
import { HEADER_BYTES } from './directory.ts';

export const COMPRESSION = { none: 1, gzip: 2 } as const;
export type Compression = keyof typeof COMPRESSION;

export const TILE_TYPE = { mvt: 1, png: 2, jpeg: 3, webp: 4 } as const;
export type TileType = keyof typeof TILE_TYPE;

export interface Section {
  readonly offset: number;
  readonly length: number;
}

export interface Header {
  readonly rootDirectory: Section;
  readonly metadata: Section;
  readonly leafDirectories: Section;
  readonly tileData: Section;
  readonly addressedTiles: number;
  readonly tileEntries: number;
  readonly tileContents: number;
  readonly clustered: boolean;
  readonly internalCompression: Compression;
  readonly tileCompression: Compression;
  readonly tileType: TileType;
  readonly minZoom: number;
  readonly maxZoom: number;
  /** [west, south, east, north] in degrees. */
  readonly bounds: readonly [number, number, number, number];
  /** [lon, lat, zoom]. */
  readonly center: readonly [number, number, number];
}

export function headerBytes(h: Header): Uint8Array {
  const bytes = new Uint8Array(HEADER_BYTES);
  const view = new DataView(bytes.buffer);
  bytes.set(new TextEncoder().encode('PMTiles'), 0);
  view.setUint8(7, 3);
  const u64 = (at: number, v: number) => view.setBigUint64(at, BigInt(v), true);
  const e7 = (at: number, degrees: number) => view.setInt32(at, Math.round(degrees * 1e7), true);
  [h.rootDirectory, h.metadata, h.leafDirectories, h.tileData].forEach((s, i) => {
    u64(8 + 16 * i, s.offset);
    u64(16 + 16 * i, s.length);
  });
  u64(72, h.addressedTiles);
  u64(80, h.tileEntries);
  u64(88, h.tileContents);
  view.setUint8(96, h.clustered ? 1 : 0);
  view.setUint8(97, COMPRESSION[h.internalCompression]);
  view.setUint8(98, COMPRESSION[h.tileCompression]);
  view.setUint8(99, TILE_TYPE[h.tileType]);
  view.setUint8(100, h.minZoom);
  view.setUint8(101, h.maxZoom);
  h.bounds.forEach((v, i) => e7(102 + 4 * i, v));
  view.setUint8(118, h.center[2]);
  e7(119, h.center[0]);
  e7(123, h.center[1]);
  return bytes;
}
