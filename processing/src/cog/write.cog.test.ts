/**
 * The COG writer judged by GDAL: its validator accepts every file, gdalinfo sees the input's size,
 * bands, type, georeferencing and the expected overviews, and rasterio reads back exactly the
 * input's pixels, masks included. Overviews are checked against 2×2 averages computed here.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ValidationError } from '../errors.ts';
import type { ByteSink, PixelArray, RasterReader } from '../raster/types.ts';
import { writeCog } from './write.cog.ts';
import { gdalInfo, hasGdal, RGB_WITH_INTERNAL_MASK, type GdalInfo } from '../testing/gdal.ts';
import {
  compareRasters,
  compareWithRaw,
  gdalTranslate,
  makeOrtho,
  readOverview,
  validateCog,
} from './testing/gdal.ts';
import { geotiffReader } from './testing/geotiff.reader.ts';
import type { MemoryRaster } from './testing/memory.reader.ts';
import { memoryReader } from './testing/memory.reader.ts';

let dir = '';
const at = (name: string): string => join(dir, name);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cog-test-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Writes `reader` to NAME.tif and asserts GDAL's validator accepts it. */
async function cogOf(reader: RasterReader, name: string, options = {}): Promise<string> {
  const out = at(`${name}.tif`);
  await writeCog(reader, { path: out }, options);
  const { status, report } = validateCog(out);
  expect(report).toContain('is a valid cloud optimized GeoTIFF');
  expect(status).toBe(0);
  return out;
}

/** cogOf a file, read by the geotiff.js test reader. */
async function cogOfFile(input: string, name: string, options = {}): Promise<string> {
  return cogOf(await geotiffReader(input), name, options);
}

async function rawFile(name: string, data: ArrayBufferView): Promise<string> {
  const path = at(name);
  await writeFile(path, new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
  return path;
}

/** gdalinfo of our COG against the input's: size, band count and types, georeferencing; tiling. */
function expectSameRaster(input: string, out: string, overviews: number[][], predictor: string): GdalInfo {
  const src = gdalInfo(input);
  const info = gdalInfo(out);
  expect(info.size).toEqual(src.size);
  expect(info.bands.map((b) => b.type)).toEqual(src.bands.map((b) => b.type));
  expect(info.geoTransform).toEqual(src.geoTransform);
  expect(info.epsg).toBe(src.epsg);
  expect([info.compression, info.predictor]).toEqual(['DEFLATE', predictor]);
  for (const band of info.bands) {
    expect(band.block).toEqual([512, 512]);
    expect(band.overviews).toEqual(overviews);
  }
  return info;
}

/** Every band and the dataset mask of `out` equal those of `input`, as GDAL reads them. */
function expectSamePixels(input: string, out: string): void {
  expect(compareRasters(input, out)).toEqual({ equal: true, maxDiff: 0, maskEqual: true });
}

/** The overviews of a 1024² ortho. */
const ORTHO_OVERVIEWS = [
  [512, 512],
  [256, 256],
];

describe.skipIf(!hasGdal)('writeCog on make-ortho.py orthos (GDAL as judge)', () => {
  beforeAll(() => {
    makeOrtho(1024, at('rgba.tif'), 'rgb');
    makeOrtho(1024, at('ms.tif'), 'ms');
  });

  it('keeps an RGBA uint8 ortho: alpha extra sample, georeferencing, overviews down to < 512 px, exact pixels', async () => {
    const input = at('rgba.tif');
    const out = await cogOfFile(input, 'rgba');
    const info = expectSameRaster(input, out, ORTHO_OVERVIEWS, '2');
    expect(info.epsg).toBe(32648);
    expect(info.bands.map((b) => b.type)).toEqual(['Byte', 'Byte', 'Byte', 'Byte']);
    expect(info.bands.map((b) => b.colorInterpretation)).toEqual(['Red', 'Green', 'Blue', 'Alpha']);
    expect(info.bands[0]?.maskFlags).toEqual(['PER_DATASET', 'ALPHA']);
    expectSamePixels(input, out);
  });

  it('keeps a 5-band uint16 ortho with nodata 0 and its band names', async () => {
    const input = at('ms.tif');
    const out = await cogOfFile(input, 'ms');
    const info = expectSameRaster(input, out, ORTHO_OVERVIEWS, '2');
    expect(info.bands.map((b) => b.type)).toEqual(new Array(5).fill('UInt16'));
    expect(info.bands.map((b) => b.noData)).toEqual([0, 0, 0, 0, 0]);
    expect(info.bands.map((b) => b.description)).toEqual(['blue', 'green', 'red', 'rededge', 'nir']);
    expect(info.bands[0]?.maskFlags).toEqual([]); // no internal mask: gdalinfo lists none for nodata
    expectSamePixels(input, out);
  });

  it('gives a 1300×700 strip-organised input the same pyramid as GDAL (650×350, 325×175)', async () => {
    // The window passes the 1024² ortho's right edge: GDAL fills it with alpha 0.
    const input = at('rgb1300x700.tif');
    gdalTranslate(['-srcwin', '0', '0', '1300', '700', at('rgba.tif'), input]);
    const out = await cogOfFile(input, 'rgb1300x700');
    const gdalCog = at('gdal1300x700.tif');
    gdalTranslate(['-of', 'COG', input, gdalCog]);
    const pyramid = [
      [650, 350],
      [325, 175],
    ];
    expectSameRaster(input, out, pyramid, '2');
    expect(gdalInfo(gdalCog).bands[0]?.overviews).toEqual(pyramid);
    expectSamePixels(input, out);
  });

  it('keeps an internal 1-bit mask as mask IFDs of every level', async () => {
    const input = at('rgbmask.tif');
    gdalTranslate([...RGB_WITH_INTERNAL_MASK, at('rgba.tif'), input]);
    const out = await cogOfFile(input, 'rgbmask');
    const info = expectSameRaster(input, out, ORTHO_OVERVIEWS, '2');
    expect(info.bands.map((b) => b.maskFlags)).toEqual(new Array(3).fill(['PER_DATASET']));
    expectSamePixels(input, out);
    const overview = readOverview(out, 0);
    expect(overview.mask[0]?.[0]).toBe(0); // the nodata corner stays masked
    expect(overview.mask[511]?.[511]).toBe(255);
  });

  it('writes BigTIFF on request, still valid and identical in pixels', async () => {
    const out = await cogOfFile(at('rgba.tif'), 'rgba-big', { forceBigTiff: true });
    const head = await readFile(out);
    expect(head.readUInt16LE(2)).toBe(43);
    expectSamePixels(at('rgba.tif'), out);
  });
});

// ---- synthetic rasters: overviews against averages computed here ----

const W = 517; // odd: the last overview column averages one source column
const H = 5; // odd: the last overview row averages one source row

/** Expected first overview: per output pixel, the inputs that exist, keeping those `valid` says. */
function expectedOverview(
  w: number,
  h: number,
  valid: (r: number, c: number, b: number) => boolean,
  value: (r: number, c: number, b: number) => number,
  b: number,
): { sum: number; n: number }[][] {
  const out: { sum: number; n: number }[][] = [];
  for (let oy = 0; oy < Math.ceil(h / 2); oy++) {
    const row: { sum: number; n: number }[] = [];
    for (let ox = 0; ox < Math.ceil(w / 2); ox++) {
      let sum = 0;
      let n = 0;
      for (const r of [2 * oy, 2 * oy + 1]) {
        for (const c of [2 * ox, 2 * ox + 1]) {
          if (r < h && c < w && valid(r, c, b)) {
            sum += value(r, c, b);
            n++;
          }
        }
      }
      row.push({ sum, n });
    }
    out.push(row);
  }
  return out;
}

function interleave<T extends PixelArray>(
  array: T,
  w: number,
  h: number,
  bands: number,
  f: (r: number, c: number, b: number) => number,
): T {
  for (let r = 0; r < h; r++)
    for (let c = 0; c < w; c++) for (let b = 0; b < bands; b++) array[(r * w + c) * bands + b] = f(r, c, b);
  return array;
}

describe.skipIf(!hasGdal)('writeCog on synthetic rasters (GDAL as judge)', () => {
  it('averages a masked uint16 raster over valid pixels only; mask = any valid', async () => {
    const bands = 3;
    const value = (r: number, c: number, b: number): number => ((r * 131 + c * 7) % 4000) + b * 10000;
    const isValid = (r: number, c: number): boolean => c >= 4 && (r + c) % 3 !== 0;
    const data = interleave(new Uint16Array(W * H * bands), W, H, bands, value);
    const mask = Uint8Array.from({ length: W * H }, (_, i) => (isValid(Math.floor(i / W), i % W) ? 255 : 0));
    const out = await cogOf(memoryReader({ width: W, height: H, bands }, data, mask), 'masked');
    expect(gdalInfo(out).bands[0]?.maskFlags).toEqual(['PER_DATASET']);
    expect(
      compareWithRaw(out, await rawFile('masked.bin', data), 'uint16', await rawFile('masked.mask', mask)),
    ).toEqual({
      equal: true,
      maxDiff: 0,
      maskEqual: true,
    });
    const overview = readOverview(out, 0);
    expect([overview.width, overview.height]).toEqual([259, 3]);
    for (let b = 0; b < bands; b++) {
      const expected = expectedOverview(W, H, isValid, value, b);
      expected.forEach((row, oy) =>
        row.forEach(({ sum, n }, ox) => {
          expect(overview.mask[oy]?.[ox]).toBe(n > 0 ? 255 : 0);
          expect(overview.data[b]?.[oy]?.[ox]).toBe(n > 0 ? Math.floor(sum / n + 0.5) : 0);
        }),
      );
    }
  });

  it('averages RGBA colour over alpha > 0 and alpha over all pixels', async () => {
    // Transparent every 6th column and in spots of row 3; elsewhere alphas 255, 128, 1, 200.
    const alpha = (r: number, c: number): number =>
      c % 6 === 0 || (r === 3 && c % 4 === 1) ? 0 : ([255, 128, 1, 200][(r * 3 + c) % 4] as number);
    const value = (r: number, c: number, b: number): number =>
      b === 3 ? alpha(r, c) : (r * 37 + c * 11 + b * 50) % 256;
    const data = interleave(new Uint8Array(W * H * 4), W, H, 4, value);
    const reader = memoryReader(
      { width: W, height: H, bands: 4, alphaBand: 3, bandNames: ['red', 'green', 'blue', 'alpha'] },
      data,
    );
    const out = await cogOf(reader, 'rgba-synthetic');
    const overview = readOverview(out, 0);
    const alphas = expectedOverview(
      W,
      H,
      () => true,
      (r, c) => alpha(r, c),
      3,
    );
    for (let b = 0; b < 3; b++) {
      expectedOverview(W, H, (r, c) => alpha(r, c) > 0, value, b).forEach((row, oy) =>
        row.forEach(({ sum, n }, ox) =>
          expect(overview.data[b]?.[oy]?.[ox]).toBe(n > 0 ? Math.floor(sum / n + 0.5) : 0),
        ),
      );
    }
    expectedOverview(W, H, (r, c) => alpha(r, c) > 0, value, 3).forEach((row, oy) =>
      row.forEach(({ n }, ox) => {
        const all = alphas[oy]?.[ox] as { sum: number; n: number };
        const mean = Math.floor(all.sum / all.n + 0.5);
        expect(overview.data[3]?.[oy]?.[ox]).toBe(n > 0 ? Math.max(1, mean) : 0);
      }),
    );
  });

  it('treats NaN as float32 nodata: exact full resolution, overviews averaging non-NaN samples', async () => {
    const value = (r: number, c: number, b: number): number =>
      (r * c + b) % 5 === 0 ? NaN : Math.fround((r * W + c) * 0.37 - b * 1000);
    const data = interleave(new Float32Array(W * H * 2), W, H, 2, value);
    const out = await cogOf(memoryReader({ width: W, height: H, bands: 2, noData: NaN }, data), 'nan');
    const info = gdalInfo(out);
    expect(info.bands.map((b) => b.type)).toEqual(['Float32', 'Float32']);
    expect(info.predictor).toBe('3');
    expect(Number.isNaN(info.bands[0]?.noData)).toBe(true);
    expect(compareWithRaw(out, await rawFile('nan.bin', data), 'float32')).toEqual({
      equal: true,
      maxDiff: 0,
    });
    const overview = readOverview(out, 0);
    for (let b = 0; b < 2; b++) {
      expectedOverview(W, H, (r, c) => !Number.isNaN(value(r, c, b)), value, b).forEach((row, oy) =>
        row.forEach(({ sum, n }, ox) => {
          const got = overview.data[b]?.[oy]?.[ox] as number;
          if (n === 0) expect(got).toBeNaN();
          else expect(Math.abs(got - sum / n)).toBeLessThanOrEqual(Math.abs(sum / n) * 2 ** -23);
        }),
      );
    }
  });

  it.each<[string, MemoryRaster, () => PixelArray, string]>([
    ['a 1×1 raster', { width: 1, height: 1, bands: 1 }, () => Uint8Array.of(42), 'uint8'],
    [
      'a raster smaller than one tile',
      { width: 300, height: 200, bands: 2 },
      () => Int16Array.from({ length: 300 * 200 * 2 }, (_, i) => (i % 977) - 500),
      'int16',
    ],
  ])('writes %s without overviews', async (name, raster, data, dtype) => {
    const pixels = data();
    const out = await cogOf(memoryReader(raster, pixels), name.replaceAll(' ', '-'));
    const info = gdalInfo(out);
    expect(info.size).toEqual([raster.width, raster.height]);
    expect(info.bands[0]?.overviews).toEqual([]);
    expect(compareWithRaw(out, await rawFile(`${name}.bin`, pixels), dtype)).toEqual({
      equal: true,
      maxDiff: 0,
    });
  });

  it('writes an all-nodata raster: nodata everywhere, in every overview', async () => {
    const raster = { width: 1030, height: 20, bands: 1, noData: 0 };
    const out = await cogOf(memoryReader(raster, new Uint16Array(1030 * 20)), 'all-nodata');
    const info = gdalInfo(out);
    expect(info.bands[0]?.overviews).toEqual([
      [515, 10],
      [258, 5],
    ]);
    const last = readOverview(out, 1);
    expect(last.data[0]?.flat().every((v) => v === 0)).toBe(true);
    expect(last.mask.flat().every((v) => v === 0)).toBe(true);
  });

  it('writes a rotated geotransform as ModelTransformation and a geographic CRS', async () => {
    const transform = [105.5, 0.0001, 0.00002, 47.9, 0.00001, -0.0001] as const;
    const crs = { epsg: 4326, proj4: '+proj=longlat +datum=WGS84 +no_defs', name: 'WGS 84' };
    const out = await cogOf(
      memoryReader({ width: 3, height: 2, bands: 1, transform, crs }, new Uint8Array(6)),
      'rotated',
    );
    const info = gdalInfo(out);
    expect(info.epsg).toBe(4326);
    info.geoTransform.forEach((v, i) => expect(v).toBeCloseTo(transform[i] as number, 12));
  });
});

describe('writeCog contract', () => {
  const small = (): RasterReader =>
    memoryReader(
      { width: 600, height: 3, bands: 1 },
      Uint8Array.from({ length: 1800 }, (_, i) => i % 251),
    );

  it('writes the same bytes to a ByteSink as to a path, and reports progress up to 1', async () => {
    const chunks: Uint8Array[] = [];
    let closed = 0;
    const sink: ByteSink = {
      write: async (c) => void chunks.push(Uint8Array.from(c)),
      close: async () => void closed++,
    };
    const progress: number[] = [];
    const result = await writeCog(small(), sink, { tempDir: dir }, (f) => progress.push(f));
    const path = at('contract.tif');
    await writeCog(small(), { path });
    expect(Buffer.concat(chunks)).toEqual(await readFile(path));
    expect(closed).toBe(1);
    expect(result.bytes).toBe((await readFile(path)).length);
    expect(result.levels.map((l) => [l.width, l.height])).toEqual([
      [600, 3],
      [300, 2],
    ]);
    expect(progress.at(-1)).toBe(1);
    expect(progress.every((f, i) => i === 0 || f >= (progress[i - 1] as number))).toBe(true);
  });

  it('leaves no file behind when the reader fails', async () => {
    const failing = await mkdtemp(join(dir, 'failing-'));
    const reader = small();
    const broken: RasterReader = {
      info: reader.info,
      readWindow: () => Promise.reject(new Error('disk gone')),
    };
    await expect(writeCog(broken, { path: join(failing, 'out.tif') })).rejects.toThrow('disk gone');
    expect(await readdir(failing)).toEqual([]);
  });

  it('refuses a deflate level outside 1–9', async () => {
    await expect(writeCog(small(), { path: at('never.tif') }, { deflateLevel: 12 })).rejects.toThrow(
      ValidationError,
    );
  });
});
