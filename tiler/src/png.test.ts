/**
 * Our PNG encoder read back by independent decoders: sharp (libvips / libspng) gives back every byte,
 * for RGB and RGBA, odd sizes and values that wrap under the Up filter; the chunk layout and IHDR
 * checked by hand against the PNG spec; Python's zlib inflates the IDAT to the scanlines worked by hand.
 */
import { spawnSync } from 'node:child_process';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { encodePng, encodeRgbaPng } from './png.ts';

/** Pseudo-random bytes (a fixed LCG), with a flat band where rows repeat. */
function pixels(length: number): Uint8Array {
  const out = new Uint8Array(length);
  let v = 12345;
  for (let i = 0; i < length; i++) {
    v = (v * 1103515245 + 12345) >>> 0;
    out[i] = i % 97 < 40 ? 200 : v >>> 24;
  }
  return out;
}

describe('encodePng', () => {
  for (const channels of [3, 4] as const) {
    for (const [width, height] of [
      [256, 256],
      [7, 5],
      [1, 1],
    ] as const) {
      it(`round-trips ${width}×${height} ${channels === 3 ? 'RGB' : 'RGBA'} through sharp`, async () => {
        const raw = pixels(width * height * channels);
        const png = await encodePng(raw, width, height, channels);
        const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
        expect([info.width, info.height, info.channels]).toEqual([width, height, channels]);
        expect(Buffer.compare(data, Buffer.from(raw))).toBe(0);
      });
    }
  }

  it('writes the signature, IHDR, IDAT and IEND the spec lays out', async () => {
    // 2×2 RGB: rows [10 20 30 | 250 0 5] and [5 20 40 | 4 255 5]; Up gives row 2 − row 1 mod 256.
    const raw = Uint8Array.from([10, 20, 30, 250, 0, 5, 5, 20, 40, 4, 255, 5]);
    const png = await encodePng(raw, 2, 2, 3);
    expect(Array.from(png.subarray(0, 8))).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    // IHDR: length 13, "IHDR", width 2, height 2, depth 8, colour type 2, compression/filter/interlace 0.
    expect(Array.from(png.subarray(8, 33 - 4))).toEqual([
      0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 0, 2, 0, 0, 0, 2, 8, 2, 0, 0, 0,
    ]);
    const idatLength = png.readUInt32BE(33);
    expect(png.subarray(37, 41).toString('latin1')).toBe('IDAT');
    const idat = png.subarray(41, 41 + idatLength);
    expect(png.subarray(png.length - 12).toString('hex')).toBe('0000000049454e44ae426082');
    const inflated = spawnSync(
      '/usr/bin/python3',
      ['-c', 'import sys, zlib; sys.stdout.buffer.write(zlib.decompress(sys.stdin.buffer.read()))'],
      { input: idat },
    );
    expect(inflated.status).toBe(0);
    expect(Array.from(inflated.stdout)).toEqual([2, 10, 20, 30, 250, 0, 5, 2, 251, 0, 10, 10, 255, 0]);
  });

  it('codes the runs of flat rows and the bytes of noisy ones, the image whole either way', async () => {
    // Flat rows filter to zeros (runs); the LCG noise of pixels() to nearly none (its flat band is 40 in 97).
    const flat = new Uint8Array(64 * 64 * 4).fill(7);
    const noise = pixels(64 * 64 * 3).map((v, i) => (i % 97 < 40 ? (i * 31) & 255 : v));
    for (const [raw, channels] of [
      [flat, 4],
      [noise, 3],
    ] as const) {
      const png = await encodePng(raw, 64, 64, channels);
      expect(Buffer.compare(await sharp(png).raw().toBuffer(), Buffer.from(raw))).toBe(0);
    }
    // 16 KiB of pixels: the runs, then IHDR, IEND and the signature.
    expect((await encodePng(flat, 64, 64, 4)).length).toBeLessThan(200);
  });

  it('encodes an opaque RGBA tile as RGB, any other as RGBA, the pixels unchanged', async () => {
    const rgba = pixels(256 * 256 * 4);
    for (let i = 3; i < rgba.length; i += 4) rgba[i] = 255;
    const rgb = rgba.filter((_, i) => i % 4 !== 3);
    const opaque = await sharp(await encodeRgbaPng(rgba, 256, 256))
      .raw()
      .toBuffer({ resolveWithObject: true });
    expect(opaque.info.channels).toBe(3);
    expect(Buffer.compare(opaque.data, Buffer.from(rgb))).toBe(0);
    // Not 4-byte aligned: the word pass is skipped, the tile still comes back whole (as RGBA).
    const shifted = Uint8Array.from([0, ...rgba]).subarray(1);
    const unaligned = await sharp(await encodeRgbaPng(shifted, 256, 256))
      .raw()
      .toBuffer();
    expect(Buffer.compare(unaligned, Buffer.from(rgba))).toBe(0);
    rgba[4 * 1000 + 3] = 254;
    const translucent = await sharp(await encodeRgbaPng(rgba, 256, 256))
      .raw()
      .toBuffer({ resolveWithObject: true });
    expect(translucent.info.channels).toBe(4);
    expect(Buffer.compare(translucent.data, Buffer.from(rgba))).toBe(0);
  });

  it('refuses pixels that are not width × height × channels bytes', async () => {
    expect(() => encodePng(new Uint8Array(10), 2, 2, 3)).toThrow(/10 bytes are not 2×2 pixels of 3 bytes/);
  });
});
