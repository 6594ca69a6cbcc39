/**
 * A PNG encoder for tiles: 8-bit RGB or RGBA, every row filtered with Up (the byte above subtracted),
 * compressed by zlib at level 1 with the run-length strategy (matches at distance one: the runs of
 * transparent or flat pixels), on libuv's thread pool. Against sharp's PNG at level 1 without
 * filtering on a noisy 256² ortho tile: ~1.5 ms instead of ~2.5 ms, a third smaller (bench/tiles.ts).
 * Reference: PNG (ISO/IEC 15948, W3C REC-png) §5 chunks, §9 filter type 2 (Up), §10 zlib stream.
 */
import { promisify } from 'node:util';
import { constants, crc32, deflate } from 'node:zlib';

const deflateAsync = promisify(deflate);

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** PNG colour types (§11.2.2): truecolour, truecolour with alpha. */
const COLOUR_TYPE = { 3: 2, 4: 6 } as const;
const FILTER_UP = 2;

/** One chunk: length, type, data, CRC-32 of type and data. */
function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  out.set(data, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** The filtered scanlines: each row a filter-type byte, then the row minus the row above (mod 256). */
export function filterUp(pixels: Uint8Array, width: number, height: number, channels: 3 | 4): Buffer {
  const stride = width * channels;
  const diff = upDifferences(pixels, stride);
  const out = Buffer.allocUnsafe((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    out[y * (stride + 1)] = FILTER_UP;
    out.set(diff.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
  }
  return out;
}

/** The differences' work array, reused from image to image on this thread (filterUp is synchronous). */
let work = new Uint8Array(0);

function differences(length: number): Uint8Array {
  if (work.length < length) work = new Uint8Array(length);
  return work.subarray(0, length);
}

const HIGH = 0x80808080;
const LOW = 0x7f7f7f7f;

/**
 * Every byte minus the byte `stride` before it (mod 256; the first row as it is). Four bytes at a time
 * when the rows are whole 32-bit words (SWAR subtraction: the high bits apart, so no borrow crosses a
 * byte — Hacker's Delight §2-18), else byte by byte.
 */
function upDifferences(pixels: Uint8Array, stride: number): Uint8Array {
  const diff = differences(pixels.length);
  diff.set(pixels.subarray(0, stride));
  if (stride % 4 === 0 && pixels.byteOffset % 4 === 0) {
    const a = new Uint32Array(pixels.buffer, pixels.byteOffset, pixels.length >> 2);
    const d = new Uint32Array(diff.buffer, 0, diff.length >> 2);
    for (let i = stride >> 2, k = 0; i < a.length; i++, k++) {
      const x = a[i]!;
      const y = a[k]!;
      d[i] = ((x | HIGH) - (y & LOW)) ^ ((x ^ ~y) & HIGH);
    }
    return diff;
  }
  for (let i = stride; i < pixels.length; i++) diff[i] = (pixels[i]! - pixels[i - stride]!) & 255;
  return diff;
}

/**
 * The PNG of `pixels`. They are read before this returns (filtered into a new buffer), so the caller
 * may reuse them as soon as the promise exists.
 */
export function encodePng(
  pixels: Uint8Array,
  width: number,
  height: number,
  channels: 3 | 4,
): Promise<Buffer> {
  if (pixels.length !== width * height * channels)
    return Promise.reject(
      new RangeError(`${pixels.length} bytes are not ${width}×${height} pixels of ${channels} bytes`),
    );
  return compress(filterUp(pixels, width, height, channels), width, height, channels);
}

async function compress(scanlines: Buffer, width: number, height: number, channels: 3 | 4): Promise<Buffer> {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = COLOUR_TYPE[channels];
  // compression 0 (deflate), filter method 0 (adaptive, five types), interlace 0: bytes 10–12 stay 0.
  // One output chunk for the whole stream: the default 16 KiB chunks cost a thread-pool round trip each.
  const data = await deflateAsync(scanlines, {
    level: 1,
    strategy: constants.Z_RLE,
    chunkSize: Math.max(16 * 1024, scanlines.length + 1024),
  });
  return Buffer.concat([
    SIGNATURE,
    chunk('IHDR', header),
    chunk('IDAT', data),
    chunk('IEND', new Uint8Array(0)),
  ]);
}
