/**
 * PackBits run-length decoder: a header byte n, then n+1 literal bytes (0 ≤ n ≤ 127) or one byte
 * repeated 1−n times (−127 ≤ n ≤ −1); −128 is skipped.
 * Reference: TIFF 6.0 §9 "PackBits Compression".
 */

/** Decodes `input` into exactly `expected` bytes; throws when the data ends early. */
export function packBitsDecode(input: Uint8Array, expected: number): Uint8Array {
  const out = new Uint8Array(expected);
  let pos = 0;
  let at = 0;
  while (pos < expected && at < input.length) {
    const header = ((input[at++] ?? 0) << 24) >> 24;
    if (header >= 0) {
      const end = Math.min(at + header + 1, input.length);
      const run = input.subarray(at, Math.min(end, at + expected - pos));
      out.set(run, pos);
      pos += run.length;
      at = end;
    } else if (header !== -128) {
      const end = Math.min(pos + 1 - header, expected);
      out.fill(input[at++] ?? 0, pos, end);
      pos = end;
    }
  }
  if (pos < expected) throw new Error(`PackBits data ends after ${pos} of ${expected} bytes`);
  return out;
}
