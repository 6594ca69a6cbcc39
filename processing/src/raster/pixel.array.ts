/**
 * The typed array of each sample format: its size in bytes, zero-filled allocation, a typed view of
 * raw bytes, and the format of an array. The one place that maps SampleFormat to a typed array.
 */
import type { PixelArray, SampleFormat } from './types.ts';

export const BYTES_PER_SAMPLE: Readonly<Record<SampleFormat, number>> = {
  uint8: 1,
  uint16: 2,
  int16: 2,
  float32: 4,
};

/** True when this machine stores a Uint32's bytes lowest first (an RGBA pixel's alpha is then its top byte). */
export const HOST_LITTLE_ENDIAN = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;

/** A view of `length` samples of `format` at the start of `buffer`; null when it is too small. */
export function pixelsIn(buffer: ArrayBuffer, format: SampleFormat, length: number): PixelArray | null {
  const bytes = length * BYTES_PER_SAMPLE[format];
  return buffer.byteLength >= bytes ? viewPixels(format, new Uint8Array(buffer, 0, bytes)) : null;
}

/** A zeroed array of `length` samples. */
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

/** A typed view of `bytes` (host byte order), which must be aligned to the sample size. */
export function viewPixels(format: SampleFormat, bytes: Uint8Array): PixelArray {
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

/** The sample format of a pixel array. */
export function pixelFormatOf(data: PixelArray): SampleFormat {
  if (data instanceof Uint8Array) return 'uint8';
  if (data instanceof Uint16Array) return 'uint16';
  if (data instanceof Int16Array) return 'int16';
  return 'float32';
}
