/**
 * Resampling of a source window at mapped positions, the way GDAL's warp kernel does it:
 * - a destination pixel is valid only when the source pixel under its centre is valid;
 * - nearest copies that pixel (for classes);
 * - bilinear weighs the neighbours' centres with 1 − |d|, skipping invalid ones and renormalising
 *   by the weights kept; when downsampling by more than 1/0.95 the triangle is widened by the scale
 *   (GWKResample's general kernel), so a level read between overviews is filtered, not aliased.
 * Reference: GDAL alg/gdalwarpkernel.cpp (GWKBilinearResample4Sample, GWKResample, bUse4SamplesFormula).
 */
import { HOST_LITTLE_ENDIAN, type PixelArray, type PixelBlock } from '@belcheer/processing';
import type { PixelMapping } from './approx.transform.ts';
import { CLIPPED, simdApplies, simdResampleRegion } from './resample.simd.ts';

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

/** The kernel of a chunk: GDAL's 4-sample bilinear at scale ≥ 0.95, else the triangle widened by 1/scale. */
interface Kernel {
  readonly sx: number;
  readonly sy: number;
  /** Taps along x and y (twice the radius). */
  readonly nx: number;
  readonly ny: number;
}

function kernelOf(scaleX: number, scaleY: number): Kernel {
  const use4 = scaleX >= 0.95 && scaleY >= 0.95;
  const sx = use4 ? 1 : Math.min(scaleX, 1);
  const sy = use4 ? 1 : Math.min(scaleY, 1);
  return { sx, sy, nx: use4 ? 2 : 2 * Math.ceil(1 / sx), ny: use4 ? 2 : 2 * Math.ceil(1 / sy) };
}

/**
 * Resamples the destination pixels of `region` into `out` / `valid` (full-tile arrays); returns how
 * many became valid. An RGBA byte window without a mask (a drone ortho's usual tile) goes through the
 * WebAssembly SIMD kernel (resample.simd.ts) and the pixels near its edge through the JavaScript path
 * below. There, a pixel whose taps are all inside the block and valid is summed separably — each tap
 * row's bands weighted along x, the rows then along y — straight from the block's typed array, with
 * the 4 × 4 taps of a 1–2× reduction (every zoom from native to native−2) unrolled; a pixel near a
 * masked or clipped tap takes GDAL's tap-by-tap path, which skips those taps and renormalises by the
 * weights kept. All sum the same products (to rounding; the SIMD kernel's x weights to 1/16384).
 */
export function resampleRegion(
  input: ResampleInput,
  region: DestRegion,
  out: Float32Array,
  valid: Uint8Array,
): number {
  if (input.method === 'nearest') return nearestRegion(input, region, out, valid);
  const { sx, sy, nx, ny } = kernelOf(input.scaleX, input.scaleY);
  if (!simdApplies(input.block, input.bands.length, nx, ny)) return bilinearRegion(input, region, out, valid);
  const { block, offsetX, offsetY, mapping, bands } = input;
  const count = simdResampleRegion(
    { block, offsetX, offsetY, mapping, bands, sx, sy, ...region },
    out,
    valid,
  );
  // Pixels near the window's edge, whose taps GDAL clips: the JavaScript path.
  return count + bilinearRegion(input, region, out, valid, true);
}

/**
 * The bilinear kernel in JavaScript: every band layout and sample type, masks, any reduction. With
 * `onlyClipped`, only the pixels the SIMD kernel left with validity CLIPPED.
 */
function bilinearRegion(
  input: ResampleInput,
  region: DestRegion,
  out: Float32Array,
  valid: Uint8Array,
  onlyClipped = false,
): number {
  const { block, offsetX, offsetY, mapping, bands } = input;
  const { width: bw, height: bh, bands: nb, data: src, mask } = block;
  const nOut = bands.length;
  // Up to three output bands are summed in one pass through locals (RGB, and an index's bands).
  const b0 = bands[0] ?? 0;
  const b1 = bands[1] ?? 0;
  const b2 = bands[2] ?? 0;
  const { sx, sy, nx, ny } = kernelOf(input.scaleX, input.scaleY);
  const wide = nx === 4 && ny === 4 && nOut <= 3;
  // Reused from call to call (synchronous).
  const wx = (WEIGHTS_X[nx] ??= new Float64Array(nx));
  const wy = (WEIGHTS_Y[ny] ??= new Float64Array(ny));
  const stride = bw * nb;
  const words = wide ? rgbaWords(src, nb) : null;
  const h0 = 8 * b0;
  const h1 = 8 * b1;
  const h2 = 8 * b2;
  const mw = mapping.width;
  const { x: mx, y: my } = mapping;
  let count = 0;
  for (let row = region.y; row < region.y + region.height; row++) {
    for (let col = region.x; col < region.x + region.width; col++) {
      const o = row * mw + col;
      if (onlyClipped) {
        if (valid[o] !== CLIPPED) continue;
        valid[o] = 0;
      }
      const px = mx[o]! - offsetX;
      const py = my[o]! - offsetY;
      // Position relative to the pixel centres: the kernel's base pixel and fraction, and from them the
      // pixel under the centre (floor(p + 1e-10)) without two more floors.
      const cx = px - 0.5;
      const cy = py - 0.5;
      const fx = Math.floor(cx);
      const fy = Math.floor(cy);
      const dx = cx - fx;
      const dy = cy - fy;
      const ix = dx >= CENTRE ? fx + 1 : fx;
      const iy = dy >= CENTRE ? fy + 1 : fy;
      if (ix < 0 || iy < 0 || ix >= bw || iy >= bh) continue;
      if (mask !== null && mask[iy * bw + ix] === 0) continue;
      const q = o * nOut;
      let a0 = 0;
      let a1 = 0;
      let a2 = 0;
      let wsum: number;
      if (
        wide &&
        fx >= 1 &&
        fy >= 1 &&
        fx + 3 <= bw &&
        fy + 3 <= bh &&
        (mask === null || allTapsValid(mask, bw, fx - 1, fy - 1, 4, 4))
      ) {
        // The taps of `taps()` at radius 2, unrolled: centres fx−1 … fx+2, distances 1+d, d, 1−d, 2−d.
        const x0 = Math.max(0, 1 - (1 + dx) * sx);
        const x1 = 1 - dx * sx;
        const x2 = 1 - (1 - dx) * sx;
        const x3 = Math.max(0, 1 - (2 - dx) * sx);
        const y0 = Math.max(0, 1 - (1 + dy) * sy);
        const y1 = 1 - dy * sy;
        const y2 = 1 - (1 - dy) * sy;
        const y3 = Math.max(0, 1 - (2 - dy) * sy);
        if (words !== null) {
          // RGBA bytes: one 32-bit load per tap, the bands shifted out of it.
          let w = (fy - 1) * bw + fx - 1;
          for (let j = 0; j < 4; j++, w += bw) {
            const wj = j === 0 ? y0 : j === 1 ? y1 : j === 2 ? y2 : y3;
            const p0 = words[w]!;
            const p1 = words[w + 1]!;
            const p2 = words[w + 2]!;
            const p3 = words[w + 3]!;
            a0 +=
              wj *
              (x0 * ((p0 >>> h0) & 255) +
                x1 * ((p1 >>> h0) & 255) +
                x2 * ((p2 >>> h0) & 255) +
                x3 * ((p3 >>> h0) & 255));
            a1 +=
              wj *
              (x0 * ((p0 >>> h1) & 255) +
                x1 * ((p1 >>> h1) & 255) +
                x2 * ((p2 >>> h1) & 255) +
                x3 * ((p3 >>> h1) & 255));
            a2 +=
              wj *
              (x0 * ((p0 >>> h2) & 255) +
                x1 * ((p1 >>> h2) & 255) +
                x2 * ((p2 >>> h2) & 255) +
                x3 * ((p3 >>> h2) & 255));
          }
        } else {
          const s0 = ((fy - 1) * bw + fx - 1) * nb;
          const s1 = s0 + stride;
          const s2 = s1 + stride;
          const s3 = s2 + stride;
          a0 = y0 * row4(src, s0 + b0, nb, x0, x1, x2, x3) + y1 * row4(src, s1 + b0, nb, x0, x1, x2, x3);
          a0 += y2 * row4(src, s2 + b0, nb, x0, x1, x2, x3) + y3 * row4(src, s3 + b0, nb, x0, x1, x2, x3);
          a1 = y0 * row4(src, s0 + b1, nb, x0, x1, x2, x3) + y1 * row4(src, s1 + b1, nb, x0, x1, x2, x3);
          a1 += y2 * row4(src, s2 + b1, nb, x0, x1, x2, x3) + y3 * row4(src, s3 + b1, nb, x0, x1, x2, x3);
          a2 = y0 * row4(src, s0 + b2, nb, x0, x1, x2, x3) + y1 * row4(src, s1 + b2, nb, x0, x1, x2, x3);
          a2 += y2 * row4(src, s2 + b2, nb, x0, x1, x2, x3) + y3 * row4(src, s3 + b2, nb, x0, x1, x2, x3);
        }
        wsum = (x0 + x1 + x2 + x3) * (y0 + y1 + y2 + y3);
      } else {
        const tx0 = taps(px, sx, nx >> 1, wx);
        const ty0 = taps(py, sy, ny >> 1, wy);
        const inside = tx0 >= 0 && ty0 >= 0 && tx0 + nx <= bw && ty0 + ny <= bh;
        if (nOut > 3 || !inside || (mask !== null && !allTapsValid(mask, bw, tx0, ty0, nx, ny))) {
          if (!clippedPixel(input, tx0, ty0, wx, wy, out, q)) continue;
          valid[o] = 1;
          count++;
          continue;
        }
        let sumX = 0;
        for (let i = 0; i < nx; i++) sumX += wx[i]!;
        let sumY = 0;
        for (let j = 0; j < ny; j++) {
          const wj = wy[j]!;
          sumY += wj;
          let s = ((ty0 + j) * bw + tx0) * nb;
          let r0 = 0;
          let r1 = 0;
          let r2 = 0;
          for (let i = 0; i < nx; i++, s += nb) {
            const w = wx[i]!;
            r0 += w * src[s + b0]!;
            r1 += w * src[s + b1]!;
            r2 += w * src[s + b2]!;
          }
          a0 += wj * r0;
          a1 += wj * r1;
          a2 += wj * r2;
        }
        wsum = sumX * sumY;
      }
      if (wsum < 1e-5) continue;
      out[q] = a0 / wsum;
      if (nOut > 1) out[q + 1] = a1 / wsum;
      if (nOut > 2) out[q + 2] = a2 / wsum;
      valid[o] = 1;
      count++;
    }
  }
  return count;
}

/** Tap weight arrays by tap count, along x and y. */
const WEIGHTS_X: Float64Array[] = [];
const WEIGHTS_Y: Float64Array[] = [];

/** A fraction past a centre from which the pixel under a position is the next one (GDAL's 1e-10 slack). */
const CENTRE = 0.5 - 1e-10;

/** 8-bit 4-band samples viewed as one 32-bit word a pixel (little-endian platforms), else null. */
function rgbaWords(src: PixelArray, nb: number): Uint32Array | null {
  if (!HOST_LITTLE_ENDIAN || nb !== 4 || !(src instanceof Uint8Array) || src.byteOffset % 4 !== 0)
    return null;
  return new Uint32Array(src.buffer, src.byteOffset, src.length / 4);
}

/** Four taps of one band along a row: samples at s, s + nb, s + 2nb, s + 3nb weighted by w0…w3. */
function row4(
  src: PixelArray,
  s: number,
  nb: number,
  w0: number,
  w1: number,
  w2: number,
  w3: number,
): number {
  return w0 * src[s]! + w1 * src[s + nb]! + w2 * src[s + 2 * nb]! + w3 * src[s + 3 * nb]!;
}

/** True when the nx × ny taps from (tx0, ty0), all inside the block, are valid in `mask`. */
function allTapsValid(
  mask: Uint8Array,
  bw: number,
  tx0: number,
  ty0: number,
  nx: number,
  ny: number,
): boolean {
  for (let j = 0; j < ny; j++) {
    const p = (ty0 + j) * bw + tx0;
    for (let i = 0; i < nx; i++) if (mask[p + i] === 0) return false;
  }
  return true;
}

/**
 * GDAL's tap-by-tap sum for one pixel whose taps leave the block or meet masked pixels: those taps
 * are skipped and the kept weights renormalise. Writes every band of the pixel at `out[q…]`; false
 * when the kept weights sum to (almost) nothing.
 */
function clippedPixel(
  input: ResampleInput,
  tx0: number,
  ty0: number,
  wx: Float64Array,
  wy: Float64Array,
  out: Float32Array,
  q: number,
): boolean {
  const { width: bw, height: bh, bands: nb, data: src, mask } = input.block;
  const { bands } = input;
  const i0 = tx0 < 0 ? -tx0 : 0;
  const i1 = tx0 + wx.length > bw ? bw - tx0 : wx.length;
  const j0 = ty0 < 0 ? -ty0 : 0;
  const j1 = ty0 + wy.length > bh ? bh - ty0 : wy.length;
  let wsum = 0;
  for (let j = j0; j < j1; j++) {
    for (let i = i0; i < i1; i++) {
      const p = (ty0 + j) * bw + tx0 + i;
      if (mask === null || mask[p] !== 0) wsum += wy[j]! * wx[i]!;
    }
  }
  if (wsum < 1e-5) return false;
  for (let b = 0; b < bands.length; b++) {
    const band = bands[b]!;
    let sum = 0;
    for (let j = j0; j < j1; j++) {
      for (let i = i0; i < i1; i++) {
        const p = (ty0 + j) * bw + tx0 + i;
        if (mask === null || mask[p] !== 0) sum += wy[j]! * wx[i]! * src[p * nb + band]!;
      }
    }
    out[q + b] = sum / wsum;
  }
  return true;
}

/** Nearest: the pixel under each destination centre, when valid (for classes). */
function nearestRegion(
  input: ResampleInput,
  region: DestRegion,
  out: Float32Array,
  valid: Uint8Array,
): number {
  const { block, offsetX, offsetY, mapping, bands } = input;
  const { width: bw, height: bh, bands: nb, data: src, mask } = block;
  const nOut = bands.length;
  let count = 0;
  for (let row = region.y; row < region.y + region.height; row++) {
    for (let col = region.x; col < region.x + region.width; col++) {
      const o = row * mapping.width + col;
      const ix = Math.floor(mapping.x[o]! - offsetX + 1e-10);
      const iy = Math.floor(mapping.y[o]! - offsetY + 1e-10);
      if (ix < 0 || iy < 0 || ix >= bw || iy >= bh) continue;
      if (mask !== null && mask[iy * bw + ix] === 0) continue;
      const s0 = (iy * bw + ix) * nb;
      for (let b = 0; b < nOut; b++) out[o * nOut + b] = src[s0 + bands[b]!]!;
      valid[o] = 1;
      count++;
    }
  }
  return count;
}
