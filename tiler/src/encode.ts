/**
 * RGBA → PNG or WebP. PNG by our encoder (png.ts: opaque tiles as RGB, Up filter, zlib level 1 —
 * faster than sharp's and a third smaller on ortho tiles, measured in bench/tiles.ts); WebP by sharp,
 * lossless being too slow for RGB fidelity, so lossy q=90 with exact alpha. The empty (fully
 * transparent) tile is encoded once per size and format.
 */
import sharp from 'sharp';
import { encodeRgbaPng } from './png.ts';

export const TILE_FORMATS = ['png', 'webp'] as const;
export type TileFormat = (typeof TILE_FORMATS)[number];

export const CONTENT_TYPES: Readonly<Record<TileFormat, string>> = {
  png: 'image/png',
  webp: 'image/webp',
};

export async function encodeTile(rgba: Uint8Array, size: number, format: TileFormat): Promise<Buffer> {
  if (format === 'png') return encodeRgbaPng(rgba, size, size);
  return sharp(rgba, { raw: { width: size, height: size, channels: 4 } })
    .webp({ quality: 90, alphaQuality: 100, effort: 0 })
    .toBuffer();
}

const empties = new Map<string, Promise<Buffer>>();

/** A fully transparent tile, encoded once per size and format. */
export function emptyTile(size: number, format: TileFormat): Promise<Buffer> {
  const key = `${size}.${format}`;
  let p = empties.get(key);
  if (!p) {
    p = encodeTile(new Uint8Array(size * size * 4), size, format);
    empties.set(key, p);
  }
  return p;
}
