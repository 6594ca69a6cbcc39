/** allValid and alphaMask against their definitions: every byte 255; alpha 0 invalid, any other valid. */
import { describe, expect, it } from 'vitest';
import { allValid, alphaAllValid, alphaMask } from './pixel.mask.ts';

describe('allValid', () => {
  it('finds one invalid pixel wherever it is, aligned or not', () => {
    for (const offset of [0, 1, 2, 3]) {
      for (const length of [0, 1, 5, 8, 13]) {
        const mask = new Uint8Array(offset + length).fill(255).subarray(offset);
        expect(allValid(mask)).toBe(true);
        for (let i = 0; i < length; i++) {
          mask[i] = 0;
          expect(allValid(mask), `offset ${offset} length ${length} at ${i}`).toBe(false);
          mask[i] = 255;
        }
      }
    }
  });
});

describe('alphaMask', () => {
  it('reads the alpha band of each pixel', () => {
    const rgba = Uint8Array.from([1, 2, 3, 0, 4, 5, 6, 1, 7, 8, 9, 255]);
    expect(Array.from(alphaMask(rgba, 4, 3))).toEqual([0, 255, 255]);
  });

  it('gives the same mask four bytes at a time, byte by byte off alignment, and for alpha first', () => {
    const alphas = [0, 1, 128, 255, 0, 17];
    const pixels = alphas.flatMap((a, i) => [i, 200, 0, a]);
    const aligned = Uint8Array.from(pixels);
    const shifted = Uint8Array.from([9, ...pixels]).subarray(1);
    const want = alphas.map((a) => (a === 0 ? 0 : 255));
    expect(Array.from(alphaMask(aligned, 4, 3))).toEqual(want);
    expect(Array.from(alphaMask(shifted, 4, 3))).toEqual(want);
    const alphaFirst = Uint8Array.from(alphas.flatMap((a, i) => [a, i, 200, 0]));
    expect(Array.from(alphaMask(alphaFirst, 4, 0))).toEqual(want);
  });
});

describe('alphaAllValid', () => {
  it('tells whether any alpha is 0, only for 8-bit RGBA with alpha last', () => {
    const rgba = Uint8Array.from([1, 2, 3, 9, 4, 5, 6, 1, 7, 8, 9, 255]);
    expect(alphaAllValid(rgba, 4, 3)).toBe(true);
    rgba[7] = 0;
    expect(alphaAllValid(rgba, 4, 3)).toBe(false);
    expect(alphaAllValid(rgba, 4, 0)).toBeNull();
    expect(alphaAllValid(Uint16Array.from([1, 2, 3, 4]), 4, 3)).toBeNull();
  });
});
