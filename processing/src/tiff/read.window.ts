/**
 * Reads a window of one level: fetches and decodes only the tiles or strips the window touches,
 * copies their rows into a pixel-interleaved block, and derives the mask — internal mask first, then
 * alpha, then nodata (rasterio's dataset_mask order). Pixels outside the image read 0 and are invalid.
 * The mask is null when every pixel is valid.
 */
import { ValidationError } from '../errors.ts';
import type { PixelArray, PixelBlock, RasterWindow } from '../raster/types.ts';
import type { BlockReader } from './block.reader.ts';
import { alphaAllValid, alphaMask, allValid, noDataMask } from './pixel.mask.ts';
import { allocPixels, pixelsIn } from '../raster/pixel.array.ts';
import type { TiffImage } from './tiff.image.ts';
import type { TiffLevel } from './tiff.level.ts';

function checkWindow(window: RasterWindow, maxPixels: number): void {
  const { x, y, width, height } = window;
  if (![x, y, width, height].every(Number.isSafeInteger) || width < 0 || height < 0) {
    throw new ValidationError(
      `invalid window x=${x} y=${y} width=${width} height=${height}: integers and a non-negative size are required`,
    );
  }
  if (width * height > maxPixels) {
    throw new ValidationError(`window of ${width}×${height} px is above the read limit of ${maxPixels} px`);
  }
}

/** Copies the part of `window` inside `image` into `out` (`bands` samples per pixel). */
async function copyWindow(
  blocks: BlockReader,
  image: TiffImage,
  window: RasterWindow,
  out: PixelArray,
  bands: number,
): Promise<void> {
  const x0 = Math.max(window.x, 0);
  const y0 = Math.max(window.y, 0);
  const x1 = Math.min(window.x + window.width, image.width);
  const y1 = Math.min(window.y + window.height, image.height);
  if (x0 >= x1 || y0 >= y1) return;
  const { blockWidth: bw, blockHeight: bh } = image;
  const cells: Array<readonly [number, number]> = [];
  for (let row = Math.floor(y0 / bh); row * bh < y1; row++) {
    for (let col = Math.floor(x0 / bw); col * bw < x1; col++) cells.push([col, row]);
  }
  const loads = blocks.readMany(image, cells);
  await Promise.all(
    cells.map(async ([col, row], k) => {
      const block = await loads[k];
      if (!block) return;
      const cx0 = Math.max(x0, col * bw);
      const length = (Math.min(x1, (col + 1) * bw) - cx0) * bands;
      for (let y = Math.max(y0, row * bh); y < Math.min(y1, (row + 1) * bh); y++) {
        const src = ((y - row * bh) * bw + (cx0 - col * bw)) * bands;
        const dst = ((y - window.y) * window.width + (cx0 - window.x)) * bands;
        out.set(block.subarray(src, src + length), dst);
      }
    }),
  );
}

/** Marks the pixels of `window` outside a `width`×`height` image invalid. */
function maskOutside(mask: Uint8Array, window: RasterWindow, width: number, height: number): void {
  for (let y = 0; y < window.height; y++) {
    const iy = window.y + y;
    const row = y * window.width;
    if (iy < 0 || iy >= height) {
      mask.fill(0, row, row + window.width);
      continue;
    }
    mask.fill(0, row, row + Math.min(Math.max(-window.x, 0), window.width));
    mask.fill(0, row + Math.max(Math.min(width - window.x, window.width), 0), row + window.width);
  }
}

function inside(window: RasterWindow, width: number, height: number): boolean {
  return (
    window.x >= 0 && window.y >= 0 && window.x + window.width <= width && window.y + window.height <= height
  );
}

async function windowMask(
  blocks: BlockReader,
  level: TiffLevel,
  window: RasterWindow,
  data: PixelArray,
): Promise<Uint8Array | null> {
  const { bands, alphaBand, noData, width, height } = level.info;
  let mask: Uint8Array;
  if (level.mask) {
    mask = new Uint8Array(window.width * window.height);
    await copyWindow(blocks, level.mask, window, mask, 1);
  } else if (alphaBand !== null) {
    // The usual interior window: every alpha non-zero and every pixel inside — no mask to build.
    if (inside(window, width, height) && alphaAllValid(data, bands, alphaBand) === true) return null;
    mask = alphaMask(data, bands, alphaBand);
  } else if (noData !== null) {
    mask = noDataMask(data, bands, noData);
  } else {
    mask = new Uint8Array(window.width * window.height).fill(255);
  }
  maskOutside(mask, window, width, height);
  return allValid(mask) ? null : mask;
}

/**
 * The pixels of `window` at `level`, pixel-interleaved, with their mask; in `into` when it is large
 * enough (zeroed first: pixels outside the image and in sparse blocks read 0).
 */
export async function readLevelWindow(
  blocks: BlockReader,
  level: TiffLevel,
  window: RasterWindow,
  maxPixels: number,
  into?: ArrayBuffer,
): Promise<PixelBlock> {
  checkWindow(window, maxPixels);
  const { bands, sampleFormat } = level.info;
  const length = window.width * window.height * bands;
  const data = into ? pixelsIn(into, sampleFormat, length) : null;
  if (data) data.fill(0);
  else return readInto(blocks, level, window, allocPixels(sampleFormat, length));
  return readInto(blocks, level, window, data);
}

async function readInto(
  blocks: BlockReader,
  level: TiffLevel,
  window: RasterWindow,
  data: PixelArray,
): Promise<PixelBlock> {
  const { bands } = level.info;
  if (data.length === 0) return { width: window.width, height: window.height, bands, data, mask: null };
  await copyWindow(blocks, level.image, window, data, bands);
  return {
    width: window.width,
    height: window.height,
    bands,
    data,
    mask: await windowMask(blocks, level, window, data),
  };
}
