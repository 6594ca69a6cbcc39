/**
 * Index tiles against GDAL (issue 5 acceptance 2): a 5-band uint16 multispectral raster laid on the
 * Web Mercator tile grid (so a tile's pixels are the raster's pixels and no resampling difference can
 * hide or fake an error) goes through our COG writer; for each of its tiles, every index product's
 * values before colouring equal the DOMAIN §2 formula evaluated here, in float64, on the band values
 * GDAL reads for the same tile (`gdalwarp -te … -ts 256 256 -r bilinear -ot Float64`) — within 1e-6,
 * with NaN in the same places (nodata corner, zero denominators). The colours are the colormap's.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INDEX_NAMES, openTiff, writeCog, type BandContext, type Tiff } from '../../processing/src/index.ts';
import { memorySource } from '../../processing/src/tiff/testing/memory.source.ts';
import { hasGdal, PYTHON, runOk, sh } from '../../processing/src/testing/gdal.ts';
import {
  colormapNamed,
  indexProduct,
  lutIndex,
  tileBounds,
  tileSpan,
  WarpSource,
  type TileAddress,
} from '../../tiler/src/index.ts';

const Z = 19;
const X0 = 418_000;
const Y0 = 190_000;
const SIZE = 512; // 2 × 2 tiles at zoom Z
const BANDS: BandContext = {
  names: ['blue', 'green', 'red', 'rededge', 'nir'],
  reflectance: { scale: 1e-4, offset: 0 },
};

/** The formulas of DOMAIN §2, written out again here in float64 from reflectances. */
const FORMULA: Record<string, (p: Record<string, number>) => number> = {
  vari: ({ red: r, green: g, blue: b }) => (g! - r!) / (g! + r! - b!),
  exg: ({ red: r, green: g, blue: b }) => (2 * g! - r! - b!) / (r! + g! + b!),
  exgr: ({ red: r, green: g, blue: b }) =>
    (2 * g! - r! - b!) / (r! + g! + b!) - (1.4 * r! - g!) / (r! + g! + b!),
  gli: ({ red: r, green: g, blue: b }) => (2 * g! - r! - b!) / (2 * g! + r! + b!),
  ngrdi: ({ red: r, green: g }) => (g! - r!) / (g! + r!),
  tgi: ({ red: r, green: g, blue: b }) => -0.5 * (190 * (r! - g!) - 120 * (r! - b!)),
  mgrvi: ({ red: r, green: g }) => (g! ** 2 - r! ** 2) / (g! ** 2 + r! ** 2),
  rgbvi: ({ red: r, green: g, blue: b }) => (g! ** 2 - b! * r!) / (g! ** 2 + b! * r!),
  ndvi: ({ nir: n, red: r }) => (n! - r!) / (n! + r!),
  ndre: ({ nir: n, rededge: e }) => (n! - e!) / (n! + e!),
  gndvi: ({ nir: n, green: g }) => (n! - g!) / (n! + g!),
  savi: ({ nir: n, red: r }) => (1.5 * (n! - r!)) / (n! + r! + 0.5),
  osavi: ({ nir: n, red: r }) => (n! - r!) / (n! + r! + 0.16),
  msavi: ({ nir: n, red: r }) => (2 * n! + 1 - Math.sqrt((2 * n! + 1) ** 2 - 8 * (n! - r!))) / 2,
};

let dir: string;
let tiff: Tiff;
let source: WarpSource;
const tiles: TileAddress[] = [
  { z: Z, x: X0, y: Y0 },
  { z: Z, x: X0 + 1, y: Y0 },
  { z: Z, x: X0, y: Y0 + 1 },
  { z: Z, x: X0 + 1, y: Y0 + 1 },
];

beforeAll(async () => {
  if (!hasGdal) return;
  dir = mkdtempSync(path.join(tmpdir(), 'belcheer-index-tiles-'));
  const { minX, maxY } = tileBounds(tiles[0]!);
  const res = tileSpan(Z) / 256;
  // Smooth fields of reflectance × 10 000 (neighbours differ by a few DN), a nodata (0) corner, and a
  // row where red = green = blue = nir = rededge = 0 (every ratio's denominator is 0).
  runOk(PYTHON, [
    '-c',
    `
import numpy as np
from osgeo import gdal, osr
n = ${SIZE}
y, x = np.mgrid[0:n, 0:n].astype(np.float64)
def field(a, b, c, d): return (a + b * np.sin(x / 37.0 + c) * np.cos(y / 53.0 + d)).round()
bands = [field(600, 300, 0.1, 0.2), field(1100, 500, 0.7, 0.3), field(900, 450, 1.3, 0.9),
         field(2500, 900, 2.1, 1.1), field(4200, 1500, 0.4, 2.3)]
data = np.stack(bands).astype(np.uint16)
data[:, :40, :40] = 0
data[:, 300, :] = 0
ds = gdal.GetDriverByName('GTiff').Create('${dir}/ms.tif', n, n, 5, gdal.GDT_UInt16)
ds.SetGeoTransform((${minX}, ${res}, 0, ${maxY}, 0, -${res}))
srs = osr.SpatialReference(); srs.ImportFromEPSG(3857); ds.SetProjection(srs.ExportToWkt())
for i in range(5):
    ds.GetRasterBand(i + 1).WriteArray(data[i]); ds.GetRasterBand(i + 1).SetNoDataValue(0)
ds = None
`,
  ]);
  const src = await openTiff(memorySource(new Uint8Array(readFileSync(path.join(dir, 'ms.tif')))));
  await writeCog(src.reader(0), { path: path.join(dir, 'cog.tif') });
  tiff = await openTiff(memorySource(new Uint8Array(readFileSync(path.join(dir, 'cog.tif')))));
  source = new WarpSource(tiff);
}, 120_000);
afterAll(() => {
  if (dir && !process.env.KEEP) rmSync(dir, { recursive: true, force: true });
});

/** GDAL's float64 band values of a tile: band-sequential, NaN where nodata. */
async function gdalTile(tile: TileAddress): Promise<Float64Array[]> {
  const b = tileBounds(tile);
  const out = path.join(dir, `ref-${tile.x}-${tile.y}.tif`);
  await sh('gdalwarp', [
    '-q',
    '-overwrite',
    '-t_srs',
    'EPSG:3857',
    '-te',
    `${b.minX}`,
    `${b.minY}`,
    `${b.maxX}`,
    `${b.maxY}`,
    '-ts',
    '256',
    '256',
    '-r',
    'bilinear',
    '-ot',
    'Float64',
    '-dstnodata',
    'nan',
    path.join(dir, 'cog.tif'),
    out,
  ]);
  await sh('gdal_translate', ['-q', '-of', 'ENVI', '-co', 'INTERLEAVE=BSQ', out, `${out}.raw`]);
  const raw = readFileSync(`${out}.raw`);
  const all = new Float64Array(raw.buffer, raw.byteOffset, raw.byteLength / 8);
  return Array.from({ length: 5 }, (_, i) => all.subarray(i * 65536, (i + 1) * 65536));
}

describe.skipIf(!hasGdal)('index tiles equal the formula on GDAL-read pixels', () => {
  it('reads full resolution, with the raster on the tile grid', () => {
    expect(source.levelFor(Z, 256)).toBe(0);
  });

  it.each(tiles.map((t) => [`${t.x}/${t.y}`, t] as const))(
    'tile %s: all 14 indices within 1e-6',
    async (_, tile) => {
      const ref = await gdalTile(tile);
      for (const name of INDEX_NAMES) {
        const product = indexProduct(name);
        const warped = await source.warp({
          tile,
          tileSize: 256,
          bands: product.bands(BANDS, source.info),
          resampling: product.resampling,
        });
        const ours = product.values(warped.pixels!, BANDS);
        let compared = 0;
        let nans = 0;
        const failures: string[] = [];
        for (let p = 0; p < 65536; p++) {
          const px = Object.fromEntries(BANDS.names.map((n, i) => [n, ref[i]![p]! * 1e-4]));
          const expected = FORMULA[name]!(px);
          const got = ours[p]!;
          if (!Number.isFinite(expected)) {
            if (!Number.isNaN(got)) failures.push(`${name} pixel ${p}: ${got}, expected NaN`);
            nans++;
          } else if (!(Math.abs(got - expected) <= 1e-6 * Math.max(1, Math.abs(expected)))) {
            failures.push(`${name} pixel ${p}: ${got}, expected ${expected}`);
          } else compared++;
        }
        expect(failures.slice(0, 5)).toEqual([]);
        expect(compared).toBeGreaterThan(30_000);
        if (tile.x === X0 && tile.y === Y0) expect(nans).toBeGreaterThanOrEqual(40 * 40);
      }
    },
  );

  it('colours each value through the colormap over the display range', async () => {
    const product = indexProduct('ndvi');
    const tile = tiles[3]!;
    const warped = await source.warp({
      tile,
      tileSize: 256,
      bands: product.bands(BANDS, source.info),
      resampling: 'bilinear',
    });
    const ctx = { params: { colormap: 'viridis' }, defaultRange: [0, 1] as const, bands: BANDS };
    const rgba = product.colour(warped.pixels!, ctx);
    const values = product.values(warped.pixels!, BANDS);
    const { lut } = colormapNamed('viridis');
    for (const p of [0, 1000, 40_000, 65_535]) {
      const i = lutIndex(values[p]!, 0, 1);
      expect([...rgba.subarray(p * 4, p * 4 + 4)]).toEqual([lut[i * 3], lut[i * 3 + 1], lut[i * 3 + 2], 255]);
    }
  });
});
