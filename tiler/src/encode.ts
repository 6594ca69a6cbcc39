/**
 * RGBA → PNG or WebP. PNG by our encoder (png.ts: Up filter, zlib level 1 — faster than sharp's and
 * a third smaller on ortho tiles, measured in bench/tiles.ts); WebP by sharp, lossless
 * being too slow for RGB fidelity, so lossy q=90 with exact alpha. A fully opaque tile is encoded
 * without its alpha channel (RGB: a quarter less to compress); readers show it the same. The empty
 * (fully transparent) tile is encoded once per size and format.
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
  const rgb = opaqueRgb(rgba);
  const image = rgb
    ? sharp(rgb, { raw: { width: size, height: size, channels: 3 } })
    : sharp(rgba, { raw: { width: size, height: size, channels: 4 } });
  return image.webp({ quality: 90, alphaQuality: 100, effort: 0 }).toBuffer();
}

/** The RGB bytes of an RGBA image whose every alpha is 255, else null. */
function opaqueRgb(rgba: Uint8Array): Uint8Array | null {
  const n = rgba.length >> 2;
  // One signed word a pixel where the platform allows, alpha its top byte: 255 there shifts to −1.
  const words =
    LITTLE_ENDIAN && rgba.byteOffset % 4 === 0 ? new Int32Array(rgba.buffer, rgba.byteOffset, n) : null;
  if (words) {
    for (let p = 0; p < n; p++) if (words[p]! >> 24 !== -1) return null;
  } else {
    for (let i = 3; i < rgba.length; i += 4) if (rgba[i] !== 255) return null;
  }
  const rgb = new Uint8Array(n * 3);
  for (let p = 0, o = 0; p < n; p++, o += 3) {
    if (words) {
      const w = words[p]!;
      rgb[o] = w;
      rgb[o + 1] = w >> 8;
      rgb[o + 2] = w >> 16;
    } else {
      rgb.set(rgba.subarray(4 * p, 4 * p + 3), o);
    }
  }
  return rgb;
}

const LITTLE_ENDIAN = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;

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
