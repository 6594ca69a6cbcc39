/**
 * Opens a TIFF or BigTIFF from a ByteSource and validates it from its header alone: magic bytes, IFD
 * chain, limits, sample format, codec, georeferencing, CRS and that every tile or strip lies inside
 * the file. Reads the header, the IFDs and their tag arrays — never pixel data.
 * Reference: SPEC §2.1 (validation before any heavy work); GDAL's GTiff driver for level and mask
 * discovery (NewSubfileType) and nodata/alpha handling.
 */
import type { ByteSource, RasterInfo } from '../raster/types.ts';
import { BlockCache } from './block.cache.ts';
import { BlockReader } from './block.reader.ts';
import { bandNames } from './band.names.ts';
import { TiffByteReader } from './byte.reader.ts';
import { parseGdalMetadata } from './gdal.metadata.ts';
import { parseGdalNoData } from './gdal.nodata.ts';
import { type Georeference, readGeoreference } from './georeference.ts';
import { readIfdChain, type RawIfd } from './ifd.chain.ts';
import { inlineNumber, tagText } from './tag.values.ts';
import { Tiff } from './tiff.ts';
import { refusedTiff } from './tiff.errors.ts';
import { parseTiffHeader, type TiffHeader } from './tiff.header.ts';
import { readTiffImage, SUBFILE_MASK, SUBFILE_REDUCED, type TiffImage } from './tiff.image.ts';
import type { TiffLevel } from './tiff.level.ts';
import { resolveLimits, type TiffLimits } from './tiff.limits.ts';
import { Tag } from './tiff.tags.ts';

export interface OpenTiffOptions {
  /** Overrides of DEFAULT_TIFF_LIMITS. */
  readonly limits?: Partial<TiffLimits>;
  /** Decoded blocks kept in memory across reads, in bytes (default 32 MiB; 0 keeps none). */
  readonly cacheBytes?: number;
}

const DEFAULT_CACHE_BYTES = 32 * 1024 * 1024;

/** ExtraSamples 1 (associated) or 2 (unassociated alpha) → the zero-based alpha band, else null. */
function alphaBandOf(image: TiffImage): number | null {
  const first = image.samplesPerPixel - image.extraSamples.length;
  const i = image.extraSamples.findIndex((v) => v === 1 || v === 2);
  return i >= 0 && first + i >= 0 ? first + i : null;
}

/** Overviews share the full image's bands and sample type; GDAL ignores the others too. */
function matches(image: TiffImage, main: TiffImage): boolean {
  return (
    image.samplesPerPixel === main.samplesPerPixel &&
    image.sampleFormat === main.sampleFormat &&
    image.bitsPerSample === main.bitsPerSample
  );
}

/** IFDs that may be an overview or a mask, by NewSubfileType. */
function isLevelOrMask(header: TiffHeader, raw: RawIfd): boolean {
  const subfile = inlineNumber(header, raw, Tag.NewSubfileType) ?? 0;
  return (subfile & (SUBFILE_REDUCED | SUBFILE_MASK)) !== 0;
}

function levelInfo(
  base: Omit<RasterInfo, 'width' | 'height' | 'transform' | 'hasMask'>,
  main: TiffImage,
  georef: Georeference,
  image: TiffImage,
  mask: TiffImage | null,
): RasterInfo {
  const sx = main.width / image.width;
  const sy = main.height / image.height;
  const [a, b, c, d, e, f] = georef.transform;
  return {
    ...base,
    width: image.width,
    height: image.height,
    transform: [a, b * sx, c * sy, d, e * sx, f * sy],
    hasMask: mask !== null,
  };
}

export async function openTiff(source: ByteSource, options: OpenTiffOptions = {}): Promise<Tiff> {
  const limits = resolveLimits(options.limits);
  const reader = await TiffByteReader.open(source);
  const header = parseTiffHeader(reader.headBytes, source.size);
  const [first, ...rest] = await readIfdChain(reader, header, limits);
  if (!first) throw refusedTiff('not_a_tiff', 'the TIFF has no image');
  const main = await readTiffImage(reader, header, first, limits);
  if (main.mask) throw refusedTiff('unsupported_format', 'IFD 0 is a transparency mask, not an image');
  const georef = await readGeoreference(reader, header, first);
  const others: TiffImage[] = [];
  for (const raw of rest.filter((r) => isLevelOrMask(header, r)))
    others.push(await readTiffImage(reader, header, raw, limits));

  const noData = parseGdalNoData(await tagText(reader, first, Tag.GdalNoData), main.sampleFormat);
  const bandMetadata = parseGdalMetadata(
    await tagText(reader, first, Tag.GdalMetadata),
    main.samplesPerPixel,
  );
  const alphaBand = alphaBandOf(main);
  const base = {
    bands: main.samplesPerPixel,
    sampleFormat: main.sampleFormat,
    crs: georef.crs,
    noData,
    alphaBand,
    bandNames: bandNames(bandMetadata, alphaBand, main.photometric),
  };
  const overviews = others
    .filter((i) => i.reduced && !i.mask && matches(i, main))
    .sort((a, b) => b.width - a.width);
  const masks = others.filter((i) => i.mask);
  const levels: TiffLevel[] = [main, ...overviews].map((image, index) => {
    const mask =
      masks.find(
        (m) => m.width === image.width && m.height === image.height && m.reduced === image.reduced,
      ) ?? null;
    return { index, image, mask, info: levelInfo(base, main, georef, image, mask) };
  });
  const blocks = new BlockReader(
    reader,
    header,
    new BlockCache(options.cacheBytes ?? DEFAULT_CACHE_BYTES),
    noData ?? 0,
  );
  return new Tiff(header, [main, ...others], levels, bandMetadata, limits, blocks);
}
