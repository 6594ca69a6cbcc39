/**
 * Allocation of pixel buffers of a raster's sample format, zero-filled.
 */
import type { PixelArray, SampleFormat } from '../raster/types.ts';

export function allocPixels(format: SampleFormat, length: number): PixelArray {
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

export function sampleFormatOf(data: PixelArray): SampleFormat {
  if (data instanceof Uint8Array) return 'uint8';
  if (data instanceof Uint16Array) return 'uint16';
  if (data instanceof Int16Array) return 'int16';
  return 'float32';
}
