/**
 * Decompresses one stored tile or strip into a fresh buffer of exactly the expected size.
 * Deflate goes through node:zlib (native); LZW and PackBits are decoded here.
 * Reference: TIFF 6.0 §13 (LZW), Adobe TIFF Technical Note 2 (Deflate, codes 8 and 32946).
 */
import { inflateSync } from 'node:zlib';
import { Compression } from './compression.ts';
import { lzwDecode } from './lzw.ts';
import { packBitsDecode } from './packbits.ts';

function inflate(input: Uint8Array, expected: number): Uint8Array {
  // One output chunk a little larger than the block (a full chunk makes zlib allocate the next one):
  // zlib's default 16 KiB chunks, concatenated, take ~1.6× the time.
  const out = inflateSync(input, {
    chunkSize: expected + 64,
    maxOutputLength: Math.max(expected, 1),
  });
  if (out.length < expected) throw new Error(`Deflate data ends after ${out.length} of ${expected} bytes`);
  return out.length === expected ? out : out.subarray(0, expected);
}

/**
 * `expected` decoded bytes of `input`. The result never shares memory with `input`, so callers may
 * modify it in place (byte swapping, predictors).
 */
export function decompress(compression: number, input: Uint8Array, expected: number): Uint8Array {
  switch (compression) {
    case Compression.None:
      if (input.length < expected)
        throw new Error(`uncompressed data has ${input.length} of ${expected} bytes`);
      return input.slice(0, expected);
    case Compression.Lzw:
      return lzwDecode(input, expected);
    case Compression.Deflate:
    case Compression.AdobeDeflate:
      return inflate(input, expected);
    case Compression.PackBits:
      return packBitsDecode(input, expected);
    default:
      throw new Error(`compression ${compression} has no decoder`);
  }
}
