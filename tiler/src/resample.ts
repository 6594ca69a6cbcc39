/**
 * Resampling of a source window at mapped positions, the way GDAL's warp kernel does it:
 * - a destination pixel is valid only when the source pixel under its centre is valid;
 * - nearest copies that pixel (for classes);
 * - bilinear weighs the neighbours' centres with 1 − |d|, skipping invalid ones and renormalising
 *   by the weights kept; when downsampling by more than 1/0.95 the triangle is widened by the scale
 *   (GWKResample's general kernel), so a level read between overviews is filtered, not aliased.
 * Reference: GDAL alg/gdalwarpkernel.cpp (GWKBilinearResample4Sample, GWKResample, bUse4SamplesFormula).
 */
import type { PixelBlock } from '@belcheer/processing';
import type { PixelMapping } from './approx.transform.ts';

export type Resampling = 'bilinear' | 'nearest';

/** Values of the chosen bands per destination pixel (pixel-interleaved) and a validity mask. */
export interface ResampledPixels {
  readonly width: number;
  readonly height: number;
  readonly bands: number;
  readonly data: Float32Array;
  /** 1 where the destination pixel has data, 0 elsewhere. */
  readonly valid: Uint8Array;
  /** Number of valid pixels. */
  readonly count: number;
}

export interface ResampleInput {
  /** The source window, read from the level the mapping refers to. */
  readonly block: PixelBlock;
  /** Top-left of `block` in level pixels. */
  readonly offsetX: number;
  readonly offsetY: number;
  /** Destination pixel centres in level pixel/line. */
  readonly mapping: PixelMapping;
  /** Zero-based band indices to resample, in output order. */
  readonly bands: readonly number[];
  readonly method: Resampling;
  /** Destination pixels per source pixel along x and y (GDAL's dfXScale, dfYScale). */
  readonly scaleX: number;
  readonly scaleY: number;
}

/** A rectangle of destination pixels. */
export interface DestRegion {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/**
 * One-dimensional taps of the (possibly widened) triangle filter around `pos`: writes the 2·radius
 * weights and returns the first tap's index.
 */
function taps(pos: number, scale: number, radius: number, weights: Float64Array): number {
  const base = Math.floor(pos - 0.5);
  const delta = pos - 0.5 - base;
  for (let k = 0; k < 2 * radius; k++) {
    const w = 1 - Math.abs(k - radius + 1 - delta) * scale;
    weights[k] = w > 0 ? w : 0;
  }
  return base - radius + 1;
}

/** Resamples the whole mapping into new arrays. */
export function resample(input: ResampleInput): ResampledPixels {
  const n = input.mapping.width * input.mapping.height;
  const out = {
    width: input.mapping.width,
    height: input.mapping.height,
    bands: input.bands.length,
    data: new Float32Array(n * input.bands.length),
    valid: new Uint8Array(n),
    count: 0,
  };
  const region = { x: 0, y: 0, width: out.width, height: out.height };
  return { ...out, count: resampleRegion(input, region, out.data, out.valid) };
}

/**
 * Resamples the destination pixels of `region` into `out` / `valid` (full-tile arrays); returns how
 * many became valid.
 */
export function resampleRegion(
  input: ResampleInput,
  region: DestRegion,
  out: Float32Array,
  valid: Uint8Array,
): number {
  const { block, offsetX, offsetY, mapping, bands, method } = input;
  const { width: bw, height: bh, bands: nb, data: src, mask } = block;
  const nOut = bands.length;
  // Up to three output bands are summed in one pass through locals (RGB, and an index's bands).
  const b0 = bands[0] ?? 0;
  const b1 = bands[1] ?? 0;
  const b2 = bands[2] ?? 0;
  const use4 = input.scaleX >= 0.95 && input.scaleY >= 0.95;
  const sx = use4 ? 1 : Math.min(input.scaleX, 1);
  const sy = use4 ? 1 : Math.min(input.scaleY, 1);
  const rx = use4 ? 1 : Math.ceil(1 / sx);
  const ry = use4 ? 1 : Math.ceil(1 / sy);
  const wx = new Float64Array(2 * rx);
  const wy = new Float64Array(2 * ry);
  const nx = 2 * rx;
  const ny = 2 * ry;
  const mw = mapping.width;
  let count = 0;
  for (let row = region.y; row < region.y + region.height; row++) {
    for (let col = region.x; col < region.x + region.width; col++) {
      const o = row * mw + col;
      const px = mapping.x[o]! - offsetX;
      const py = mapping.y[o]! - offsetY;
      const ix = Math.floor(px + 1e-10);
      const iy = Math.floor(py + 1e-10);
      if (ix < 0 || iy < 0 || ix >= bw || iy >= bh) continue;
      if (mask !== null && mask[iy * bw + ix] === 0) continue;
      const q = o * nOut;
      if (method === 'nearest') {
        const s0 = (iy * bw + ix) * nb;
        for (let b = 0; b < nOut; b++) out[q + b] = src[s0 + bands[b]!]!;
        valid[o] = 1;
        count++;
        continue;
      }
      const tx0 = taps(px, sx, rx, wx);
      const ty0 = taps(py, sy, ry, wy);
      // Taps clipped to the block once per pixel, not per tap (same order and sums as unclipped).
      const i0 = tx0 < 0 ? -tx0 : 0;
      const i1 = tx0 + nx > bw ? bw - tx0 : nx;
      const j0 = ty0 < 0 ? -ty0 : 0;
      const j1 = ty0 + ny > bh ? bh - ty0 : ny;
      let a0 = 0;
      let a1 = 0;
      let a2 = 0;
      let wsum = 0;
      for (let j = j0; j < j1; j++) {
        const wj = wy[j]!;
        if (wj === 0) continue;
        const rowBase = (ty0 + j) * bw + tx0;
        for (let i = i0; i < i1; i++) {
          const w = wj * wx[i]!;
          const p = rowBase + i;
          if (w === 0 || (mask !== null && mask[p] === 0)) continue;
          const s0 = p * nb;
          a0 += w * src[s0 + b0]!;
          a1 += w * src[s0 + b1]!;
          a2 += w * src[s0 + b2]!;
          wsum += w;
        }
      }
      if (wsum < 1e-5) continue;
      out[q] = a0 / wsum;
      if (nOut > 1) out[q + 1] = a1 / wsum;
      if (nOut > 2) out[q + 2] = a2 / wsum;
      // Rare: more than three bands, one more pass per extra band.
      for (let b = 3; b < nOut; b++) out[q + b] = weightedBand(input, tx0, ty0, wx, wy, bands[b]!) / wsum;
      valid[o] = 1;
      count++;
    }
  }
  return count;
}

/** Weighted sum of one band over the taps (for products reading more than three bands). */
function weightedBand(
  input: ResampleInput,
  tx0: number,
  ty0: number,
  wx: Float64Array,
  wy: Float64Array,
  band: number,
): number {
  const { width: bw, height: bh, bands: nb, data: src, mask } = input.block;
  let sum = 0;
  for (let j = 0; j < wy.length; j++) {
    const yy = ty0 + j;
    if (wy[j] === 0 || yy < 0 || yy >= bh) continue;
    for (let i = 0; i < wx.length; i++) {
      const xx = tx0 + i;
      const w = wy[j]! * wx[i]!;
      if (w === 0 || xx < 0 || xx >= bw) continue;
      const p = yy * bw + xx;
      if (mask !== null && mask[p] === 0) continue;
      sum += w * src[p * nb + band]!;
    }
  }
  return sum;
}
