import { describe, expect, it } from 'vitest';
import type { PixelArray } from '../raster/types.ts';
import { TILE_SIZE } from './cog.plan.ts';
import { packTile } from './tile.pack.ts';

const block = (data: PixelArray, width: number, height: number, bands: number) => ({
  width,
  height,
  bands,
  data,
  mask: null,
});

/** libtiff's fpAcc (predictor 3 decoding) for one row, little-endian host, written out for the test. */
function undoFloatPredictor(row: Uint8Array, bands: number): Float32Array {
  const acc = Uint8Array.from(row);
  for (let i = bands; i < acc.length; i++) acc[i] = ((acc[i] as number) + (acc[i - bands] as number)) & 0xff;
  const wc = acc.length / 4;
  const out = new Uint8Array(acc.length);
  for (let s = 0; s < wc; s++)
    for (let byte = 0; byte < 4; byte++) out[s * 4 + byte] = acc[(3 - byte) * wc + s] as number;
  return new Float32Array(out.buffer);
}

describe('packTile', () => {
  it('differences uint8 samples along each row, wrapping, with zero padding past the edge', () => {
    const tile = packTile(block(Uint8Array.from([10, 20, 5, 1, 2, 3]), 3, 2, 1), 0);
    expect(tile.length).toBe(TILE_SIZE * TILE_SIZE);
    // row 0: 10, 20-10, 5-20 = -15 → 241, padding 0-5 → 251, then 0s
    expect(Array.from(tile.subarray(0, 5))).toEqual([10, 10, 241, 251, 0]);
    expect(Array.from(tile.subarray(TILE_SIZE, TILE_SIZE + 5))).toEqual([1, 1, 1, 253, 0]);
    expect(tile.subarray(2 * TILE_SIZE).every((v) => v === 0)).toBe(true);
  });

  it('differences each band of uint16 with the same band of the previous pixel', () => {
    const tile = packTile(block(Uint16Array.from([1000, 7, 999, 9]), 2, 1, 2), 0);
    const samples = new Uint16Array(tile.buffer, tile.byteOffset, 6);
    expect(Array.from(samples)).toEqual([1000, 7, 65535, 2, 65536 - 999, 65536 - 9]);
  });

  it('gives the same differences word-wise (RGBA uint8, 4×uint16) as sample by sample', () => {
    const cases: Array<[PixelArray, number]> = [
      [Uint8Array.from({ length: 3 * 4 * 2 }, (_, i) => (i * 97 + 13) % 256), 4],
      [Uint16Array.from({ length: 3 * 4 * 2 }, (_, i) => (i * 40503 + 7) % 65536), 4],
      [Int16Array.from({ length: 3 * 2 * 2 }, (_, i) => ((i * 40503) % 65536) - 32768), 2],
    ];
    for (const [data, bands] of cases) {
      const width = data.length / bands / 2;
      const samples = new (data.constructor as new (b: ArrayBufferLike) => PixelArray)(
        packTile(block(data, width, 2, bands), 0).buffer,
      );
      for (let r = 0; r < 2; r++) {
        for (let i = 0; i < (width + 1) * bands; i++) {
          const at = (c: number): number => (c < width * bands ? (data[r * width * bands + c] as number) : 0);
          const want = i < bands ? at(i) : at(i) - at(i - bands);
          const wrapped =
            data instanceof Uint8Array
              ? want & 0xff
              : data instanceof Uint16Array
                ? want & 0xffff
                : (want << 16) >> 16;
          expect(samples[r * TILE_SIZE * bands + i]).toBe(wrapped);
        }
      }
    }
  });

  it('cuts the tile starting at the given column', () => {
    const data = new Uint8Array(600).map((_, i) => i % 256);
    const tile = packTile(block(data, 600, 1, 1), 512);
    expect(Array.from(tile.subarray(0, 3))).toEqual([512 % 256, 1, 1]);
  });

  it('stores float32 as byte planes, most significant first, which libtiff decodes back', () => {
    const values = Float32Array.from([1.5, -2.25, NaN, 3.4e38]);
    const tile = packTile(block(values, 2, 1, 2), 0);
    expect(tile[0]).toBe(0x3f); // 1.5 = 0x3FC00000
    const row = undoFloatPredictor(tile.subarray(0, TILE_SIZE * 2 * 4), 2);
    expect(Array.from(row.subarray(0, 4))).toEqual(Array.from(values));
    expect(row.subarray(4).every((v) => v === 0)).toBe(true);
  });
});
