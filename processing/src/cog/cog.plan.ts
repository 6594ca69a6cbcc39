/**
 * What a COG of a given raster looks like before any pixel is read: the pyramid of levels (halve,
 * rounding up, until both sides are < 512 — SPEC §2.1 asks for overviews down to < 512 px, one level
 * further than GDAL's default for sides that reach exactly 512), the TIFF sample layout (photometric, extra
 * samples, sample format, predictor), how overviews treat invalid pixels (alpha, mask, nodata)
 * and the georeferencing tags; a raster the writer cannot represent is refused here, up front.
 * Reference: SPEC §2.1 "Conversion to a Cloud Optimized GeoTIFF"; GDAL COG driver.
 */
import { UnsupportedRasterError } from '../errors.ts';
import type { RasterInfo, SampleFormat } from '../raster/types.ts';
import { georeferencingEntries } from './geo.keys.ts';
import type { BandMetadataOut } from './gdal.metadata.ts';
import type { IfdEntry } from './ifd.encode.ts';
import { BYTES_PER_SAMPLE } from '../raster/pixel.array.ts';
import { TIFF_SAMPLE_FORMAT } from '../tiff/sample.type.ts';
import { ExtraSample, Photometric, Predictor } from '../tiff/tiff.tags.ts';

export const TILE_SIZE = 512;

/**
 * How a 2×2 average decides what is valid:
 * - `alpha`: a pixel is valid when its alpha sample is > 0 (the alpha band is itself averaged);
 * - `mask`: the reader's per-pixel mask (written as an internal 1-bit mask);
 * - `nodata`: a sample is valid when it differs from the declared nodata value (NaN included);
 * - `plain`: every pixel is valid.
 */
export type AverageRule =
  | { readonly kind: 'plain' }
  | { readonly kind: 'mask' }
  | { readonly kind: 'alpha'; readonly band: number }
  | { readonly kind: 'nodata'; readonly value: number };

export interface LevelSize {
  readonly width: number;
  readonly height: number;
  readonly tilesX: number;
  readonly tilesY: number;
}

export interface SampleLayout {
  readonly bands: number;
  readonly sampleFormat: SampleFormat;
  readonly bytesPerSample: number;
  readonly sampleFormatCode: number;
  readonly predictor: number;
  readonly photometric: number;
  readonly extraSamples: ReadonlyArray<number>;
}

export interface CogPlan {
  readonly info: RasterInfo;
  /** Full resolution first, then each overview. */
  readonly levels: ReadonlyArray<LevelSize>;
  readonly layout: SampleLayout;
  readonly rule: AverageRule;
  /** GeoKeys and model transform tags of the main IFD, checked before any pixel is read. */
  readonly georeferencing: ReadonlyArray<IfdEntry>;
  /** Extra band descriptions and statistics for GDAL_METADATA. */
  readonly bandMetadata: ReadonlyArray<BandMetadataOut>;
}

function levelSize(width: number, height: number): LevelSize {
  return { width, height, tilesX: Math.ceil(width / TILE_SIZE), tilesY: Math.ceil(height / TILE_SIZE) };
}

/** Full resolution, then successive halvings (rounded up) until both sides are < 512 px. */
export function pyramidSizes(width: number, height: number): LevelSize[] {
  const levels = [levelSize(width, height)];
  let w = width;
  let h = height;
  while (w >= TILE_SIZE || h >= TILE_SIZE) {
    w = Math.ceil(w / 2);
    h = Math.ceil(h / 2);
    levels.push(levelSize(w, h));
  }
  return levels;
}

const PREDICTOR: Record<SampleFormat, number> = {
  uint8: Predictor.Horizontal,
  uint16: Predictor.Horizontal,
  int16: Predictor.Horizontal,
  float32: Predictor.FloatingPoint,
};

function sampleLayout(info: RasterInfo): SampleLayout {
  const [r, g, b] = info.bandNames;
  const rgb = info.bands >= 3 && r === 'red' && g === 'green' && b === 'blue';
  const colourBands = rgb ? 3 : 1;
  if (info.alphaBand !== null && (info.alphaBand < colourBands || info.alphaBand >= info.bands)) {
    throw new UnsupportedRasterError(
      `alpha is band ${info.alphaBand + 1} of ${info.bands}; it must follow the ${colourBands} colour band(s)`,
    );
  }
  const extraSamples: number[] = [];
  for (let band = colourBands; band < info.bands; band++) {
    extraSamples.push(band === info.alphaBand ? ExtraSample.UnassociatedAlpha : ExtraSample.Unspecified);
  }
  return {
    bands: info.bands,
    sampleFormat: info.sampleFormat,
    bytesPerSample: BYTES_PER_SAMPLE[info.sampleFormat],
    sampleFormatCode: TIFF_SAMPLE_FORMAT[info.sampleFormat],
    predictor: PREDICTOR[info.sampleFormat],
    photometric: rgb ? Photometric.Rgb : Photometric.MinIsBlack,
    extraSamples,
  };
}

/** Alpha wins over nodata, nodata over an internal mask. */
function averageRule(info: RasterInfo): AverageRule {
  if (info.alphaBand !== null) return { kind: 'alpha', band: info.alphaBand };
  if (info.noData !== null) return { kind: 'nodata', value: info.noData };
  return info.hasMask ? { kind: 'mask' } : { kind: 'plain' };
}

export function planCog(info: RasterInfo, bandMetadata: ReadonlyArray<BandMetadataOut> = []): CogPlan {
  const positive = (n: number): boolean => Number.isInteger(n) && n > 0;
  if (!positive(info.width) || !positive(info.height) || !positive(info.bands)) {
    throw new UnsupportedRasterError(
      `raster declares ${info.width}×${info.height} px × ${info.bands} bands; all must be positive integers`,
    );
  }
  return {
    info,
    levels: pyramidSizes(info.width, info.height),
    layout: sampleLayout(info),
    rule: averageRule(info),
    georeferencing: georeferencingEntries(info.crs, info.transform),
    bandMetadata,
  };
}
