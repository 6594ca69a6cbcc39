/**
 * TIFF LZW decoder: MSB-first codes of 9–12 bits with the "early change" width switch, ClearCode 256
 * and EndOfInformation 257. Each dictionary entry is kept as (offset, length) into the output already
 * written — an entry is always the previous string plus the first byte written after it, which sit
 * side by side in the output — so decoding is copying, with no string table.
 * Reference: TIFF 6.0 §13 "LZW Compression"; libtiff tif_lzw.c (new-style codes only).
 */

const CLEAR = 256;
const EOI = 257;
const FIRST_FREE = 258;
const MAX_CODES = 4096;

/** Decodes `input` into exactly `expected` bytes; throws when the data ends early or holds a bad code. */
export function lzwDecode(input: Uint8Array, expected: number): Uint8Array {
  const out = new Uint8Array(expected);
  const entryOffset = new Int32Array(MAX_CODES);
  const entryLength = new Int32Array(MAX_CODES);
  const totalBits = input.length * 8;
  let bitPos = 0;
  let width = 9;
  let next = FIRST_FREE;
  let prevOffset = -1;
  let prevLength = 0;
  let pos = 0;

  while (pos < expected && bitPos + width <= totalBits) {
    const byte = bitPos >>> 3;
    const window = ((input[byte] ?? 0) << 16) | ((input[byte + 1] ?? 0) << 8) | (input[byte + 2] ?? 0);
    const code = (window >>> (24 - (bitPos & 7) - width)) & ((1 << width) - 1);
    bitPos += width;
    if (code === EOI) break;
    if (code === CLEAR) {
      width = 9;
      next = FIRST_FREE;
      prevOffset = -1;
      continue;
    }
    let srcOffset: number;
    let length: number;
    if (code < CLEAR) {
      out[pos] = code;
      srcOffset = pos;
      length = 1;
    } else if (code < next && prevOffset >= 0) {
      srcOffset = entryOffset[code] ?? 0;
      length = entryLength[code] ?? 0;
    } else if (code === next && prevOffset >= 0) {
      // KwKwK: the previous string plus its own first byte.
      srcOffset = prevOffset;
      length = prevLength + 1;
    } else {
      throw new Error(`invalid LZW code ${code} at bit ${bitPos - width} (next free code ${next})`);
    }
    const end = Math.min(pos + length, expected);
    if (code >= CLEAR) {
      // Forward byte copy: the source may overlap the destination in the KwKwK case.
      for (let i = pos, j = srcOffset; i < end; i++, j++) out[i] = out[j] ?? 0;
    }
    if (prevOffset >= 0 && next < MAX_CODES) {
      entryOffset[next] = prevOffset;
      entryLength[next] = prevLength + 1;
      next++;
      if (next === (1 << width) - 1 && width < 12) width++;
    }
    prevOffset = pos;
    prevLength = length;
    pos = end;
  }
  if (pos < expected) throw new Error(`LZW data ends after ${pos} of ${expected} bytes`);
  return out;
}
