/**
 * Resampling by hand computations: bilinear between pixel centres, masked neighbours skipped with
 * the weights renormalised (GDAL's GWKBilinearResample4Sample), a masked centre pixel → no data,
 * nearest for classes, and the widened triangle when downsampling.
 */
import { describe, expect, it } from 'vitest';
import type { PixelBlock } from '@belcheer/processing';
import { resample } from './resample.ts';

const block = (values: number[], mask: number[] | null = null): PixelBlock => ({
  width: 2,
  height: 2,
  bands: 1,
  data: Uint8Array.from(values),
  mask: mask ? Uint8Array.from(mask) : null,
});
const at = (x: number, y: number) => ({ width: 1, height: 1, x: Float64Array.of(x), y: Float64Array.of(y) });
const run = (b: PixelBlock, x: number, y: number, method: 'bilinear' | 'nearest' = 'bilinear', scale = 1) =>
  resample({
    block: b,
    offsetX: 0,
    offsetY: 0,
    mapping: at(x, y),
    bands: [0],
    method,
    scaleX: scale,
    scaleY: scale,
  });

describe('resample', () => {
  it('interpolates bilinearly between pixel centres', () => {
    const r = run(block([0, 100, 200, 100]), 1, 1); // the four centres are equidistant
    expect(r.data[0]).toBeCloseTo(100, 6);
    expect(run(block([0, 100, 0, 100]), 0.75, 0.5).data[0]).toBeCloseTo(25, 6);
  });

  it('skips masked neighbours and renormalises; a masked centre pixel gives no data', () => {
    const b = block([0, 100, 200, 40], [255, 255, 255, 0]);
    const r = run(b, 0.9, 0.9);
    expect(r.valid[0]).toBe(1);
    // weights 0.36, 0.24, 0.24 (and 0.16 masked): (0.24·100 + 0.24·200) / 0.84
    expect(r.data[0]).toBeCloseTo(72 / 0.84, 5);
    expect(run(b, 1.2, 1.2).valid[0]).toBe(0); // centre pixel (1,1) is masked
    expect(run(block([1, 2, 3, 4], [0, 0, 0, 0]), 1, 1).count).toBe(0);
  });

  it('copies the pixel under the centre for nearest', () => {
    expect(run(block([5, 6, 7, 8]), 1.9, 0.1, 'nearest').data[0]).toBe(6);
  });

  it('widens the triangle by 1/scale when downsampling', () => {
    const wide: PixelBlock = { width: 4, height: 1, bands: 1, data: Uint8Array.of(0, 0, 100, 0), mask: null };
    const m = at(2, 0.5);
    // scale 0.5: taps at centres 0.5…3.5, weights 1 − |d|·0.5 → 0.25, 0.75, 0.75, 0.25; 100·0.75/2 = 37.5.
    const r = resample({
      block: wide,
      offsetX: 0,
      offsetY: 0,
      mapping: m,
      bands: [0],
      method: 'bilinear',
      scaleX: 0.5,
      scaleY: 1,
    });
    expect(r.data[0]).toBeCloseTo(37.5, 6);
  });

  it('sums the 4 × 4 widened taps of RGBA pixels, and renormalises around a masked one', () => {
    // 6 × 6 RGBA: red = 10·column, green = 10·row, blue = 7, opaque.
    const data = new Uint8Array(6 * 6 * 4);
    for (let p = 0; p < 36; p++) data.set([10 * (p % 6), 10 * Math.floor(p / 6), 7, 255], p * 4);
    const rgba = (mask: Uint8Array | null): PixelBlock => ({ width: 6, height: 6, bands: 4, data, mask });
    const at3 = (b: PixelBlock) =>
      resample({
        block: b,
        offsetX: 0,
        offsetY: 0,
        mapping: at(3, 3),
        bands: [0, 1, 2],
        method: 'bilinear',
        scaleX: 0.5,
        scaleY: 0.5,
      });
    // Scale 0.5 at 3.0: taps at centres 1.5 … 4.5 (columns 1–4), weights 0.25, 0.75, 0.75, 0.25 (sum 2):
    // red (0.25·10 + 0.75·20 + 0.75·30 + 0.25·40) / 2 = 25, green likewise, blue 7.
    const r = at3(rgba(null));
    expect([...r.data]).toEqual([25, 25, 7].map((v) => expect.closeTo(v, 5)));
    // Pixel (1, 1) masked: its weight 0.25·0.25 leaves the sums; red (2·50 − 0.0625·10) / (4 − 0.0625).
    const mask = new Uint8Array(36).fill(255);
    mask[1 * 6 + 1] = 0;
    const m = at3(rgba(mask));
    expect(m.data[0]).toBeCloseTo((100 - 0.625) / 3.9375, 5);
    expect(m.data[1]).toBeCloseTo((100 - 0.625) / 3.9375, 5);
    expect(m.data[2]).toBeCloseTo(7, 5);
  });
});
