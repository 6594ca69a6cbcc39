import { describe, expect, it } from 'vitest';
import type { PixelBlock, RasterInfo, RasterReader } from '../raster/types.ts';
import { indexDefinition } from './index.kernel.ts';
import { greenCoverReader, indexRasterReader } from './index.reader.ts';

const INFO: RasterInfo = {
  width: 2,
  height: 2,
  bands: 3,
  sampleFormat: 'uint8',
  crs: {
    epsg: 32648,
    proj4: '+proj=utm +zone=48 +datum=WGS84 +units=m +no_defs',
    name: 'WGS 84 / UTM zone 48N',
  },
  transform: [500000, 0.05, 0, 5300000, 0, -0.05],
  noData: null,
  alphaBand: null,
  hasMask: true,
  bandNames: ['red', 'green', 'blue'],
};

// Pixels (R, G, B): green grass, bare soil, black (ExG undefined: R+G+B = 0), masked.
const SOURCE: RasterReader = {
  info: INFO,
  async readWindow(w): Promise<PixelBlock> {
    expect(w).toEqual({ x: 0, y: 0, width: 2, height: 2 });
    return {
      width: 2,
      height: 2,
      bands: 3,
      data: Uint8Array.from([60, 100, 40, 120, 100, 80, 0, 0, 0, 90, 90, 90]),
      mask: Uint8Array.from([255, 255, 255, 0]),
    };
  },
};

const src = { reader: SOURCE, definition: indexDefinition('exg'), offsets: [0, 1, 2], reflectance: null };

describe('derived readers', () => {
  it('give the index as float32 with a mask where it is undefined', async () => {
    const r = indexRasterReader(src);
    expect(r.info).toMatchObject({ bands: 1, sampleFormat: 'float32', hasMask: true, alphaBand: null });
    expect(r.info.transform).toEqual(INFO.transform);
    const block = await r.readWindow({ x: 0, y: 0, width: 2, height: 2 });
    // ExG: (2·100 − 60 − 40)/200 = 0.5; (200 − 120 − 80)/300 = 0.
    expect(block.data[0]).toBeCloseTo(0.5, 6);
    expect(block.data[1]).toBe(0);
    expect(block.data[2]).toBeNaN();
    expect(block.data[3]).toBeNaN();
    expect([...block.mask!]).toEqual([255, 255, 0, 0]);
  });

  it('give green cover as 100 / 0 by the threshold, masked where undefined', async () => {
    const block = await greenCoverReader(src, 0.1).readWindow({ x: 0, y: 0, width: 2, height: 2 });
    expect([...block.data]).toEqual([100, 0, 0, 0]);
    expect([...block.mask!]).toEqual([255, 255, 0, 0]);
    // A threshold equal to the value counts as green (index ≥ threshold).
    const atZero = await greenCoverReader(src, 0).readWindow({ x: 0, y: 0, width: 2, height: 2 });
    expect([...atZero.data].slice(0, 2)).toEqual([100, 100]);
  });
});
