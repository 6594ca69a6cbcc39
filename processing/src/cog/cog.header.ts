/**
 * The head of a COG, written once every tile is compressed: the TIFF (or BigTIFF) header, GDAL's
 * ghost header, then every IFD (full resolution, overviews, then the masks of each) pointing at
 * tile data laid out after them, smallest overview first and full resolution last.
 * BigTIFF is chosen only when the file would pass 4 GiB. Reference: SPEC §2.1; GDAL COG driver;
 * validate_cloud_optimized_geotiff.py (IFD at byte 8 + ghost, overview data in decreasing order).
 */
import type { CogPlan } from './cog.plan.ts';
import { TILE_SIZE } from './cog.plan.ts';
import { gdalMetadataXml, gdalNoDataText, ghostHeader } from './gdal.metadata.ts';
import type { IfdEntry } from './ifd.encode.ts';
import { ifdByteLength, writeIfd } from './ifd.encode.ts';
import { Compression } from '../tiff/codec/compression.ts';
import { FieldType, Photometric, SubfileType, Tag } from '../tiff/tiff.tags.ts';

/** Where one level's tiles sit inside its data file (offsets point past each tile's leader). */
export interface LevelData {
  readonly size: number;
  readonly imageOffsets: ArrayLike<number>;
  readonly imageCounts: ArrayLike<number>;
  readonly maskOffsets: ArrayLike<number> | null;
  readonly maskCounts: ArrayLike<number> | null;
}

export interface CogHeader {
  readonly bytes: Uint8Array;
  readonly bigTiff: boolean;
}

const MAX_CLASSIC = 2 ** 32 - 1;

const shifted = (offsets: ArrayLike<number>, by: number): number[] => Array.from(offsets, (o) => o + by);

function tileEntries(
  width: number,
  height: number,
  offsets: number[],
  counts: ArrayLike<number>,
  bigTiff: boolean,
): IfdEntry[] {
  return [
    { tag: Tag.ImageWidth, type: FieldType.Long, values: [width] },
    { tag: Tag.ImageLength, type: FieldType.Long, values: [height] },
    { tag: Tag.Compression, type: FieldType.Short, values: [Compression.Deflate] },
    { tag: Tag.PlanarConfiguration, type: FieldType.Short, values: [1] },
    { tag: Tag.TileWidth, type: FieldType.Short, values: [TILE_SIZE] },
    { tag: Tag.TileLength, type: FieldType.Short, values: [TILE_SIZE] },
    { tag: Tag.TileOffsets, type: bigTiff ? FieldType.Long8 : FieldType.Long, values: offsets },
    { tag: Tag.TileByteCounts, type: FieldType.Long, values: counts },
  ];
}

function imageIfd(
  plan: CogPlan,
  level: number,
  data: LevelData,
  start: number,
  bigTiff: boolean,
): IfdEntry[] {
  const { layout, info } = plan;
  const size = plan.levels[level];
  if (size === undefined) throw new RangeError(`level ${level} of ${plan.levels.length}`);
  const perBand = (v: number): number[] => new Array<number>(layout.bands).fill(v);
  const entries: IfdEntry[] = [
    ...tileEntries(size.width, size.height, shifted(data.imageOffsets, start), data.imageCounts, bigTiff),
    { tag: Tag.BitsPerSample, type: FieldType.Short, values: perBand(layout.bytesPerSample * 8) },
    { tag: Tag.Photometric, type: FieldType.Short, values: [layout.photometric] },
    { tag: Tag.SamplesPerPixel, type: FieldType.Short, values: [layout.bands] },
    { tag: Tag.Predictor, type: FieldType.Short, values: [layout.predictor] },
    { tag: Tag.SampleFormat, type: FieldType.Short, values: perBand(layout.sampleFormatCode) },
  ];
  if (layout.extraSamples.length > 0) {
    entries.push({ tag: Tag.ExtraSamples, type: FieldType.Short, values: layout.extraSamples });
  }
  if (info.noData !== null) {
    entries.push({ tag: Tag.GdalNoData, type: FieldType.Ascii, values: gdalNoDataText(info.noData) });
  }
  if (level > 0) {
    entries.push({ tag: Tag.NewSubfileType, type: FieldType.Long, values: [SubfileType.Overview] });
    return entries;
  }
  entries.push(...plan.georeferencing);
  const xml = gdalMetadataXml(
    info.bandNames.slice(0, layout.bands),
    layout.photometric === Photometric.Rgb,
    plan.bandMetadata,
  );
  if (xml !== null) entries.push({ tag: Tag.GdalMetadata, type: FieldType.Ascii, values: xml });
  return entries;
}

function maskIfd(plan: CogPlan, level: number, data: LevelData, start: number, bigTiff: boolean): IfdEntry[] {
  const size = plan.levels[level];
  if (size === undefined || data.maskOffsets === null || data.maskCounts === null) {
    throw new RangeError(`no mask data for level ${level}`);
  }
  return [
    ...tileEntries(size.width, size.height, shifted(data.maskOffsets, start), data.maskCounts, bigTiff),
    {
      tag: Tag.NewSubfileType,
      type: FieldType.Long,
      values: [level === 0 ? SubfileType.Mask : SubfileType.OverviewMask],
    },
    { tag: Tag.BitsPerSample, type: FieldType.Short, values: [1] },
    { tag: Tag.Photometric, type: FieldType.Short, values: [Photometric.TransparencyMask] },
    { tag: Tag.SamplesPerPixel, type: FieldType.Short, values: [1] },
    { tag: Tag.SampleFormat, type: FieldType.Short, values: [1] },
  ];
}

function allIfds(
  plan: CogPlan,
  data: ReadonlyArray<LevelData>,
  starts: ReadonlyArray<number>,
  bigTiff: boolean,
): IfdEntry[][] {
  const images = data.map((d, l) => imageIfd(plan, l, d, starts[l] ?? 0, bigTiff));
  const masks =
    plan.rule.kind === 'mask' ? data.map((d, l) => maskIfd(plan, l, d, starts[l] ?? 0, bigTiff)) : [];
  return [...images, ...masks];
}

function headLength(ghost: string, bigTiff: boolean): number {
  const n = (bigTiff ? 16 : 8) + ghost.length;
  return n + (n & 1);
}

function headerLength(
  plan: CogPlan,
  data: ReadonlyArray<LevelData>,
  ghost: string,
  bigTiff: boolean,
): number {
  const ifds = allIfds(plan, data, new Array<number>(data.length).fill(0), bigTiff);
  return ifds.reduce((sum, entries) => sum + ifdByteLength(entries, bigTiff), headLength(ghost, bigTiff));
}

/** Data files follow the header in reverse level order: the smallest overview first. */
function levelStarts(data: ReadonlyArray<LevelData>, headerBytes: number): number[] {
  const starts = new Array<number>(data.length).fill(0);
  let at = headerBytes;
  for (let l = data.length - 1; l >= 0; l--) {
    starts[l] = at;
    at += (data[l] as LevelData).size;
  }
  return starts;
}

export function buildHeader(plan: CogPlan, data: ReadonlyArray<LevelData>, forceBigTiff: boolean): CogHeader {
  const ghost = ghostHeader(plan.rule.kind === 'mask');
  const dataBytes = data.reduce((sum, d) => sum + d.size, 0);
  const bigTiff = forceBigTiff || headerLength(plan, data, ghost, false) + dataBytes > MAX_CLASSIC;
  const length = headerLength(plan, data, ghost, bigTiff);
  const starts = levelStarts(data, length);
  const ifds = allIfds(plan, data, starts, bigTiff);

  const bytes = new Uint8Array(length);
  const view = new DataView(bytes.buffer);
  const first = headLength(ghost, bigTiff);
  view.setUint16(0, 0x4949, true);
  if (bigTiff) {
    view.setUint16(2, 43, true);
    view.setUint16(4, 8, true);
    view.setUint32(8, first, true);
  } else {
    view.setUint16(2, 42, true);
    view.setUint32(4, first, true);
  }
  for (let i = 0; i < ghost.length; i++) bytes[(bigTiff ? 16 : 8) + i] = ghost.charCodeAt(i);
  let at = first;
  ifds.forEach((entries, i) => {
    const next = i + 1 < ifds.length ? at + ifdByteLength(entries, bigTiff) : 0;
    at += writeIfd(view, at, entries, next, bigTiff);
  });
  return { bytes, bigTiff };
}
