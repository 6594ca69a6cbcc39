/**
 * Byte order of the host and in-place byte swapping of 16- and 32-bit samples, for files written in
 * the other byte order. Reference: TIFF 6.0 §2 (byte order "II"/"MM").
 */

export const HOST_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Reverses the byte order of every `sampleBytes`-byte sample of `bytes`, in place. */
export function swapBytes(bytes: Uint8Array, sampleBytes: number): void {
  if (sampleBytes === 2) {
    for (let i = 0; i + 1 < bytes.length; i += 2) {
      const a = bytes[i] ?? 0;
      bytes[i] = bytes[i + 1] ?? 0;
      bytes[i + 1] = a;
    }
  } else if (sampleBytes === 4) {
    for (let i = 0; i + 3 < bytes.length; i += 4) {
      const a = bytes[i] ?? 0;
      const b = bytes[i + 1] ?? 0;
      bytes[i] = bytes[i + 3] ?? 0;
      bytes[i + 1] = bytes[i + 2] ?? 0;
      bytes[i + 2] = b;
      bytes[i + 3] = a;
    }
  }
}
