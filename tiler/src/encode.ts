/**
 * RGBA → PNG or WebP with sharp. PNG at zlib level 1 without adaptive filtering (speed over a few %
 * of size, measured in bench/tiles.ts); WebP lossless for RGB fidelity is too slow, so lossy q=90 with
 * exact alpha. A fully opaque tile is encoded without its alpha channel (RGB: a quarter less to
 * compress, ~20 % faster and ~10 % smaller, measured in bench/tiles.ts); readers show it the same. The
 * empty (fully transparent) tile is encoded once per size and format.
 */
import sharp from 'sharp';

export const TILE_FORMATS = ['png', 'webp'] as const;
export type TileFormat = (typeof TILE_FORMATS)[number];

export const CONTENT_TYPES: Readonly<Record<TileFormat, string>> = {
  png: 'image/png',
  webp: 'image/webp',
};

export async function encodeTile(rgba: Uint8Array, size: number, format: TileFormat): Promise<Buffer> {
  const rgb = opaqueRgb(rgba);
  const image = rgb
    ? sharp(rgb, { raw: { width: size, height: size, channels: 3 } })
    : sharp(rgba, { raw: { width: size, height: size, channels: 4 } });
  if (format === 'png') return image.png({ compressionLevel: 1, adaptiveFiltering: false }).toBuffer();
  return image.webp({ quality: 90, alphaQuality: 100, effort: 0 }).toBuffer();
}

/** The RGB bytes of an RGBA image whose every alpha is 255, else null. */
function opaqueRgb(rgba: Uint8Array): Uint8Array | null {
  const n = rgba.length >> 2;
  // Alpha is the top byte of each little-endian word; on other platforms the byte loop tells.
  const words =
    LITTLE_ENDIAN && rgba.byteOffset % 4 === 0 ? new Uint32Array(rgba.buffer, rgba.byteOffset, n) : null;
  if (words) {
    for (let p = 0; p < n; p++) if (words[p]! < 0xff000000) return null;
  } else {
    for (let i = 3; i < rgba.length; i += 4) if (rgba[i] !== 255) return null;
  }
  const rgb = new Uint8Array(n * 3);
  for (let i = 0, o = 0; i < rgba.length; i += 4, o += 3) {
    rgb[o] = rgba[i]!;
    rgb[o + 1] = rgba[i + 1]!;
    rgb[o + 2] = rgba[i + 2]!;
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
