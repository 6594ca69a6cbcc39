/**
 * Decodes one stored tile or strip: decompression, byte order, predictor, and for masks 1-bit → 0/255.
 * The result is the block's samples in host byte order, `blockWidth` pixels per row (edge tiles keep
 * their padding), one sample per pixel for a planar-separate band.
 * Reference: TIFF 6.0 §8 (FillOrder 1: most significant bit first), §14 (predictor), §15 (tiles).
 */
import { BelcheerError } from '../errors.ts';
import type { PixelArray } from '../raster/types.ts';
import { HOST_LITTLE_ENDIAN, swapBytes } from './codec/byte.order.ts';
import { decompress } from './codec/decompress.ts';
import { undoFloatingPointPredictor, undoHorizontalDifferencing } from './codec/predictor.ts';
import { viewPixels } from '../raster/pixel.array.ts';
import { malformedTiff } from './tiff.errors.ts';
import { blockName, type TiffImage } from './tiff.image.ts';

/** Rows of block `block`: the last strip may be shorter, tiles never are. */
export function blockRows(image: TiffImage, block: number): number {
  if (image.tiled) return image.blockHeight;
  const strip = block % image.blocksDown;
  return Math.min(image.blockHeight, image.height - strip * image.blockHeight);
}

/** Samples per pixel inside one stored block. */
export function blockSamples(image: TiffImage): number {
  return image.planarSeparate ? 1 : image.samplesPerPixel;
}

/** 1-bit rows padded to whole bytes → one byte per pixel, 0 or 255. */
function unpackBits(packed: Uint8Array, width: number, rows: number): Uint8Array {
  const out = new Uint8Array(width * rows);
  const rowBytes = Math.ceil(width / 8);
  for (let row = 0; row < rows; row++) {
    for (let col = 0; col < width; col++) {
      const byte = packed[row * rowBytes + (col >> 3)] ?? 0;
      out[row * width + col] = (byte >> (7 - (col & 7))) & 1 ? 255 : 0;
    }
  }
  return out;
}

function decodeSamples(image: TiffImage, bytes: Uint8Array, rows: number, littleEndian: boolean): PixelArray {
  const sampleBytes = image.bitsPerSample / 8;
  const stride = blockSamples(image);
  const rowSamples = image.blockWidth * stride;
  // Typed views need aligned memory; zlib may hand back an unaligned slice of a pooled buffer.
  const own = bytes.byteOffset % 4 === 0 ? bytes : bytes.slice();
  if (image.predictor === 3) {
    undoFloatingPointPredictor(own, rowSamples, rows, stride, sampleBytes);
  } else {
    if (sampleBytes > 1 && littleEndian !== HOST_LITTLE_ENDIAN) swapBytes(own, sampleBytes);
    if (image.predictor === 2) {
      const { buffer, byteOffset, byteLength } = own;
      const unsigned =
        sampleBytes === 1
          ? own
          : sampleBytes === 2
            ? new Uint16Array(buffer, byteOffset, byteLength / 2)
            : new Uint32Array(buffer, byteOffset, byteLength / 4);
      undoHorizontalDifferencing(unsigned, rowSamples, rows, stride);
    }
  }
  return viewPixels(image.sampleFormat, own);
}

/** Decodes stored block `block` of `image` (the bytes at offsets[block]). */
export function decodeBlock(
  image: TiffImage,
  block: number,
  stored: Uint8Array,
  littleEndian: boolean,
): PixelArray {
  const rows = blockRows(image, block);
  const samples = blockSamples(image);
  const expected = Math.ceil((image.blockWidth * samples * image.bitsPerSample) / 8) * rows;
  try {
    const bytes = decompress(image.compression, stored, expected);
    if (image.bitsPerSample === 1) return unpackBits(bytes, image.blockWidth, rows);
    if (image.mask) return bytes.map((v) => (v === 0 ? 0 : 255));
    return decodeSamples(image, bytes, rows, littleEndian);
  } catch (error) {
    if (error instanceof BelcheerError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw malformedTiff(`${blockName(image, block)} cannot be decoded: ${reason}`);
  }
}
