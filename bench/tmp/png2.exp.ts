import { readFileSync } from 'node:fs';
import { deflateSync, constants, crc32 } from 'node:zlib';
import sharp from 'sharp';
import { memorySource } from '../../processing/src/tiff/testing/memory.source.ts';
import { renderRgba, rgbProduct, tilesCovering, Tiler, zoomForPixelSize } from '../../tiler/src/index.ts';
const bytes = new Uint8Array(readFileSync('/tmp/belcheer-bench-tiles/cog-8192.tif'));
const tiler = new Tiler();
const source = await tiler.source('b', () => Promise.resolve(memorySource(bytes)));
const z = zoomForPixelSize(source.mercatorResolution);
const r = tilesCovering(source.bounds, z);
const tile = { z, x: Math.floor((r.minX + r.maxX) / 2), y: Math.floor((r.minY + r.maxY) / 2) };
const { rgba } = await renderRgba(source, {
  tile,
  tileSize: 256,
  product: rgbProduct,
  params: {},
  defaultRange: [0, 255],
  bands: { names: source.info.bandNames, reflectance: null },
});
const rgb = new Uint8Array(256 * 256 * 3);
for (let i = 0, o = 0; i < rgba!.length; i += 4, o += 3) {
  rgb[o] = rgba![i]!;
  rgb[o + 1] = rgba![i + 1]!;
  rgb[o + 2] = rgba![i + 2]!;
}
const raw0 = Buffer.alloc(257 * 768);
const rawUp = Buffer.alloc(257 * 768);
const rawSub = Buffer.alloc(257 * 768);
for (let y = 0; y < 256; y++) {
  raw0[y * 769] = 0;
  rawUp[y * 769] = 2;
  rawSub[y * 769] = 1;
  for (let x = 0; x < 768; x++) {
    const v = rgb[y * 768 + x]!;
    raw0[y * 769 + 1 + x] = v;
    rawUp[y * 769 + 1 + x] = (v - (y ? rgb[(y - 1) * 768 + x]! : 0)) & 255;
    rawSub[y * 769 + 1 + x] = (v - (x >= 3 ? rgb[y * 768 + x - 3]! : 0)) & 255;
  }
}
async function time(name: string, f: () => Buffer | Promise<Buffer>) {
  let b: Buffer = Buffer.alloc(0);
  for (let i = 0; i < 10; i++) await f();
  const c = process.cpuUsage();
  const s = performance.now();
  for (let i = 0; i < 60; i++) b = await f();
  const cu = process.cpuUsage(c);
  console.log(
    name.padEnd(24),
    ((performance.now() - s) / 60).toFixed(2),
    'ms wall',
    ((cu.user + cu.system) / 60000).toFixed(2),
    'ms cpu',
    (b.length / 1024).toFixed(0),
    'KiB',
  );
}
await time('sharp rgb l1', () =>
  sharp(rgb, { raw: { width: 256, height: 256, channels: 3 } })
    .png({ compressionLevel: 1, adaptiveFiltering: false })
    .toBuffer(),
);
await time('sharp rgba l1', () =>
  sharp(rgba!, { raw: { width: 256, height: 256, channels: 4 } })
    .png({ compressionLevel: 1, adaptiveFiltering: false })
    .toBuffer(),
);
for (const [n, raw] of [
  ['none', raw0],
  ['up', rawUp],
  ['sub', rawSub],
] as const)
  for (const [sn, o] of [
    ['l1', { level: 1 }],
    ['rle', { level: 1, strategy: constants.Z_RLE }],
    ['huff', { level: 1, strategy: constants.Z_HUFFMAN_ONLY }],
    ['l1 mem9', { level: 1, memLevel: 9 }],
  ] as const)
    await time(`${n} ${sn}`, () => deflateSync(raw, o));
await time('crc32', () => {
  crc32(raw0);
  return raw0;
});
const { encodeTile } = await import('../../tiler/src/encode.ts');
await time('encodeTile png (ours)', () => encodeTile(rgba!, 256, 'png'));
const { filterUp, encodePng } = await import('../../tiler/src/png.ts');
await time('filterUp', () => filterUp(rgb, 256, 256, 3));
await time('encodePng rgb', () => encodePng(rgb, 256, 256, 3));
const fu = filterUp(rgb, 256, 256, 3);
await time('deflateSync rle of filterUp', () => deflateSync(fu, { level: 1, strategy: constants.Z_RLE }));
const { promisify } = await import('node:util');
const { deflate } = await import('node:zlib');
const da = promisify(deflate);
await time('deflate async rle', () => da(fu, { level: 1, strategy: constants.Z_RLE }));
await time('deflate async rle chunk256k', () =>
  da(fu, { level: 1, strategy: constants.Z_RLE, chunkSize: 256 * 1024 }),
);
await time('deflateSync rle chunk256k', () =>
  deflateSync(fu, { level: 1, strategy: constants.Z_RLE, chunkSize: 256 * 1024 }),
);
await time('encodePng rgba', () => encodePng(rgba!, 256, 256, 4));
