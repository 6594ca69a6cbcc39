import { describe, expect, it } from 'vitest';
import { packBitsDecode } from './packbits.ts';

describe('packBitsDecode', () => {
  it('decodes the example of TIFF 6.0 §9 (Apple Technical Note TN1023)', () => {
    const packed = Uint8Array.from([
      0xfe, 0xaa, 0x02, 0x80, 0x00, 0x2a, 0xfd, 0xaa, 0x03, 0x80, 0x00, 0x2a, 0x22, 0xf7, 0xaa,
    ]);
    const unpacked = [
      0xaa,
      0xaa,
      0xaa,
      0x80,
      0x00,
      0x2a,
      0xaa,
      0xaa,
      0xaa,
      0xaa,
      0x80,
      0x00,
      0x2a,
      0x22,
      ...Array<number>(10).fill(0xaa),
    ];
    expect(Array.from(packBitsDecode(packed, unpacked.length))).toEqual(unpacked);
  });

  it('skips the -128 no-op and refuses data that ends early', () => {
    expect(Array.from(packBitsDecode(Uint8Array.from([0x80, 0x00, 0x05]), 1))).toEqual([5]);
    expect(() => packBitsDecode(Uint8Array.from([0x01, 0x05]), 2)).toThrow(
      'PackBits data ends after 1 of 2 bytes',
    );
  });
});
