import { describe, expect, it } from 'vitest';
import { UnsupportedRasterError } from '../errors.ts';
import type { RasterInfo } from '../raster/types.ts';
import { planCog, pyramidSizes } from './cog.plan.ts';
import { UTM_48N } from './testing/memory.reader.ts';

const sizes = (w: number, h: number): number[][] => pyramidSizes(w, h).map((l) => [l.width, l.height]);

const info = (over: Partial<RasterInfo>): RasterInfo => ({
  width: 10,
  height: 10,
  bands: 4,
  sampleFormat: 'uint8',
  crs: UTM_48N,
  transform: [0, 1, 0, 0, 0, -1],
  noData: null,
  alphaBand: 3,
  hasMask: false,
  bandNames: ['red', 'green', 'blue', 'alpha'],
  ...over,
});

describe('pyramidSizes (halve rounding up until both sides < 512, SPEC §2.1)', () => {
  it('stops at the first level under 512 px a side', () => {
    expect(sizes(4096, 4096)).toEqual([
      [4096, 4096],
      [2048, 2048],
      [1024, 1024],
      [512, 512],
      [256, 256],
    ]);
    expect(sizes(1300, 700)).toEqual([
      [1300, 700],
      [650, 350],
      [325, 175],
    ]);
    expect(sizes(513, 1)).toEqual([
      [513, 1],
      [257, 1],
    ]);
  });

  it('has no overview for a raster under 512 px a side, and one for exactly 512', () => {
    expect(sizes(511, 511)).toEqual([[511, 511]]);
    expect(sizes(1, 1)).toEqual([[1, 1]]);
    expect(sizes(512, 512)).toEqual([
      [512, 512],
      [256, 256],
    ]);
  });

  it('counts tiles per level', () => {
    const [full] = pyramidSizes(1025, 512);
    expect(full).toEqual({ width: 1025, height: 512, tilesX: 3, tilesY: 1 });
  });
});

describe('planCog', () => {
  it('keeps RGBA as RGB + an unassociated alpha extra sample, averaged by alpha', () => {
    const plan = planCog(info({}));
    expect(plan.layout).toMatchObject({
      photometric: 2,
      extraSamples: [2],
      predictor: 2,
      sampleFormatCode: 1,
    });
    expect(plan.rule).toEqual({ kind: 'alpha', band: 3 });
  });

  it('writes 5-band uint16 as min-is-black with 4 unspecified extra samples and nodata averaging', () => {
    const plan = planCog(
      info({ bands: 5, sampleFormat: 'uint16', alphaBand: null, noData: 0, bandNames: [] }),
    );
    expect(plan.layout).toMatchObject({ photometric: 1, extraSamples: [0, 0, 0, 0], bytesPerSample: 2 });
    expect(plan.rule).toEqual({ kind: 'nodata', value: 0 });
  });

  it('uses the floating point predictor for float32 and a mask when the reader has one', () => {
    const plan = planCog(
      info({ bands: 1, sampleFormat: 'float32', alphaBand: null, hasMask: true, bandNames: [] }),
    );
    expect(plan.layout.predictor).toBe(3);
    expect(plan.rule).toEqual({ kind: 'mask' });
  });

  it('refuses what a COG cannot say, before reading pixels', () => {
    expect(() => planCog(info({ alphaBand: 0 }))).toThrow(UnsupportedRasterError);
    expect(() => planCog(info({ width: 0 }))).toThrow(/0×10 px/);
    expect(() => planCog(info({ crs: { epsg: null, proj4: '+proj=utm +zone=48', name: 'custom' } }))).toThrow(
      /no EPSG code/,
    );
  });
});
