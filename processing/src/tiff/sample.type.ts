/**
 * TIFF SampleFormat + BitsPerSample → Belcheer's sample formats (uint8, uint16, int16, float32), the
 * typed array of each, and a name for the combinations that are refused.
 * Reference: TIFF 6.0 §19 (SampleFormat 1 uint, 2 int, 3 IEEE float, 4 void, 5/6 complex), SPEC §2.1.
 */
import type { PixelArray, SampleFormat } from '../raster/types.ts';

const FORMATS = new Map<string, SampleFormat>([
  ['1/8', 'uint8'],
  ['1/16', 'uint16'],
  ['2/16', 'int16'],
  ['3/32', 'float32'],
]);

/** The sample format of a TIFF (SampleFormat, BitsPerSample) pair, or null when unsupported. */
export function sampleFormatOf(tiffFormat: number, bits: number): SampleFormat | null {
  return FORMATS.get(`${tiffFormat}/${bits}`) ?? null;
}

/** "float64", "int8", "complex int16", "1-bit"… for messages. */
export function sampleTypeName(tiffFormat: number, bits: number): string {
  if (bits === 1) return '1-bit';
  const kinds: Record<number, string> = {
    1: 'uint',
    2: 'int',
    3: 'float',
    5: 'complex int',
    6: 'complex float',
  };
  const kind = kinds[tiffFormat];
  return kind ? `${kind}${bits}` : `SampleFormat ${tiffFormat} with ${bits} bits`;
}

/** A zeroed array of `length` samples. */
export function allocSamples(format: SampleFormat, length: number): PixelArray {
  switch (format) {
    case 'uint8':
      return new Uint8Array(length);
    case 'uint16':
      return new Uint16Array(length);
    case 'int16':
      return new Int16Array(length);
    case 'float32':
      return new Float32Array(length);
  }
}

/** A typed view of `bytes` (host byte order), which must be aligned to the sample size. */
export function viewSamples(format: SampleFormat, bytes: Uint8Array): PixelArray {
  const { buffer, byteOffset, byteLength } = bytes;
  switch (format) {
    case 'uint8':
      return bytes;
    case 'uint16':
      return new Uint16Array(buffer, byteOffset, byteLength / 2);
    case 'int16':
      return new Int16Array(buffer, byteOffset, byteLength / 2);
    case 'float32':
      return new Float32Array(buffer, byteOffset, byteLength / 4);
  }
}
