import { describe, expect, it } from 'vitest';
import type { PixelArray } from '../raster/types.ts';
import { downsample } from './downsample.ts';

/** Runs one step on a `w`×`h` block; returns the ⌈w/2⌉×⌈h/2⌉ output and its mask. */
function step<T extends PixelArray>(
  data: T,
  w: number,
  h: number,
  bands: number,
  rule: Parameters<typeof downsample>[4],
  mask: Uint8Array | null = null,
): { data: T; mask: Uint8Array } {
  const ow = Math.ceil(w / 2);
  const oh = Math.ceil(h / 2);
  const out = new (data.constructor as new (n: number) => T)(ow * oh * bands);
  const outMask = new Uint8Array(ow * oh);
  downsample({ width: w, height: h, bands, data, mask }, { width: ow, data: out, mask: outMask }, 0, 0, rule);
  return { data: out, mask: outMask };
}

describe('downsample', () => {
  it('averages existing pixels at odd edges and rounds integers half up', () => {
    // 1 2 3 / 4 5 6 / 7 8 9 → (1+2+4+5)/4 = 3, (3+6)/2 = 4.5 → 5, (7+8)/2 = 7.5 → 8, 9
    const out = step(Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9]), 3, 3, 1, { kind: 'plain' });
    expect(Array.from(out.data)).toEqual([3, 5, 8, 9]);
  });

  it('averages only mask-valid pixels; a pixel is valid if any input is', () => {
    // quad 1: 10 and 21 valid → 15.5 → 16; quad 2: nothing valid → 0, mask 0
    const data = Uint16Array.from([10, 1000, 7, 7, 21, 1000, 7, 7]);
    const mask = Uint8Array.from([255, 0, 0, 0, 255, 0, 0, 0]);
    const out = step(data, 4, 2, 1, { kind: 'mask' }, mask);
    expect(Array.from(out.data)).toEqual([16, 0]);
    expect(Array.from(out.mask)).toEqual([255, 0]);
  });

  it('averages colour over alpha > 0 and alpha over all four, at least 1 when any is valid', () => {
    const data = Uint8Array.from([
      // quad 1 (cols 0-1)                 quad 2 (cols 2-3)
      100, 50, 10, 255, 0, 0, 0, 0, /**/ 40, 80, 120, 1, 9, 9, 9, 0, 50, 150, 20, 255, 0, 0, 0, 0, /**/ 9, 9,
      9, 0, 9, 9, 9, 0,
    ]);
    const out = step(data, 4, 2, 4, { kind: 'alpha', band: 3 });
    // quad 1: colour (100+50)/2, (50+150)/2, (10+20)/2; alpha (255+255)/4 = 127.5 → 128
    // quad 2: colour of the one pixel with alpha 1; alpha 1/4 → 0, raised to 1
    expect(Array.from(out.data)).toEqual([75, 100, 15, 128, 40, 80, 120, 1]);
  });

  it('leaves a fully transparent 2×2 transparent and black', () => {
    // 3×1, two colour bands + alpha: (5,5,α0) (6,6,α0) | (7,7,α200)
    const out = step(Uint8Array.from([5, 5, 0, 6, 6, 0, 7, 7, 200]), 3, 1, 3, { kind: 'alpha', band: 2 });
    expect(Array.from(out.data)).toEqual([0, 0, 0, 7, 7, 200]);
  });

  it('treats NaN nodata per sample and keeps float means unrounded', () => {
    const data = Float32Array.from([1.5, NaN, NaN, NaN, NaN, 2.25, NaN, NaN]);
    const out = step(data, 4, 2, 1, { kind: 'nodata', value: NaN });
    expect(out.data[0]).toBe(1.875);
    expect(out.data[1]).toBeNaN();
  });

  it('treats an integer nodata per band and rounds negative means half up', () => {
    // band 0: -9999, 4, 5, -9999 → 4.5 → 5; band 1: -1, -2, nodata, nodata → -1.5 → -1
    const data = Int16Array.from([-9999, -1, 4, -2, 5, -9999, -9999, -9999]);
    const out = step(data, 2, 2, 2, { kind: 'nodata', value: -9999 });
    expect(Array.from(out.data)).toEqual([5, -1]);
  });

  it('writes all-nodata inputs as nodata', () => {
    const out = step(Uint16Array.from([0, 0, 0, 0, 0, 0]), 3, 2, 1, { kind: 'nodata', value: 0 });
    expect(Array.from(out.data)).toEqual([0, 0]);
  });

  it('writes at an offset into a wider target', () => {
    const target = new Uint8Array(4 * 3);
    const src = Uint8Array.from([2, 4, 6, 8]);
    downsample(
      { width: 2, height: 2, bands: 1, data: src, mask: null },
      { width: 4, data: target, mask: null },
      2,
      1,
      {
        kind: 'plain',
      },
    );
    expect(Array.from(target)).toEqual([0, 0, 0, 0, 0, 0, 5, 0, 0, 0, 0, 0]);
  });
});
