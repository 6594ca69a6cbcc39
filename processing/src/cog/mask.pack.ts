/**
 * Packs one 512×512 tile of a byte mask (0 invalid, else valid) into a 1-bit TIFF transparency
 * mask, most significant bit first, 64 bytes per row; padding past the raster's edge is 0.
 * Reference: TIFF 6.0 §"PhotometricInterpretation = 4"; GDAL internal masks (GDAL_TIFF_INTERNAL_MASK).
 */
import { TILE_SIZE } from './cog.plan.ts';

const ROW_BYTES = TILE_SIZE / 8;

/** `mask` covers `width` × `height` pixels, null meaning all valid; the tile starts at column x0. */
export function packMaskTile(mask: Uint8Array | null, width: number, height: number, x0: number): Uint8Array {
  const out = new Uint8Array(ROW_BYTES * TILE_SIZE);
  const cols = Math.min(TILE_SIZE, width - x0);
  const rows = Math.min(TILE_SIZE, height);
  for (let r = 0; r < rows; r++) {
    const row = r * ROW_BYTES;
    const from = r * width + x0;
    for (let c0 = 0; c0 < cols; c0 += 8) {
      let byte = 0;
      for (let c = c0; c < Math.min(c0 + 8, cols); c++) {
        if (mask === null || mask[from + c] !== 0) byte |= 0x80 >> (c - c0);
      }
      out[row + (c0 >> 3)] = byte;
    }
  }
  return out;
}
