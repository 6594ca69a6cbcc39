import { describe, expect, it } from 'vitest';
import { lzwDecode } from './lzw.ts';

/** Packs codes MSB-first at the given widths (the bit layout of TIFF 6.0 §13). */
function pack(codes: ReadonlyArray<readonly [number, number]>): Uint8Array {
  const bits = codes.map(([code, width]) => code.toString(2).padStart(width, '0')).join('');
  const bytes = new Uint8Array(Math.ceil(bits.length / 8));
  for (let i = 0; i < bits.length; i++)
    if (bits[i] === '1') bytes[i >> 3] = (bytes[i >> 3] ?? 0) | (0x80 >> (i & 7));
  return bytes;
}

describe('lzwDecode', () => {
  it('decodes "ABABABA" including the KwKwK case (hand-encoded)', () => {
    // Clear, A, B, 258 = "AB", 260 = "ABA" (the code being defined), EOI — all 9 bits.
    const input = pack([
      [256, 9],
      [65, 9],
      [66, 9],
      [258, 9],
      [260, 9],
      [257, 9],
    ]);
    expect(Buffer.from(lzwDecode(input, 7)).toString('latin1')).toBe('ABABABA');
  });

  it('switches to 10-bit codes one code early (after code 510 is defined)', () => {
    // 254 literal pairs define codes 258..510; the next code then needs 10 bits.
    const codes: Array<[number, number]> = [[256, 9]];
    for (let i = 0; i < 253; i++) codes.push([i % 256, 9]);
    codes.push([7, 9]); // defines 510: (252, 7) → next free code 511 → width 10
    codes.push([65, 10], [257, 10]);
    const out = lzwDecode(pack(codes), 255);
    expect(Array.from(out.subarray(250))).toEqual([250, 251, 252, 7, 65]);
  });

  it('stops at the expected size and refuses data that ends early or a bad code', () => {
    const input = pack([
      [256, 9],
      [65, 9],
      [66, 9],
      [257, 9],
    ]);
    expect(Array.from(lzwDecode(input, 1))).toEqual([65]);
    expect(() => lzwDecode(input, 3)).toThrow('LZW data ends after 2 of 3 bytes');
    expect(() =>
      lzwDecode(
        pack([
          [256, 9],
          [65, 9],
          [300, 9],
        ]),
        3,
      ),
    ).toThrow('invalid LZW code 300');
  });
});
