/**
 * Cuts one 512×512 tile out of a block of pixel-interleaved rows (zero padding past the raster's
 * edge) and applies the TIFF predictor: horizontal differencing (2) for integers, floating point
 * byte-plane differencing (3) for float32. The result is the byte string to deflate.
 * Reference: TIFF 6.0 §14 (Predictor); Adobe Photoshop TIFF Technical Note 3 (predictor 3), as
 * implemented by libtiff's horDiff and fpDiff on a little-endian host.
 */
import type { PixelArray, PixelBlock } from '../raster/types.ts';
import { TILE_SIZE } from './cog.plan.ts';
import { allocPixels, pixelFormatOf } from '../raster/pixel.array.ts';

function copyTile(block: PixelBlock, x0: number): { tile: PixelArray; rows: number } {
  const { bands, data } = block;
  const cols = Math.min(TILE_SIZE, block.width - x0);
  const rows = Math.min(TILE_SIZE, block.height);
  const tile = allocPixels(pixelFormatOf(data), TILE_SIZE * TILE_SIZE * bands);
  for (let r = 0; r < rows; r++) {
    const from = (r * block.width + x0) * bands;
    tile.set(data.subarray(from, from + cols * bands), r * TILE_SIZE * bands);
  }
  return { tile, rows };
}

/**
 * Predictor 2 on whole 32-bit words when a pixel fills whole words (RGBA uint8, 2 or 4 bands of
 * 16 bits): lane-wise subtraction without borrow across lanes (`h` marks each lane's top bit).
 * Reference: H. S. Warren, Hacker's Delight, 2nd ed., §2-18 "Multibyte Add, Subtract".
 */
function differenceWords(words: Uint32Array, rows: number, stride: number, h: number): void {
  const rowLen = TILE_SIZE * stride;
  const low = ~h;
  for (let r = 0; r < rows; r++) {
    const start = r * rowLen;
    for (let i = start + rowLen - 1; i >= start + stride; i--) {
      const a = words[i] as number;
      const b = words[i - stride] as number;
      words[i] = ((a | h) - (b & low)) ^ ((a ^ ~b) & h);
    }
  }
}

/** Predictor 2 in place: each sample minus the same band of the previous pixel, wrapping. */
export function horizontalDifference(
  tile: Uint8Array | Uint16Array | Int16Array,
  rows: number,
  bands: number,
): void {
  const pixelBytes = bands * tile.BYTES_PER_ELEMENT;
  if (pixelBytes % 4 === 0) {
    const words = new Uint32Array(tile.buffer, tile.byteOffset, tile.byteLength / 4);
    differenceWords(words, rows, pixelBytes / 4, tile.BYTES_PER_ELEMENT === 1 ? 0x80808080 : 0x80008000);
    return;
  }
  const rowLen = TILE_SIZE * bands;
  for (let r = 0; r < rows; r++) {
    const start = r * rowLen;
    for (let i = start + rowLen - 1; i >= start + bands; i--)
      tile[i] = (tile[i] as number) - (tile[i - bands] as number);
  }
}

/** Predictor 3: per row, bytes regrouped most significant plane first, then byte differencing. */
export function floatingPointDifference(tile: Float32Array, rows: number, bands: number): Uint8Array {
  const src = new Uint8Array(tile.buffer, tile.byteOffset, tile.byteLength);
  const out = new Uint8Array(tile.byteLength);
  const wc = TILE_SIZE * bands;
  const rowBytes = wc * 4;
  for (let r = 0; r < rows; r++) {
    const s = r * rowBytes;
    for (let i = 0; i < wc; i++) {
      const p = s + i * 4;
      out[s + i] = src[p + 3] as number;
      out[s + wc + i] = src[p + 2] as number;
      out[s + 2 * wc + i] = src[p + 1] as number;
      out[s + 3 * wc + i] = src[p] as number;
    }
    for (let j = s + rowBytes - 1; j >= s + bands; j--)
      out[j] = (out[j] as number) - (out[j - bands] as number);
  }
  return out;
}

/** The tile whose left column is `x0` of `block`, predicted, as little-endian bytes. */
export function packTile(block: PixelBlock, x0: number): Uint8Array {
  const { tile, rows } = copyTile(block, x0);
  if (tile instanceof Float32Array) return floatingPointDifference(tile, rows, block.bands);
  horizontalDifference(tile, rows, block.bands);
  return new Uint8Array(tile.buffer, tile.byteOffset, tile.byteLength);
}
