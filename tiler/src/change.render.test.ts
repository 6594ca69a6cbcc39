/**
 * changeValues on two single-colour rasters laid on one tile (ExG by hand) and changeLegend against the
 * colormap table. Reference: issue 6 (difference product tile layer).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openTiff, writeCog, type PixelBlock, type RasterReader } from '@belcheer/processing';
import { lookupCrs } from '../../processing/src/geo/crs.ts';
import { memorySource } from '../../processing/src/tiff/testing/memory.source.ts';
import { CHANGE_RANGE, changeLegend, changeValues, type ChangeSide } from './change.render.ts';
import { colormapNamed, lutIndex } from './colormap.ts';
import { tileBounds, tileSpan, type TileAddress } from './tile.matrix.ts';
import { WarpSource } from './warp.ts';

const TILE: TileAddress = { z: 18, x: 209_000, y: 95_000 };
const BANDS = { names: ['red', 'green', 'blue'], reflectance: null };
const dir = mkdtempSync(path.join(tmpdir(), 'belcheer-change-render-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A 256 × 256 RGB raster exactly on the tile, every pixel (r, g, b); the left `masked` columns masked. */
async function side(name: string, [r, g, b]: readonly number[], masked = 0): Promise<ChangeSide> {
  const { minX, maxY } = tileBounds(TILE);
  const res = tileSpan(TILE.z) / 256;
  const reader: RasterReader = {
    info: {
      width: 256,
      height: 256,
      bands: 3,
      sampleFormat: 'uint8',
      crs: lookupCrs(3857)!,
      transform: [minX, res, 0, maxY, 0, -res],
      noData: null,
      alphaBand: null,
      hasMask: true,
      bandNames: ['red', 'green', 'blue'],
    },
    async readWindow(w): Promise<PixelBlock> {
      const data = new Uint8Array(w.width * w.height * 3);
      const mask = new Uint8Array(w.width * w.height);
      for (let p = 0; p < w.width * w.height; p++) {
        data.set([r!, g!, b!], p * 3);
        mask[p] = w.x + (p % w.width) < masked ? 0 : 255;
      }
      return { width: w.width, height: w.height, bands: 3, data, mask };
    },
  };
  const file = path.join(dir, `${name}.tif`);
  await writeCog(reader, { path: file });
  const tiff = await openTiff(memorySource(new Uint8Array(readFileSync(file))));
  return { source: new WarpSource(tiff), bands: BANDS };
}

describe('changeValues', () => {
  it('is ExG(to) − ExG(from) by hand, NaN where either side is masked', async () => {
    // ExG = (2g − r − b)/(r + g + b): from (100, 120, 80) → 60/300 = 0.2; to (90, 150, 60) → 150/300 = 0.5
    const from = await side('from', [100, 120, 80], 16);
    const to = await side('to', [90, 150, 60]);
    const req = { index: 'exg', tile: TILE, tileSize: 256 as const, params: {} };
    const values = (await changeValues(from, to, req))!;
    expect(values).toHaveLength(256 * 256);
    for (const p of [0, 15, 16, 255, 256 * 100 + 200]) {
      if (p % 256 < 16) expect(values[p]).toBeNaN();
      else expect(values[p]).toBeCloseTo(0.3, 6);
    }
    // an index the bands cannot make is refused, naming the band
    await expect(changeValues(from, to, { ...req, index: 'ndvi' })).rejects.toThrow(/nir/);
  });

  it('is null when the surveys do not meet in the tile', async () => {
    const from = await side('far', [100, 120, 80]);
    const to = await side('near', [90, 150, 60]);
    const away = { z: TILE.z, x: TILE.x + 5, y: TILE.y };
    expect(await changeValues(from, to, { index: 'exg', tile: away, tileSize: 256, params: {} })).toBeNull();
  });
});

describe('changeLegend', () => {
  it('is rdylgn over ±0.3, 0 in the middle, or the rescale', () => {
    const legend = changeLegend('ndvi', {});
    expect(CHANGE_RANGE).toEqual([-0.3, 0.3]);
    expect(legend).toMatchObject({ product: 'change-ndvi', kind: 'continuous', colormap: 'rdylgn' });
    expect(legend.range).toEqual([-0.3, 0.3]);
    expect(legend.stops![5]!.value).toBeCloseTo(0, 12);
    const { lut } = colormapNamed('rdylgn');
    const mid = lutIndex(0, -0.3, 0.3) * 3; // round(127.5) = 128
    expect(mid).toBe(128 * 3);
    const hex = [lut[mid]!, lut[mid + 1]!, lut[mid + 2]!].map((c) => c.toString(16).padStart(2, '0'));
    expect(legend.stops![5]!.color).toBe(`#${hex.join('')}`);
    expect(changeLegend('ndvi', { rescale: [-1, 0.5], colormap: 'viridis' })).toMatchObject({
      range: [-1, 0.5],
      colormap: 'viridis',
    });
  });
});
