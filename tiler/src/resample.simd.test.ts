/**
 * The WebAssembly SIMD bilinear kernel: RGBA windows resampled through it (with the JavaScript path finishing the pixels near the window's edge) match a
 * direct evaluation of GDAL's triangle filter — every block pixel weighted by (1 − |d|·s) along each
 * axis, renormalised by the kept weights — written here independently of both paths.
 */
import { describe, expect, it } from 'vitest';
import type { PixelBlock } from '@belcheer/processing';
import { resample } from './resample.ts';
import { simdApplies } from './resample.simd.ts';

/** Deterministic pseudo-random numbers in [0, 1). */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** GDAL's filter at (px, py), block pixel/line: null when the pixel under the centre is outside. */
function reference(block: PixelBlock, px: number, py: number, scale: number, band: number): number | null {
  const s = scale >= 0.95 ? 1 : scale;
  const ix = Math.floor(px + 1e-10);
  const iy = Math.floor(py + 1e-10);
  if (ix < 0 || iy < 0 || ix >= block.width || iy >= block.height) return null;
  let sum = 0;
  let wsum = 0;
  for (let j = 0; j < block.height; j++) {
    const wy = Math.max(0, 1 - Math.abs(j + 0.5 - py) * s);
    if (wy === 0) continue;
    for (let i = 0; i < block.width; i++) {
      const w = wy * Math.max(0, 1 - Math.abs(i + 0.5 - px) * s);
      sum += w * block.data[(j * block.width + i) * block.bands + band]!;
      wsum += w;
    }
  }
  return sum / wsum;
}

describe('SIMD resampling', () => {
  it.each([
    { scale: 1, bands: [0, 1, 2] },
    { scale: 0.97, bands: [2, 1, 0] },
    { scale: 0.7, bands: [1] },
    { scale: 0.5, bands: [3, 0] },
    { scale: 0.51, bands: [0, 2, 3] },
  ])('matches the triangle filter at scale $scale, bands $bands', ({ scale, bands }) => {
    const next = random(scale * 1000 + bands.length);
    const w = 23;
    const h = 19;
    const data = new Uint8Array(w * h * 4);
    for (let i = 0; i < data.length; i++) data[i] = Math.floor(next() * 256);
    const block: PixelBlock = { width: w, height: h, bands: 4, data, mask: null };
    expect(simdApplies(block, bands.length, scale >= 0.95 ? 2 : 4, scale >= 0.95 ? 2 : 4)).toBe(true);
    // 20 × 20 positions over the block and a pixel beyond it: edges, corners and outside included.
    const n = 20;
    const x = new Float64Array(n * n);
    const y = new Float64Array(n * n);
    for (let i = 0; i < n * n; i++) {
      x[i] = -1 + next() * (w + 2);
      y[i] = -1 + next() * (h + 2);
    }
    x[0] = 11.5; // exactly on a centre: the pixel itself at scale ≥ 0.95
    y[0] = 7.5;
    const r = resample({
      block,
      offsetX: 0,
      offsetY: 0,
      mapping: { width: n, height: n, x, y },
      bands,
      method: 'bilinear',
      scaleX: scale,
      scaleY: scale,
    });
    let valid = 0;
    for (let i = 0; i < n * n; i++) {
      const expected = bands.map((b) => reference(block, x[i]!, y[i]!, scale, b));
      if (expected[0] === null) {
        expect(r.valid[i]).toBe(0);
        continue;
      }
      valid++;
      expect(r.valid[i]).toBe(1);
      for (let b = 0; b < bands.length; b++) {
        expect(Math.abs(r.data[i * bands.length + b]! - expected[b]!)).toBeLessThan(0.03);
      }
    }
    expect(r.count).toBe(valid);
    expect(valid).toBeGreaterThan(300);
    if (scale >= 0.95) expect(r.data[0]).toBe(data[(7 * w + 11) * 4 + bands[0]!]);
  });
});
