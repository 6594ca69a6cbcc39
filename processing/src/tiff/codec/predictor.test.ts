import { describe, expect, it } from 'vitest';
import { swapBytes } from './byte.order.ts';
import { undoFloatingPointPredictor, undoHorizontalDifferencing } from './predictor.ts';

describe('undoHorizontalDifferencing', () => {
  it('accumulates each sample of a pixel separately, row by row, wrapping like uint8', () => {
    // Two RGB pixels per row: (10, 20, 30), (10+5, 20-1, 30+250 mod 256).
    const data = Uint8Array.from([10, 20, 30, 5, 255, 250, 1, 2, 3, 1, 1, 1]);
    undoHorizontalDifferencing(data, 6, 2, 3);
    expect(Array.from(data)).toEqual([10, 20, 30, 15, 19, 24, 1, 2, 3, 2, 3, 4]);
  });

  it('wraps 16-bit sums like uint16', () => {
    const data = Uint16Array.from([65535, 2, 3]);
    undoHorizontalDifferencing(data, 3, 1, 1);
    expect(Array.from(data)).toEqual([65535, 1, 4]);
  });
});

describe('undoFloatingPointPredictor', () => {
  it('rebuilds float32 samples from differenced big-endian byte planes (Adobe TN3, hand computed)', () => {
    // 1.5 = 3F C0 00 00, -2 = C0 00 00 00. Planes: [3F C0] [C0 00] [00 00] [00 00], then byte differences.
    const planes = [0x3f, 0xc0, 0xc0, 0x00, 0x00, 0x00, 0x00, 0x00];
    const differenced = planes.map((v, i) => (i === 0 ? v : (v - (planes[i - 1] ?? 0)) & 0xff));
    const bytes = Uint8Array.from(differenced);
    undoFloatingPointPredictor(bytes, 2, 1, 1, 4);
    expect(Array.from(new Float32Array(bytes.buffer))).toEqual([1.5, -2]);
  });
});

describe('swapBytes', () => {
  it('reverses 16- and 32-bit samples', () => {
    const two = Uint8Array.from([1, 2, 3, 4]);
    swapBytes(two, 2);
    expect(Array.from(two)).toEqual([2, 1, 4, 3]);
    const four = Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8]);
    swapBytes(four, 4);
    expect(Array.from(four)).toEqual([4, 3, 2, 1, 8, 7, 6, 5]);
  });
});

describe('undoHorizontalDifferencing on RGBA rows', () => {
  it('matches the sample-by-sample definition (TIFF 6.0 §14) on random rows', () => {
    const rowSamples = 4 * 37;
    const diffs = Uint8Array.from({ length: rowSamples * 3 }, (_, i) => (i * 2654435761) >>> 24);
    const expected = Array.from(diffs);
    for (let row = 0; row < 3; row++) {
      for (let i = 4; i < rowSamples; i++) {
        const at = row * rowSamples + i;
        expected[at] = ((expected[at] ?? 0) + (expected[at - 4] ?? 0)) % 256;
      }
    }
    undoHorizontalDifferencing(diffs, rowSamples, 3, 4);
    expect(Array.from(diffs)).toEqual(expected);
    // The same rows at an odd byte offset (byte by byte, where the aligned path reads 32-bit words).
    const unaligned = new Uint8Array(rowSamples * 3 + 1).subarray(1);
    unaligned.set(Uint8Array.from({ length: rowSamples * 3 }, (_, i) => (i * 2654435761) >>> 24));
    undoHorizontalDifferencing(unaligned, rowSamples, 3, 4);
    expect(Array.from(unaligned)).toEqual(expected);
  });
});
