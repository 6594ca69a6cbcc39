/**
 * Georeferencing and refusals on files written by GDAL: geotransform and EPSG compared with gdalinfo
 * (PixelIsPoint, geographic, Web Mercator, Pulkovo/Gauss-Kruger), and the messages for files GDAL
 * writes but Belcheer refuses (unknown or user-defined CRS, no georeferencing, float64, JPEG, a
 * truncated file, a PNG).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TiffByteReader } from './byte.reader.ts';
import { readIfdChain } from './ifd.chain.ts';
import { openTiff } from './open.tiff.ts';
import { tagNumbers } from './tag.values.ts';
import { type GdalInfo, gdalInfos, hasGdal, sh } from '../testing/gdal.ts';
import { memorySource } from './testing/memory.source.ts';
import { parseTiffHeader } from './tiff.header.ts';
import { DEFAULT_TIFF_LIMITS } from './tiff.limits.ts';
import { Tag } from './tiff.tags.ts';

let dir = '';
const path = (name: string) => join(dir, name);
const base = () => path('base.tif');

async function open(name: string) {
  return openTiff(memorySource(new Uint8Array(await readFile(path(name)))));
}

const VARIANTS: Record<string, ReadonlyArray<string>> = {
  'point.tif': ['-mo', 'AREA_OR_POINT=Point'],
  'wgs84.tif': ['-a_srs', 'EPSG:4326', '-a_ullr', '105.1', '47.9', '105.1064', '47.8952'],
  'mercator.tif': ['-a_srs', 'EPSG:3857', '-a_ullr', '11700000', '6090000', '11700640', '6089520'],
  'pulkovo.tif': ['-a_srs', 'EPSG:28418', '-a_ullr', '18500000', '5300000', '18500064', '5299952'],
  'pulkovo-cm.tif': ['-a_srs', 'EPSG:2508', '-a_ullr', '500000', '5300000', '500064', '5299952'],
  'utm-south.tif': ['-a_srs', 'EPSG:32750'],
  'epsg2000.tif': ['-a_srs', 'EPSG:2000'],
  'user-defined.tif': ['-a_srs', '+proj=tmerc +lon_0=100 +k=1 +x_0=500000 +ellps=WGS84 +units=m'],
  'float64.tif': ['-ot', 'Float64'],
  'jpeg.tif': ['-co', 'COMPRESS=JPEG', '-co', 'TILED=YES', '-co', 'BLOCKXSIZE=16', '-co', 'BLOCKYSIZE=16'],
  'tiled.tif': [
    '-co',
    'TILED=YES',
    '-co',
    'BLOCKXSIZE=16',
    '-co',
    'BLOCKYSIZE=16',
    '-co',
    'COMPRESS=DEFLATE',
  ],
  'image.png': ['-of', 'PNG'],
};

const GEOREFERENCED = [
  'base.tif',
  'point.tif',
  'wgs84.tif',
  'mercator.tif',
  'pulkovo.tif',
  'pulkovo-cm.tif',
  'utm-south.tif',
];
const infos = new Map<string, GdalInfo>();

describe.skipIf(!hasGdal)('georeferencing and refusals on GDAL-written files', () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'belcheer-georef-'));
    await sh('gdal_create', [
      '-q',
      '-of',
      'GTiff',
      '-outsize',
      '64',
      '48',
      '-bands',
      '3',
      '-burn',
      '7',
      '-a_srs',
      'EPSG:32648',
      '-a_ullr',
      '500000',
      '5500048',
      '500064',
      '5500000',
      base(),
    ]);
    await Promise.all([
      ...Object.entries(VARIANTS).map(([name, args]) =>
        sh('gdal_translate', ['-q', ...args, base(), path(name)]),
      ),
      sh('gdal_create', ['-q', '-of', 'GTiff', '-outsize', '8', '8', '-bands', '1', path('plain.tif')]),
    ]);
    const info = await gdalInfos(GEOREFERENCED.map(path));
    info.forEach((value, i) => infos.set(GEOREFERENCED[i] ?? '', value));
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it.each(GEOREFERENCED)('%s: geotransform and EPSG as gdalinfo reports them', async (name) => {
    const tiff = await open(name);
    const info = infos.get(name);
    if (!info) throw new Error(`no gdalinfo for ${name}`);
    tiff.info.transform.forEach((v, i) => expect(v).toBeCloseTo(info.geoTransform[i] ?? Number.NaN, 9));
    expect(tiff.info.crs.epsg).toBe(info.epsg);
  });

  it('PixelIsPoint: GDAL stores the tie point at the pixel centre and we shift it back to the corner', async () => {
    const source = memorySource(new Uint8Array(await readFile(path('point.tif'))));
    const reader = await TiffByteReader.open(source);
    const header = parseTiffHeader(reader.headBytes, source.size);
    const [ifd] = await readIfdChain(reader, header, DEFAULT_TIFF_LIMITS);
    if (!ifd) throw new Error('no IFD');
    const tiepoint = await tagNumbers(reader, header, ifd, Tag.ModelTiepoint);
    expect(Array.from(tiepoint ?? [])).toEqual([0, 0, 0, 500000.5, 5500047.5, 0]);
    expect((await openTiff(source)).info.transform).toEqual([500000, 1, 0, 5500048, 0, -1]);
  });

  it('refuses EPSG:2000 by code', async () => {
    await expect(open('epsg2000.tif')).rejects.toMatchObject({
      code: 'unsupported_crs',
      message: expect.stringMatching(/^CRS EPSG:2000 is not supported/),
    });
  });

  it('refuses a user-defined CRS naming its citation', async () => {
    await expect(open('user-defined.tif')).rejects.toMatchObject({
      code: 'unsupported_crs',
      message: expect.stringMatching(
        /^user-defined projected CRS "[^"]+" is not supported: an EPSG code is required/,
      ),
    });
  });

  it('refuses a TIFF without georeferencing', async () => {
    await expect(open('plain.tif')).rejects.toMatchObject({
      code: 'no_georeferencing',
      message: 'no georeferencing: neither ModelTiepoint+ModelPixelScale nor ModelTransformation',
    });
  });

  it('refuses float64 and JPEG by name', async () => {
    await expect(open('float64.tif')).rejects.toThrow(
      'IFD 0: sample format float64 is not supported (uint8, uint16, int16, float32 only)',
    );
    await expect(open('jpeg.tif')).rejects.toThrow(
      'IFD 0: compression JPEG (7) is not supported (none, LZW, Deflate, PackBits only)',
    );
  });

  it('refuses a PNG renamed .tif', async () => {
    await writeFile(path('renamed.tif'), await readFile(path('image.png')));
    await expect(open('renamed.tif')).rejects.toThrow(
      'not a TIFF file (magic bytes 89 50 4E 47, a PNG image)',
    );
  });

  it('refuses a truncated file naming the first tile outside it', async () => {
    const full = new Uint8Array(await readFile(path('tiled.tif')));
    const tiff = await openTiff(memorySource(full));
    const image = tiff.levels[0]?.image;
    const last = (image?.offsets.length ?? 0) - 1;
    const cut = (image?.offsets[last] ?? 0) + 1;
    await expect(openTiff(memorySource(full.subarray(0, cut)))).rejects.toThrow(
      `tile ${last} (row 2, column 3) of IFD 0 (bytes ${cut - 1}–${cut - 1 + (image?.byteCounts[last] ?? 0)}) is outside the file of ${cut} bytes: truncated file`,
    );
  });
});
