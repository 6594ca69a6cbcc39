/**
 * Readers that turn a raster's bands into one derived band window by window, so the streaming COG
 * writer can store an index product (float32, NaN and masked where undefined) or the green-cover
 * layer (uint8: 100 where the index passes the threshold, 0 where not, masked where undefined —
 * overviews then average into the share of green pixels, in %).
 * Reference: DOMAIN.md §2 (indices), §3 (green cover); SPEC §3 `products/{product}.tif`.
 */
import type { PixelBlock, RasterInfo, RasterReader, RasterWindow } from '../raster/types.ts';
import type { IndexDefinition } from './index.definitions.ts';
import { computeIndex, type Reflectance } from './index.kernel.ts';

export interface IndexSource {
  readonly reader: RasterReader;
  readonly definition: IndexDefinition;
  /** Zero-based bands of the index's inputs (see indexBands). */
  readonly offsets: readonly number[];
  readonly reflectance: Reflectance | null;
}

/** One derived band with a per-pixel mask, georeferenced like the source. */
function derivedInfo(info: RasterInfo, sampleFormat: 'uint8' | 'float32'): RasterInfo {
  return {
    ...info,
    bands: 1,
    sampleFormat,
    noData: null,
    alphaBand: null,
    hasMask: true,
    bandNames: ['other'],
  };
}

async function indexWindow(src: IndexSource, window: RasterWindow): Promise<Float32Array> {
  const block = await src.reader.readWindow(window);
  const input = {
    data: block.data,
    stride: block.bands,
    offsets: src.offsets,
    count: block.width * block.height,
    valid: block.mask,
  };
  return computeIndex(src.definition, input, src.reflectance);
}

function maskOf(values: Float32Array): Uint8Array {
  const mask = new Uint8Array(values.length);
  for (let p = 0; p < values.length; p++) mask[p] = values[p] === values[p] ? 255 : 0;
  return mask;
}

/** The index as a float32 band. */
export function indexRasterReader(src: IndexSource): RasterReader {
  return {
    info: derivedInfo(src.reader.info, 'float32'),
    async readWindow(window): Promise<PixelBlock> {
      const data = await indexWindow(src, window);
      return { width: window.width, height: window.height, bands: 1, data, mask: maskOf(data) };
    },
  };
}

/** Green (index ≥ threshold) as 100, not green as 0, undefined masked. */
export function greenCoverReader(src: IndexSource, threshold: number): RasterReader {
  return {
    info: derivedInfo(src.reader.info, 'uint8'),
    async readWindow(window): Promise<PixelBlock> {
      const values = await indexWindow(src, window);
      const data = new Uint8Array(values.length);
      for (let p = 0; p < values.length; p++) data[p] = values[p]! >= threshold ? 100 : 0;
      return { width: window.width, height: window.height, bands: 1, data, mask: maskOf(values) };
    },
  };
}
