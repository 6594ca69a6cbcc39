/**
 * One image of a TIFF (an IFD): size, sample layout, codec and where its tiles or strips are, checked
 * against the limits before anything large is read. Sizes, band count and codec come from the
 * entries themselves, so a 4 KB file declaring 200000×200000 px is refused before its arrays are read.
 * Reference: TIFF 6.0 §8 (baseline fields), §15 (tiles), §14 (predictor); SPEC §2.1.
 */
import type { SampleFormat } from '../raster/types.ts';
import type { TiffByteReader } from './byte.reader.ts';
import { compressionName, isSupportedCompression } from './codec/compression.ts';
import type { RawIfd } from './ifd.chain.ts';
import { sampleFormatOf, sampleTypeName } from './sample.type.ts';
import { inlineNumber, tagNumbers } from './tag.values.ts';
import { malformedTiff, refusedTiff } from './tiff.errors.ts';
import type { TiffHeader } from './tiff.header.ts';
import type { TiffLimits } from './tiff.limits.ts';
import { Tag, tagName } from './tiff.tags.ts';

export interface TiffImage {
  /** Position of the IFD in the chain. */
  readonly ifd: number;
  /** NewSubfileType bit 0: a reduced-resolution copy (an overview). */
  readonly reduced: boolean;
  /** NewSubfileType bit 2: a transparency mask (decoded to 0/255). */
  readonly mask: boolean;
  readonly width: number;
  readonly height: number;
  readonly samplesPerPixel: number;
  /** 1 for bit masks, else 8, 16 or 32. */
  readonly bitsPerSample: number;
  /** Format of the decoded samples; 'uint8' for masks. */
  readonly sampleFormat: SampleFormat;
  readonly compression: number;
  /** 1 none, 2 horizontal differencing, 3 floating point. */
  readonly predictor: number;
  /** PlanarConfiguration 2: one set of tiles or strips per band. */
  readonly planarSeparate: boolean;
  readonly photometric: number | null;
  readonly extraSamples: ReadonlyArray<number>;
  readonly tiled: boolean;
  /** Tile size, or image width × RowsPerStrip for strips. */
  readonly blockWidth: number;
  readonly blockHeight: number;
  readonly blocksAcross: number;
  readonly blocksDown: number;
  /** Per block (band-major when planar separate): file offset and stored size; both 0 for a sparse block. */
  readonly offsets: Float64Array;
  readonly byteCounts: Float64Array;
}

/** NewSubfileType flags (TIFF 6.0 §8). */
export const SUBFILE_REDUCED = 1;
export const SUBFILE_MASK = 4;

const PHOTOMETRIC_YCBCR = 6;

/** "tile 7 (row 1, column 3) of IFD 0", "strip 12 of band 2 of IFD 1" for messages. */
export function blockName(image: TiffImage, block: number): string {
  const perBand = image.blocksAcross * image.blocksDown;
  const index = block % perBand;
  const band = image.planarSeparate ? ` of band ${Math.floor(block / perBand) + 1}` : '';
  const where = image.tiled
    ? `tile ${index} (row ${Math.floor(index / image.blocksAcross)}, column ${index % image.blocksAcross})`
    : `strip ${index}`;
  return `${where}${band} of IFD ${image.ifd}`;
}

function positiveInteger(value: number | null, what: string): number {
  if (value === null) throw malformedTiff(`${what} is missing`);
  if (!Number.isSafeInteger(value) || value <= 0)
    throw malformedTiff(`${what} is ${value}, a positive integer is required`);
  return value;
}

function single(values: Float64Array | null, fallback: number, what: string): number {
  const first = values?.[0] ?? fallback;
  if (values && values.some((v) => v !== first)) {
    throw refusedTiff(
      'unsupported_format',
      `${what} differs between bands (${Array.from(values).join(', ')})`,
    );
  }
  return first;
}

function resolveSampleFormat(
  ifd: number,
  mask: boolean,
  tiffFormat: number,
  bits: number,
  spp: number,
): SampleFormat {
  if (mask) {
    if (spp !== 1 || (bits !== 1 && bits !== 8) || tiffFormat !== 1) {
      throw refusedTiff(
        'unsupported_format',
        `IFD ${ifd} is a mask with ${spp} × ${sampleTypeName(tiffFormat, bits)} samples; only 1-bit or 8-bit single-band masks are supported`,
      );
    }
    return 'uint8';
  }
  const format = sampleFormatOf(tiffFormat, bits);
  if (!format) {
    throw refusedTiff(
      'unsupported_format',
      `IFD ${ifd}: sample format ${sampleTypeName(tiffFormat, bits)} is not supported (uint8, uint16, int16, float32 only)`,
    );
  }
  return format;
}

function checkPredictor(ifd: number, predictor: number, format: SampleFormat, bits: number): void {
  const ok =
    predictor === 1 ||
    (predictor === 2 && bits >= 8) ||
    (predictor === 3 && format === 'float32' && bits === 32);
  if (!ok)
    throw refusedTiff(
      'unsupported_format',
      `IFD ${ifd}: Predictor ${predictor} is not supported for ${bits}-bit ${format} samples`,
    );
}

/** Stored bytes of one decoded block, rows padded to whole bytes. */
function blockBytes(width: number, height: number, samples: number, bits: number): number {
  return Math.ceil((width * samples * bits) / 8) * height;
}

interface LayoutInput {
  readonly width: number;
  readonly height: number;
  readonly bits: number;
  /** Samples per pixel inside one stored block. */
  readonly blockSamples: number;
  /** Sets of blocks: the band count when planar separate, else 1. */
  readonly planes: number;
}

type BlockLayout = Pick<
  TiffImage,
  'tiled' | 'blockWidth' | 'blockHeight' | 'blocksAcross' | 'blocksDown' | 'offsets' | 'byteCounts'
>;

/** Tiles or strips: their size, bounded by the block limit, and their offset and size arrays. */
async function readBlockLayout(
  reader: TiffByteReader,
  header: TiffHeader,
  raw: RawIfd,
  limits: TiffLimits,
  { width, height, bits, blockSamples, planes }: LayoutInput,
): Promise<BlockLayout> {
  const ifd = raw.index;
  const num = (tag: number): number | null => inlineNumber(header, raw, tag);
  const tiled = raw.entries.has(Tag.TileWidth) || raw.entries.has(Tag.TileOffsets);
  const blockWidth = tiled ? positiveInteger(num(Tag.TileWidth), `IFD ${ifd} TileWidth`) : width;
  const blockHeight = tiled
    ? positiveInteger(num(Tag.TileLength), `IFD ${ifd} TileLength`)
    : Math.min(positiveInteger(num(Tag.RowsPerStrip) ?? height, `IFD ${ifd} RowsPerStrip`), height);
  const decoded = blockBytes(blockWidth, blockHeight, blockSamples, bits);
  if (decoded > limits.maxBlockBytes) {
    throw refusedTiff(
      'raster_too_large',
      `IFD ${ifd}: one ${tiled ? 'tile' : 'strip'} of ${blockWidth}×${blockHeight} px decodes to ${decoded} bytes, above the limit of ${limits.maxBlockBytes}`,
    );
  }
  const blocksAcross = Math.ceil(width / blockWidth);
  const blocksDown = Math.ceil(height / blockHeight);
  const blocks = blocksAcross * blocksDown * planes;
  const blockArray = async (tag: number): Promise<Float64Array> => {
    const values = await tagNumbers(reader, header, raw, tag);
    if (!values || values.length < blocks) {
      throw malformedTiff(
        `IFD ${ifd} ${tagName(tag)} has ${values?.length ?? 0} values, ${blocks} blocks expected`,
      );
    }
    return values.subarray(0, blocks);
  };
  const offsets = await blockArray(tiled ? Tag.TileOffsets : Tag.StripOffsets);
  const byteCounts = await blockArray(tiled ? Tag.TileByteCounts : Tag.StripByteCounts);
  return { tiled, blockWidth, blockHeight, blocksAcross, blocksDown, offsets, byteCounts };
}

/** Builds and validates the image of one IFD; fetches only its BitsPerSample, SampleFormat and block arrays. */
export async function readTiffImage(
  reader: TiffByteReader,
  header: TiffHeader,
  raw: RawIfd,
  limits: TiffLimits,
): Promise<TiffImage> {
  const ifd = raw.index;
  const num = (tag: number): number | null => inlineNumber(header, raw, tag);
  const subfile = num(Tag.NewSubfileType) ?? 0;
  const mask = (subfile & SUBFILE_MASK) !== 0;
  const width = positiveInteger(num(Tag.ImageWidth), `IFD ${ifd} ImageWidth`);
  const height = positiveInteger(num(Tag.ImageLength), `IFD ${ifd} ImageLength`);
  const spp = positiveInteger(num(Tag.SamplesPerPixel) ?? 1, `IFD ${ifd} SamplesPerPixel`);
  if (spp > limits.maxBands) {
    throw refusedTiff(
      'raster_too_large',
      `IFD ${ifd} declares SamplesPerPixel ${spp}, above the limit of ${limits.maxBands}`,
    );
  }
  const samples = width * height * spp;
  if (samples > limits.maxSamples) {
    throw refusedTiff(
      'raster_too_large',
      `IFD ${ifd} declares ${width}×${height} px × ${spp} bands (${samples} samples), above the limit of ${limits.maxSamples}`,
    );
  }
  const compression = num(Tag.Compression) ?? 1;
  if (!isSupportedCompression(compression)) {
    throw refusedTiff(
      'unsupported_format',
      `IFD ${ifd}: compression ${compressionName(compression)} is not supported (none, LZW, Deflate, PackBits only)`,
    );
  }
  const photometric = num(Tag.Photometric);
  if (photometric === PHOTOMETRIC_YCBCR) {
    throw refusedTiff(
      'unsupported_format',
      `IFD ${ifd}: PhotometricInterpretation YCbCr (6) is not supported`,
    );
  }
  const planar = num(Tag.PlanarConfiguration) ?? 1;
  if (planar !== 1 && planar !== 2)
    throw malformedTiff(`IFD ${ifd} PlanarConfiguration is ${planar}, 1 or 2 expected`);
  const planarSeparate = planar === 2 && spp > 1;

  const bits = single(
    await tagNumbers(reader, header, raw, Tag.BitsPerSample),
    1,
    `IFD ${ifd} BitsPerSample`,
  );
  const tiffFormat = single(
    await tagNumbers(reader, header, raw, Tag.SampleFormat),
    1,
    `IFD ${ifd} SampleFormat`,
  );
  const sampleFormat = resolveSampleFormat(ifd, mask, tiffFormat, bits, spp);
  const predictor = num(Tag.Predictor) ?? 1;
  checkPredictor(ifd, predictor, sampleFormat, bits);
  const extraSamples = Array.from((await tagNumbers(reader, header, raw, Tag.ExtraSamples)) ?? []);

  const layout = await readBlockLayout(reader, header, raw, limits, {
    width,
    height,
    bits,
    blockSamples: planarSeparate ? 1 : spp,
    planes: planarSeparate ? spp : 1,
  });
  const image: TiffImage = {
    ifd,
    reduced: (subfile & SUBFILE_REDUCED) !== 0,
    mask,
    width,
    height,
    samplesPerPixel: spp,
    bitsPerSample: bits,
    sampleFormat,
    compression,
    predictor,
    planarSeparate,
    photometric,
    extraSamples,
    ...layout,
  };
  checkBlocksInFile(image, header.fileSize, limits);
  return image;
}

/** Every tile or strip must lie inside the file: a truncated file is refused when opened. */
function checkBlocksInFile(image: TiffImage, fileSize: number, limits: TiffLimits): void {
  for (let i = 0; i < image.offsets.length; i++) {
    const offset = image.offsets[i] ?? 0;
    const count = image.byteCounts[i] ?? 0;
    if (count > limits.maxBlockBytes) {
      throw refusedTiff(
        'raster_too_large',
        `${blockName(image, i)} stores ${count} bytes, above the limit of ${limits.maxBlockBytes}`,
      );
    }
    if (offset + count > fileSize || !Number.isSafeInteger(offset + count)) {
      throw malformedTiff(
        `${blockName(image, i)} (bytes ${offset}–${offset + count}) is outside the file of ${fileSize} bytes: truncated file`,
      );
    }
  }
}
