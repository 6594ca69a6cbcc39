/**
 * Decoding against GDAL: fixtures written by make-ortho.py and gdal_translate in every layout the
 * reader supports (tiles and strips, none/LZW/Deflate/PackBits, predictors 2 and 3, both byte orders,
 * BigTIFF, planar separate, alpha, nodata, internal masks, COG overviews, edge tiles), compared pixel
 * for pixel and mask for mask with rasterio, and for size, geotransform, EPSG and bands with gdalinfo.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PixelBlock, RasterReader } from '../raster/types.ts';
import { openTiff } from './open.tiff.ts';
import {
  type GdalInfo,
  gdalInfos,
  hasGdal,
  PEERS,
  PYTHON,
  RGB_WITH_INTERNAL_MASK,
  sh,
  SHARED,
} from '../testing/gdal.ts';
import { loadReference, rasterioReference, type ReferenceJob } from './testing/gdal.ts';
import { memorySource } from './testing/memory.source.ts';
import type { Tiff } from './tiff.ts';

const PIX4D = `${SHARED}data/drone/pix4d_alpha_nodata.tif`;

interface Fixture {
  readonly name: string;
  /** Base file (rgb, ms or an absolute path) and gdal_translate arguments; none copies nothing. */
  readonly from: 'rgb' | 'ms' | 'masked';
  readonly args: ReadonlyArray<string> | null;
  readonly levels: number;
}

/** gdal_translate creation options: co('TILED=YES') is ['-co', 'TILED=YES']. */
const co = (...options: string[]): string[] => options.flatMap((o) => ['-co', o]);
const EDGES = ['-srcwin', '0', '0', '700', '500'];
const MS_EDGES = ['-srcwin', '0', '0', '600', '500'];
const FIXTURES: ReadonlyArray<Fixture> = [
  { name: 'rgb-deflate-pred2-tiled512', from: 'rgb', args: null, levels: 1 },
  {
    name: 'rgb-lzw-pred2-tiled256-edges',
    from: 'rgb',
    args: [...EDGES, ...co('TILED=YES', 'BLOCKXSIZE=256', 'BLOCKYSIZE=256', 'COMPRESS=LZW', 'PREDICTOR=2')],
    levels: 1,
  },
  { name: 'rgb-lzw-strips', from: 'rgb', args: co('COMPRESS=LZW'), levels: 1 },
  { name: 'rgb-packbits-strips-edges', from: 'rgb', args: [...EDGES, ...co('COMPRESS=PACKBITS')], levels: 1 },
  {
    name: 'rgb-none-strips-planar-bigtiff',
    from: 'rgb',
    args: co('INTERLEAVE=BAND', 'BIGTIFF=YES'),
    levels: 1,
  },
  {
    name: 'rgb-deflate-tiled-planar-bigendian-bigtiff',
    from: 'rgb',
    args: [
      ...EDGES,
      ...co(
        'TILED=YES',
        'COMPRESS=DEFLATE',
        'PREDICTOR=2',
        'INTERLEAVE=BAND',
        'ENDIANNESS=BIG',
        'BIGTIFF=YES',
      ),
    ],
    levels: 1,
  },
  {
    name: 'rgb-alpha-cog-lzw',
    from: 'rgb',
    args: ['-of', 'COG', ...co('COMPRESS=LZW', 'BLOCKSIZE=256')],
    levels: 3,
  },
  {
    name: 'rgb-mask-cog-deflate',
    from: 'masked',
    args: ['-of', 'COG', ...co('COMPRESS=DEFLATE', 'PREDICTOR=YES', 'BLOCKSIZE=256')],
    levels: 3,
  },
  {
    name: 'rgb-mask-strips',
    from: 'masked',
    args: [...EDGES, '--config', 'GDAL_TIFF_INTERNAL_MASK', 'YES', ...co('COMPRESS=DEFLATE')],
    levels: 1,
  },
  {
    name: 'ms-uint16-lzw-pred2-tiled',
    from: 'ms',
    args: [...MS_EDGES, ...co('TILED=YES', 'COMPRESS=LZW', 'PREDICTOR=2')],
    levels: 1,
  },
  {
    name: 'ms-uint16-deflate-pred2-strips-bigendian',
    from: 'ms',
    args: [...MS_EDGES, ...co('COMPRESS=DEFLATE', 'PREDICTOR=2', 'ENDIANNESS=BIG')],
    levels: 1,
  },
  {
    name: 'int16-deflate-pred2-tiled128',
    from: 'ms',
    args: [
      ...MS_EDGES,
      '-ot',
      'Int16',
      '-scale',
      '0',
      '10000',
      '-20000',
      '20000',
      '-a_nodata',
      '-32768',
      ...co('TILED=YES', 'BLOCKXSIZE=128', 'BLOCKYSIZE=128', 'COMPRESS=DEFLATE', 'PREDICTOR=2'),
    ],
    levels: 1,
  },
  {
    name: 'float32-deflate-pred3-tiled-nan',
    from: 'ms',
    args: [
      ...MS_EDGES,
      '-ot',
      'Float32',
      '-scale',
      '0',
      '10000',
      '-1',
      '1',
      '-a_nodata',
      'nan',
      ...co('TILED=YES', 'COMPRESS=DEFLATE', 'PREDICTOR=3'),
    ],
    levels: 1,
  },
  {
    name: 'float32-lzw-pred3-strips-bigendian',
    from: 'ms',
    args: [
      ...MS_EDGES,
      '-b',
      '1',
      '-b',
      '5',
      '-ot',
      'Float32',
      '-a_nodata',
      '-9999',
      ...co('COMPRESS=LZW', 'PREDICTOR=3', 'ENDIANNESS=BIG'),
    ],
    levels: 1,
  },
];

let dir = '';
const MAKE_ORTHO = `${PEERS}make-ortho.py`;
const paths = new Map<string, string>();
const infos = new Map<string, GdalInfo>();

async function makeFixtures(): Promise<void> {
  const rgb = join(dir, 'rgb.tif');
  const ms = join(dir, 'ms.tif');
  const masked = join(dir, 'masked.tif');
  await Promise.all([
    sh(PYTHON, [MAKE_ORTHO, '768', rgb]),
    sh(PYTHON, [MAKE_ORTHO, '640', ms, '--bands', 'ms']),
  ]);
  await sh('gdal_translate', ['-q', ...RGB_WITH_INTERNAL_MASK, '-co', 'TILED=YES', rgb, masked]);
  const bases = { rgb, ms, masked };
  await Promise.all(
    FIXTURES.map(async (f) => {
      const out = f.args ? join(dir, `${f.name}.tif`) : bases[f.from];
      if (f.args) await sh('gdal_translate', ['-q', ...f.args, bases[f.from], out]);
      paths.set(f.name, out);
    }),
  );
  paths.set('pix4d', PIX4D);
}

function jobFor(name: string, level: number): ReferenceJob {
  return {
    path: paths.get(name) ?? '',
    overview: level === 0 ? null : level - 1,
    out: join(dir, `${name}.${level}`),
  };
}

async function open(name: string): Promise<Tiff> {
  return openTiff(memorySource(new Uint8Array(await readFile(paths.get(name) ?? ''))));
}

function bytesOf(block: PixelBlock): Buffer {
  return Buffer.from(block.data.buffer, block.data.byteOffset, block.data.byteLength);
}

function maskOf(block: PixelBlock): Uint8Array {
  return block.mask ?? new Uint8Array(block.width * block.height).fill(255);
}

/** Rows y0..y0+h, columns x0..x0+w of a pixel-interleaved reference of `width` px and `stride` bytes per px. */
function crop(
  ref: Uint8Array,
  width: number,
  stride: number,
  x0: number,
  y0: number,
  w: number,
  h: number,
): Buffer {
  const out = Buffer.alloc(w * h * stride);
  for (let y = 0; y < h; y++)
    out.set(
      ref.subarray(((y0 + y) * width + x0) * stride, ((y0 + y) * width + x0 + w) * stride),
      y * w * stride,
    );
  return out;
}

async function compareLevel(reader: RasterReader, job: ReferenceJob): Promise<void> {
  const { width, height, bands } = reader.info;
  const ref = await loadReference(job);
  const refMask = ref.mask.map((v) => (v > 0 ? 255 : 0));
  const full = await reader.readWindow({ x: 0, y: 0, width, height });
  const stride = full.data.BYTES_PER_ELEMENT * bands;
  expect(bytesOf(full).equals(ref.data), `${job.out}: pixels differ from rasterio`).toBe(true);
  expect(
    Buffer.from(maskOf(full)).equals(Buffer.from(refMask)),
    `${job.out}: mask differs from rasterio`,
  ).toBe(true);
  const windows = [
    [Math.floor(width / 3), Math.floor(height / 5), Math.floor(width / 2) + 7, Math.floor(height / 3) + 5],
    [width - 37, height - 11, 37, 11],
    [0, height - 1, width, 1],
    [5, 3, 1, 1],
  ] as const;
  for (const [x, y, w, h] of windows) {
    const block = await reader.readWindow({ x, y, width: w, height: h });
    expect(
      bytesOf(block).equals(crop(ref.data, width, stride, x, y, w, h)),
      `${job.out} window ${x},${y} ${w}×${h}`,
    ).toBe(true);
    expect(Buffer.from(maskOf(block)).equals(crop(refMask, width, 1, x, y, w, h))).toBe(true);
  }
}

describe.skipIf(!hasGdal)('openTiff against GDAL', () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'belcheer-tiff-'));
    await makeFixtures();
    const jobs = [...FIXTURES, { name: 'pix4d', levels: 1 }].flatMap((f) =>
      Array.from({ length: f.levels }, (_, l) => jobFor(f.name, l)),
    );
    const names = [...paths.keys()];
    const [info] = await Promise.all([
      gdalInfos(names.map((n) => paths.get(n) ?? '')),
      rasterioReference(jobs),
    ]);
    info.forEach((value, i) => infos.set(names[i] ?? '', value));
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it.each([...FIXTURES.map((f) => [f.name, f.levels] as const), ['pix4d', 1] as const])(
    '%s: every level pixel for pixel and mask for mask as rasterio reads it',
    async (name, levels) => {
      const tiff = await open(name);
      expect(tiff.levels).toHaveLength(levels);
      for (let level = 0; level < levels; level++)
        await compareLevel(tiff.reader(level), jobFor(name, level));
    },
  );

  it.each([...FIXTURES.map((f) => f.name), 'pix4d'])(
    '%s: size, geotransform, EPSG and bands as gdalinfo reports them',
    async (name) => {
      const tiff = await open(name);
      const info = infos.get(name);
      if (!info) throw new Error(`no gdalinfo for ${name}`);
      expect([tiff.info.width, tiff.info.height]).toEqual(info.size);
      tiff.info.transform.forEach((v, i) => expect(v).toBeCloseTo(info.geoTransform[i] ?? Number.NaN, 9));
      expect(tiff.info.crs.epsg).toBe(info.epsg);
      expect(tiff.info.bands).toBe(info.bands.length);
      info.bands.forEach((band, i) => {
        const expected =
          band.colorInterpretation === 'Alpha'
            ? 'alpha'
            : (band.description || band.colorInterpretation || '').toLowerCase();
        const name = tiff.info.bandNames[i];
        expect(
          name === 'other' ? ['gray', 'undefined', ''].includes(expected) : name === expected,
          `band ${i + 1}: ${name} vs ${expected}`,
        ).toBe(true);
        const noData = band.noData;
        // GDAL reports -10000 on uint8 Pix4D files but cannot apply it: we report none and mask by alpha.
        expect(tiff.info.noData).toStrictEqual(
          name === 'other' || noData === null || tiff.info.sampleFormat !== 'uint8' ? noData : null,
        );
      });
    },
  );

  it('reads the Pix4D nodata -10000 as no nodata and masks by alpha', async () => {
    const tiff = await open('pix4d');
    expect(tiff.info).toMatchObject({
      noData: null,
      alphaBand: 3,
      hasMask: false,
      bandNames: ['red', 'green', 'blue', 'alpha'],
    });
    expect(tiff.levels[0]?.image).toMatchObject({
      tiled: false,
      compression: 5,
      predictor: 2,
      blockHeight: 2,
    });
  });

  it('finds the COG overviews and masks by NewSubfileType', async () => {
    const tiff = await open('rgb-mask-cog-deflate');
    expect(tiff.levels.map((l) => [l.image.width, l.mask?.width, l.info.hasMask])).toEqual([
      [768, 768, true],
      [384, 384, true],
      [192, 192, true],
    ]);
    expect(tiff.images.filter((i) => i.mask).map((i) => i.bitsPerSample)).toEqual([1, 1, 1]);
    // 5 cm pixels (make-ortho.py) × 768 / 192.
    expect(tiff.levels[2]?.info.transform[1]).toBeCloseTo(0.2, 12);
  });

  it.each([
    {
      // The window straddles tiles 0 and 1 of 256 px, stored one after the other.
      what: 'only the tiles a window touches, neighbours',
      file: (): string => paths.get('rgb-alpha-cog-lzw') ?? '',
      window: { x: 250, y: 10, width: 10, height: 10 },
      blocks: [0, 1],
    },
    {
      // Rows 101–200 lie in the 2-row strips 50–100.
      what: 'the strips of a window of a stripped file',
      file: (): string => PIX4D,
      window: { x: 100, y: 101, width: 50, height: 100 },
      blocks: [50, 100],
    },
  ])('reads $what in one fetch', async ({ file, window, blocks: [first = 0, last = 0] }) => {
    const source = memorySource(new Uint8Array(await readFile(file())));
    const tiff = await openTiff(source);
    const before = source.fetches.length;
    const image = tiff.levels[0]?.image;
    await tiff.reader(0).readWindow(window);
    const start = image?.offsets[first] ?? 0;
    const end = (image?.offsets[last] ?? 0) + (image?.byteCounts[last] ?? 0);
    expect(source.fetches.slice(before)).toEqual([[start, end - start]]);
  });

  it('reads a window over the edge: outside pixels are 0 and invalid', async () => {
    const tiff = await open('ms-uint16-lzw-pred2-tiled');
    const inside = await tiff.reader().readWindow({ x: 590, y: 490, width: 10, height: 10 });
    const over = await tiff.reader().readWindow({ x: 590, y: 490, width: 20, height: 20 });
    for (let y = 0; y < 20; y++) {
      for (let x = 0; x < 20; x++) {
        const i = y * 20 + x;
        if (x < 10 && y < 10) {
          expect(Array.from(over.data.subarray(i * 5, i * 5 + 5))).toEqual(
            Array.from(inside.data.subarray((y * 10 + x) * 5, (y * 10 + x) * 5 + 5)),
          );
        } else {
          expect(over.mask?.[i]).toBe(0);
          expect(Array.from(over.data.subarray(i * 5, i * 5 + 5))).toEqual([0, 0, 0, 0, 0]);
        }
      }
    }
  });
});
