/**
 * unitIndexGrid on a stand-in raster: the pixel-centre mask by hand, the window's geotransform, and the
 * refusal of a window over the pixel bound with the resolution that would fit.
 * Reference: issue 6 (bounded work); GDAL's pixel-centre rule.
 */
import { describe, expect, it } from 'vitest';
import {
  indexDefinition,
  PayloadTooLargeError,
  type GeoTransform,
  type PixelBlock,
  type RasterInfo,
  type Tiff,
} from '@belcheer/processing';
import { lookupCrs } from '../../../processing/src/geo/crs.ts';
import { unitIndexGrid } from './unit.index.grid.ts';

/** 10 cm pixels from (500 000, 5 000 000), UTM 48N. */
const T: GeoTransform = [500000, 0.1, 0, 5000000, 0, -0.1];
const EXG = { definition: indexDefinition('exg'), offsets: [0, 1, 2], reflectance: null };

/** A one-level raster of `size` px a side whose every pixel is (r, g, b) = (100, 120, 80): ExG 0.2. */
function standIn(size: number): Tiff {
  const info = { width: size, height: size, bands: 3, crs: lookupCrs(32648)!, transform: T } as RasterInfo;
  const reader = {
    info,
    async readWindow(w: { width: number; height: number }): Promise<PixelBlock> {
      const data = new Uint8Array(w.width * w.height * 3);
      for (let p = 0; p < w.width * w.height; p++) data.set([100, 120, 80], p * 3);
      return { width: w.width, height: w.height, bands: 3, data, mask: null };
    },
  };
  return { info, levels: [{ info }], level: () => ({ info }), reader: () => reader } as unknown as Tiff;
}

/** A rectangle in pixel coordinates of T, as a UTM polygon. */
function rect(x0: number, y0: number, x1: number, y1: number) {
  const at = (x: number, y: number): [number, number] => [T[0] + x * T[1], T[3] + y * T[5]];
  return {
    type: 'Polygon' as const,
    coordinates: [[at(x0, y0), at(x1, y0), at(x1, y1), at(x0, y1), at(x0, y0)]],
  };
}

describe('unitIndexGrid', () => {
  it('keeps the pixels whose centre is inside, NaN elsewhere', async () => {
    // x 1.8 … 4.7 px: centres 2.5, 3.5, 4.5 inside (1.5 out); y 2.2 … 4.4: centres 2.5, 3.5 inside.
    // Window: floor/ceil of the bbox → columns 1–4, rows 2–4 (4 × 3), origin at pixel (1, 2).
    const grid = await unitIndexGrid(standIn(8), 0, rect(1.8, 2.2, 4.7, 4.4), EXG);
    expect([grid.width, grid.height]).toEqual([4, 3]);
    expect(grid.transform).toEqual([500000.1, 0.1, 0, 4999999.8, 0, -0.1]);
    expect(grid.resolutionM).toBeCloseTo(0.1, 12);
    const inside = [...grid.values].map((v) => (Number.isNaN(v) ? 0 : 1));
    expect(inside).toEqual([0, 1, 1, 1, 0, 1, 1, 1, 0, 0, 0, 0]);
    for (const v of grid.values) if (!Number.isNaN(v)) expect(v).toBeCloseTo(0.2, 6);
  });

  it('refuses a window over the bound and names a resolution that fits', async () => {
    // 600 × 600 px = 360 000 px over 250 000: 0.1 m × √(360 000 / 250 000) = 0.12 m
    const refused = unitIndexGrid(standIn(1000), 0, rect(0, 0, 600, 600), EXG, 250_000);
    await expect(refused).rejects.toThrow(PayloadTooLargeError);
    await expect(refused).rejects.toThrow(/600×600 px .* ask for resolution_m=0.12 or coarser/);
  });
});
