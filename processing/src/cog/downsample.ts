/**
 * One overview step: each 2×2 of the source becomes one pixel, the mean of its valid samples.
 * At an odd right or bottom edge the missing column or row repeats the last one, which leaves
 * the mean over the existing pixels unchanged. Integers round half up; float32 keeps the mean.
 * Validity (see AverageRule): alpha > 0, the byte mask, or "differs from nodata" per sample.
 * An output pixel is valid when any of its inputs is: alpha is the mean of the four alphas
 * (at least 1 then), the mask is 255, and a sample with no valid input takes nodata (or 0).
 * One loop per rule, so that each stays monomorphic and fast.
 * Reference: SPEC §2.1 "overviews ... built by averaging that respects the mask"; GDAL AVERAGE.
 */
import type { PixelArray, PixelBlock } from '../raster/types.ts';
import type { AverageRule } from './cog.plan.ts';

/** Where the averages go: a pixel-interleaved buffer `width` pixels wide, and its mask if any. */
export interface Target {
  readonly width: number;
  readonly data: PixelArray;
  readonly mask: Uint8Array | null;
}

/** Round half up for integer samples, the exact mean for float32. */
function meanOf(data: PixelArray): Mean {
  return data instanceof Float32Array ? (sum, n) => sum / n : (sum, n) => Math.floor(sum / n + 0.5);
}

/** The rows of output row `oy` and the columns of output column `ox`, clamped at the edges. */
const second = (i: number, size: number): number => Math.min(i + 1, size - 1);

type Mean = (sum: number, n: number) => number;

/** Every band of output pixel `o`: the mean of the four inputs at p00…p11. */
function meanOfFour(
  s: PixelArray,
  out: PixelArray,
  o: number,
  B: number,
  p00: number,
  p01: number,
  p10: number,
  p11: number,
  mean: Mean,
): void {
  for (let b = 0; b < B; b++) {
    out[o + b] = mean(
      (s[p00 + b] as number) + (s[p01 + b] as number) + (s[p10 + b] as number) + (s[p11 + b] as number),
      4,
    );
  }
}

/** Every band of output pixel `o`: the mean of the `n` valid inputs among p00…p11, 0 when none is. */
function meanOfValid(
  s: PixelArray,
  out: PixelArray,
  o: number,
  B: number,
  p00: number,
  p01: number,
  p10: number,
  p11: number,
  v00: boolean,
  v01: boolean,
  v10: boolean,
  v11: boolean,
  mean: Mean,
): void {
  const n = +v00 + +v01 + +v10 + +v11;
  for (let b = 0; b < B; b++) {
    const sum =
      (v00 ? (s[p00 + b] as number) : 0) +
      (v01 ? (s[p01 + b] as number) : 0) +
      (v10 ? (s[p10 + b] as number) : 0) +
      (v11 ? (s[p11 + b] as number) : 0);
    out[o + b] = n === 0 ? 0 : mean(sum, n);
  }
}

function averagePlain(src: PixelBlock, t: Target, dx: number, dy: number): void {
  const { width: w, height: h, bands: B, data: s } = src;
  const mean = meanOf(s);
  const out = t.data;
  for (let oy = 0; 2 * oy < h; oy++) {
    const r0 = 2 * oy * w;
    const r1 = second(2 * oy, h) * w;
    const row = (dy + oy) * t.width + dx;
    for (let ox = 0; 2 * ox < w; ox++) {
      const c0 = 2 * ox;
      const c1 = second(c0, w);
      const p00 = (r0 + c0) * B,
        p01 = (r0 + c1) * B,
        p10 = (r1 + c0) * B,
        p11 = (r1 + c1) * B;
      meanOfFour(s, out, (row + ox) * B, B, p00, p01, p10, p11, mean);
      if (t.mask) t.mask[row + ox] = 255;
    }
  }
}

function averageMasked(
  src: PixelBlock,
  m: Uint8Array,
  t: Target,
  tm: Uint8Array,
  dx: number,
  dy: number,
): void {
  const { width: w, height: h, bands: B, data: s } = src;
  const mean = meanOf(s);
  const out = t.data;
  for (let oy = 0; 2 * oy < h; oy++) {
    const r0 = 2 * oy * w;
    const r1 = second(2 * oy, h) * w;
    const row = (dy + oy) * t.width + dx;
    for (let ox = 0; 2 * ox < w; ox++) {
      const c0 = 2 * ox;
      const c1 = second(c0, w);
      const v00 = m[r0 + c0] !== 0,
        v01 = m[r0 + c1] !== 0,
        v10 = m[r1 + c0] !== 0,
        v11 = m[r1 + c1] !== 0;
      const p00 = (r0 + c0) * B,
        p01 = (r0 + c1) * B,
        p10 = (r1 + c0) * B,
        p11 = (r1 + c1) * B;
      tm[row + ox] = v00 || v01 || v10 || v11 ? 255 : 0;
      meanOfValid(s, out, (row + ox) * B, B, p00, p01, p10, p11, v00, v01, v10, v11, mean);
    }
  }
}

function averageAlpha(src: PixelBlock, a: number, t: Target, dx: number, dy: number): void {
  const { width: w, height: h, bands: B, data: s } = src;
  const mean = meanOf(s);
  const out = t.data;
  for (let oy = 0; 2 * oy < h; oy++) {
    const r0 = 2 * oy * w;
    const r1 = second(2 * oy, h) * w;
    const row = (dy + oy) * t.width + dx;
    for (let ox = 0; 2 * ox < w; ox++) {
      const c0 = 2 * ox;
      const c1 = second(c0, w);
      const p00 = (r0 + c0) * B,
        p01 = (r0 + c1) * B,
        p10 = (r1 + c0) * B,
        p11 = (r1 + c1) * B;
      const a00 = s[p00 + a] as number,
        a01 = s[p01 + a] as number,
        a10 = s[p10 + a] as number,
        a11 = s[p11 + a] as number;
      const v00 = a00 > 0,
        v01 = a01 > 0,
        v10 = a10 > 0,
        v11 = a11 > 0;
      const n = +v00 + +v01 + +v10 + +v11;
      const o = (row + ox) * B;
      if (n === 4) {
        // the common case inside an ortho: a plain average, alpha included
        meanOfFour(s, out, o, B, p00, p01, p10, p11, mean);
        continue;
      }
      meanOfValid(s, out, o, B, p00, p01, p10, p11, v00, v01, v10, v11, mean);
      if (n > 0) {
        const alpha = mean(a00 + a01 + a10 + a11, 4);
        out[o + a] = alpha > 0 ? alpha : 1;
      }
    }
  }
}

function averageNoData(src: PixelBlock, noData: number, t: Target, dx: number, dy: number): void {
  const { width: w, height: h, bands: B, data: s } = src;
  const mean = meanOf(s);
  const out = t.data;
  const nd = s instanceof Float32Array ? Math.fround(noData) : noData;
  const nan = Number.isNaN(nd);
  for (let oy = 0; 2 * oy < h; oy++) {
    const r0 = 2 * oy * w;
    const r1 = second(2 * oy, h) * w;
    const row = (dy + oy) * t.width + dx;
    for (let ox = 0; 2 * ox < w; ox++) {
      const c0 = 2 * ox;
      const c1 = second(c0, w);
      const p00 = (r0 + c0) * B,
        p01 = (r0 + c1) * B,
        p10 = (r1 + c0) * B,
        p11 = (r1 + c1) * B;
      const o = (row + ox) * B;
      for (let b = 0; b < B; b++) {
        const s00 = s[p00 + b] as number,
          s01 = s[p01 + b] as number,
          s10 = s[p10 + b] as number,
          s11 = s[p11 + b] as number;
        // NaN never equals itself, so "valid" is `v === v` for a NaN nodata and `v !== nd` otherwise.
        const v00 = nan ? s00 === s00 : s00 !== nd;
        const v01 = nan ? s01 === s01 : s01 !== nd;
        const v10 = nan ? s10 === s10 : s10 !== nd;
        const v11 = nan ? s11 === s11 : s11 !== nd;
        const n = +v00 + +v01 + +v10 + +v11;
        const sum = (v00 ? s00 : 0) + (v01 ? s01 : 0) + (v10 ? s10 : 0) + (v11 ? s11 : 0);
        out[o + b] = n === 0 ? nd : mean(sum, n);
      }
    }
  }
}

/** Averages `src` into `target` with its top-left output pixel at (dx, dy). */
export function downsample(src: PixelBlock, target: Target, dx: number, dy: number, rule: AverageRule): void {
  switch (rule.kind) {
    case 'alpha':
      return averageAlpha(src, rule.band, target, dx, dy);
    case 'nodata':
      return averageNoData(src, rule.value, target, dx, dy);
    case 'mask':
      if (src.mask !== null && target.mask !== null)
        return averageMasked(src, src.mask, target, target.mask, dx, dy);
      return averagePlain(src, target, dx, dy);
    case 'plain':
      return averagePlain(src, target, dx, dy);
  }
}
