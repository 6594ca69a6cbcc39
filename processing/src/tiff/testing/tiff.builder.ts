/**
 * Test helper: writes TIFF and BigTIFF files byte by byte, in either byte order, so that tests can
 * craft the broken or hostile headers GDAL refuses to write (loops, huge declared sizes, truncation).
 * Layout: header, then `data` at dataOffset(bigTiff), then each IFD followed by its out-of-line values.
 */
import { FieldType, fieldSize, Tag } from '../tiff.tags.ts';

export interface CraftTag {
  readonly tag: number;
  readonly type: number;
  readonly values: ReadonlyArray<number> | string;
  /** Declared count when it should differ from the values written. */
  readonly count?: number;
}

export interface CraftIfd {
  readonly tags: ReadonlyArray<CraftTag>;
  /** Index of an earlier IFD to point back to instead of the next one (an IFD loop). */
  readonly loopTo?: number;
}

export interface CraftOptions {
  readonly ifds: ReadonlyArray<CraftIfd>;
  readonly littleEndian?: boolean;
  readonly bigTiff?: boolean;
  /** Bytes placed right after the header, e.g. strips. */
  readonly data?: Uint8Array;
  /** Zero padding up to this many bytes at the end. */
  readonly padTo?: number;
}

export function dataOffset(bigTiff = false): number {
  return bigTiff ? 16 : 8;
}

function writeValue(view: DataView, at: number, type: number, v: number, le: boolean): void {
  switch (type) {
    case FieldType.Short:
      return view.setUint16(at, v, le);
    case FieldType.SShort:
      return view.setInt16(at, v, le);
    case FieldType.Long:
      return view.setUint32(at, v, le);
    case FieldType.Double:
      return view.setFloat64(at, v, le);
    case FieldType.Float:
      return view.setFloat32(at, v, le);
    case FieldType.Long8:
      return view.setBigUint64(at, BigInt(v), le);
    default:
      return view.setUint8(at, v);
  }
}

function valueBytes(t: CraftTag): number[] {
  return typeof t.values === 'string' ? [...Buffer.from(`${t.values}\0`, 'latin1')] : [...t.values];
}

export function craftTiff({
  ifds,
  littleEndian: le = true,
  bigTiff = false,
  data,
  padTo = 0,
}: CraftOptions): Uint8Array {
  const entrySize = bigTiff ? 20 : 12;
  const inlineSize = bigTiff ? 8 : 4;
  const word = bigTiff ? 8 : 4;
  // Pass 1: offsets of each IFD and its values.
  let at = dataOffset(bigTiff) + (data?.length ?? 0);
  at += at % 2;
  const starts: number[] = [];
  for (const ifd of ifds) {
    starts.push(at);
    at += (bigTiff ? 8 : 2) + ifd.tags.length * entrySize + word;
    for (const t of ifd.tags) {
      const bytes = valueBytes(t).length * (fieldSize(t.type) ?? 1);
      if (bytes > inlineSize) at += bytes + (bytes % 2);
    }
  }
  const out = new Uint8Array(Math.max(at, padTo));
  const view = new DataView(out.buffer);
  out.set(le ? [0x49, 0x49] : [0x4d, 0x4d]);
  view.setUint16(2, bigTiff ? 43 : 42, le);
  if (bigTiff) {
    view.setUint16(4, 8, le);
    view.setBigUint64(8, BigInt(starts[0] ?? 0), le);
  } else {
    view.setUint32(4, starts[0] ?? 0, le);
  }
  if (data) out.set(data, dataOffset(bigTiff));
  // Pass 2: entries and values.
  ifds.forEach((ifd, i) => {
    let p = starts[i] ?? 0;
    const tags = [...ifd.tags].sort((a, b) => a.tag - b.tag);
    if (bigTiff) view.setBigUint64(p, BigInt(tags.length), le);
    else view.setUint16(p, tags.length, le);
    p += bigTiff ? 8 : 2;
    let valueAt = p + tags.length * entrySize + word;
    for (const t of tags) {
      const values = valueBytes(t);
      const size = fieldSize(t.type) ?? 1;
      const count = t.count ?? values.length;
      view.setUint16(p, t.tag, le);
      view.setUint16(p + 2, t.type, le);
      if (bigTiff) view.setBigUint64(p + 4, BigInt(count), le);
      else view.setUint32(p + 4, count, le);
      const inline = values.length * size <= inlineSize;
      const target = inline ? p + (bigTiff ? 12 : 8) : valueAt;
      if (!inline) {
        if (bigTiff) view.setBigUint64(p + 12, BigInt(valueAt), le);
        else view.setUint32(p + 8, valueAt, le);
        valueAt += values.length * size + ((values.length * size) % 2);
      }
      values.forEach((v, k) => writeValue(view, target + k * size, t.type, v, le));
      p += entrySize;
    }
    const next = ifd.loopTo !== undefined ? (starts[ifd.loopTo] ?? 0) : (starts[i + 1] ?? 0);
    if (bigTiff) view.setBigUint64(p, BigInt(next), le);
    else view.setUint32(p, next, le);
  });
  return out;
}

/** Tags of a georeferenced image: 1 m pixels from (500000, 5500000) in `epsg` (a projected code). */
export function geoTags(epsg: number): CraftTag[] {
  return [
    { tag: Tag.ModelPixelScale, type: FieldType.Double, values: [1, 1, 0] },
    { tag: Tag.ModelTiepoint, type: FieldType.Double, values: [0, 0, 0, 500000, 5500000, 0] },
    {
      tag: Tag.GeoKeyDirectory,
      type: FieldType.Short,
      values: [1, 1, 0, 2, 1024, 0, 1, 1, 3072, 0, 1, epsg],
    },
  ];
}

/** Tags of a width×height uint8 image with `bands` bands in one uncompressed strip at `offset`. */
export function stripTags(width: number, height: number, bands: number, offset: number): CraftTag[] {
  return [
    { tag: Tag.ImageWidth, type: FieldType.Long, values: [width] },
    { tag: Tag.ImageLength, type: FieldType.Long, values: [height] },
    { tag: Tag.BitsPerSample, type: FieldType.Short, values: Array<number>(bands).fill(8) },
    { tag: Tag.SamplesPerPixel, type: FieldType.Short, values: [bands] },
    { tag: Tag.RowsPerStrip, type: FieldType.Long, values: [height] },
    { tag: Tag.StripOffsets, type: FieldType.Long, values: [offset] },
    { tag: Tag.StripByteCounts, type: FieldType.Long, values: [width * height * bands] },
  ];
}
