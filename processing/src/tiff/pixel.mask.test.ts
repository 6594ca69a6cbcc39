/** allValid and alphaMask against their definitions: every byte 255; alpha 0 invalid, any other valid. */
import { describe, expect, it } from 'vitest';
import { allValid, alphaMask } from './pixel.mask.ts';

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
});
