/**
 * Test helper: a RasterReader over pixel-interleaved arrays held in memory, with a default
 * georeferencing (EPSG:32648, 5 cm pixels) that a test may override.
 */
import type { PixelArray, PixelBlock, RasterInfo, RasterReader, RasterWindow } from '../../raster/types.ts';
import { allocPixels, pixelFormatOf } from '../../raster/pixel.array.ts';

export type MemoryRaster = Pick<RasterInfo, 'width' | 'height' | 'bands'> & Partial<RasterInfo>;

export const UTM_48N = {
  epsg: 32648,
  proj4: '+proj=utm +zone=48 +datum=WGS84 +units=m +no_defs',
  name: 'WGS 84 / UTM zone 48N',
} as const;

export function memoryReader(
  raster: MemoryRaster,
  data: PixelArray,
  mask: Uint8Array | null = null,
): RasterReader {
  const info: RasterInfo = {
    sampleFormat: pixelFormatOf(data),
    crs: UTM_48N,
    transform: [512345, 0.05, 0, 5480000, 0, -0.05],
    noData: null,
    alphaBand: null,
    hasMask: mask !== null,
    bandNames: new Array(raster.bands).fill('other'),
    ...raster,
  };
  if (data.length !== info.width * info.height * info.bands)
    throw new RangeError('data does not fit the raster');
  return {
    info,
    readWindow(w: RasterWindow): Promise<PixelBlock> {
      const { bands } = info;
      const out = allocPixels(info.sampleFormat, w.width * w.height * bands);
      const outMask = mask ? new Uint8Array(w.width * w.height) : null;
      for (let r = 0; r < w.height; r++) {
        const from = (w.y + r) * info.width + w.x;
        out.set(data.subarray(from * bands, (from + w.width) * bands), r * w.width * bands);
        outMask?.set(mask?.subarray(from, from + w.width) ?? [], r * w.width);
      }
      return Promise.resolve({ width: w.width, height: w.height, bands, data: out, mask: outMask });
    },
  };
}
