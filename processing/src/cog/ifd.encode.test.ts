import { describe, expect, it } from 'vitest';
import { ifdByteLength, writeIfd } from './ifd.encode.ts';
import { FieldType } from '../tiff/tiff.tags.ts';

const entries = [
  { tag: 33550, type: FieldType.Double, values: [0.05, 0.05, 0] },
  { tag: 256, type: FieldType.Short, values: [512] },
  { tag: 42113, type: FieldType.Ascii, values: '0' },
];

describe('writeIfd', () => {
  it('writes a classic IFD: sorted 12-byte entries, small values inline, others after the IFD', () => {
    const length = ifdByteLength(entries, false);
    expect(length).toBe(2 + 3 * 12 + 4 + 24);
    const bytes = new Uint8Array(100 + length);
    const view = new DataView(bytes.buffer);
    expect(writeIfd(view, 100, entries, 4242, false)).toBe(length);
    expect(view.getUint16(100, true)).toBe(3);
    const tags = [0, 1, 2].map((i) => view.getUint16(102 + i * 12, true));
    expect(tags).toEqual([256, 33550, 42113]);
    expect(view.getUint16(102 + 8, true)).toBe(512); // inline SHORT
    expect(view.getUint32(114 + 4, true)).toBe(3); // DOUBLE count
    const doubles = view.getUint32(114 + 8, true);
    expect(doubles).toBe(100 + 42);
    expect(view.getFloat64(doubles, true)).toBe(0.05);
    expect(view.getUint32(126 + 4, true)).toBe(2); // "0" + NUL
    expect(Array.from(bytes.subarray(126 + 8, 126 + 10))).toEqual([0x30, 0]);
    expect(view.getUint32(138, true)).toBe(4242); // next IFD
  });

  it('writes a BigTIFF IFD: 8-byte count, 20-byte entries, values up to 8 bytes inline', () => {
    const big = [{ tag: 324, type: FieldType.Long8, values: [2 ** 33 + 5] }];
    expect(ifdByteLength(big, true)).toBe(8 + 20 + 8);
    const view = new DataView(new ArrayBuffer(36));
    writeIfd(view, 0, big, 0, true);
    expect(view.getBigUint64(0, true)).toBe(1n);
    expect(view.getUint16(10, true)).toBe(16);
    expect(view.getBigUint64(20, true)).toBe(2n ** 33n + 5n);
  });
});
