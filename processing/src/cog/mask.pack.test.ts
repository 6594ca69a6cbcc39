import { describe, expect, it } from 'vitest';
import { packMaskTile } from './mask.pack.ts';

describe('packMaskTile', () => {
  it('packs valid pixels as 1 bits, most significant first, 64 bytes per row', () => {
    const mask = new Uint8Array(20);
    mask.set([255, 0, 1, 0, 0, 0, 0, 0, 0, 255]); // row 0: cols 0, 2, 9 valid
    mask.fill(255, 10); // row 1: all valid
    const tile = packMaskTile(mask, 10, 2, 0);
    expect(tile.length).toBe(64 * 512);
    expect(Array.from(tile.subarray(0, 3))).toEqual([0b1010_0000, 0b0100_0000, 0]);
    expect(Array.from(tile.subarray(64, 67))).toEqual([0xff, 0b1100_0000, 0]);
    expect(tile.subarray(128).every((b) => b === 0)).toBe(true);
  });

  it('treats a null mask as all valid inside the raster only', () => {
    const tile = packMaskTile(null, 515, 1, 512);
    expect(Array.from(tile.subarray(0, 2))).toEqual([0b1110_0000, 0]);
  });
});
