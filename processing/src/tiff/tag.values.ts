/**
 * The values of IFD entries as numbers or text, fetched from the file when they do not fit inline.
 * Only called for known tags, whose byte size the IFD parser has already bounded.
 * Reference: TIFF 6.0 §2 "Types"; BigTIFF types 16–18.
 */
import type { TiffByteReader } from './byte.reader.ts';
import type { IfdEntry, RawIfd } from './ifd.chain.ts';
import { malformedTiff } from './tiff.errors.ts';
import type { TiffHeader } from './tiff.header.ts';
import { FieldType, tagName } from './tiff.tags.ts';

function decodeValue(view: DataView, type: number, at: number, le: boolean): number {
  switch (type) {
    case FieldType.SByte:
      return view.getInt8(at);
    case FieldType.Short:
      return view.getUint16(at, le);
    case FieldType.SShort:
      return view.getInt16(at, le);
    case FieldType.Long:
    case FieldType.Ifd:
      return view.getUint32(at, le);
    case FieldType.SLong:
      return view.getInt32(at, le);
    case FieldType.Rational:
      return view.getUint32(at, le) / view.getUint32(at + 4, le);
    case FieldType.SRational:
      return view.getInt32(at, le) / view.getInt32(at + 4, le);
    case FieldType.Float:
      return view.getFloat32(at, le);
    case FieldType.Double:
      return view.getFloat64(at, le);
    case FieldType.Long8:
    case FieldType.Ifd8:
      return Number(view.getBigUint64(at, le));
    case FieldType.SLong8:
      return Number(view.getBigInt64(at, le));
    default:
      return view.getUint8(at);
  }
}

async function entryBytes(reader: TiffByteReader, ifd: RawIfd, entry: IfdEntry): Promise<Uint8Array> {
  return (
    entry.inline ??
    reader.readMetadata(entry.valueOffset, entry.byteLength, `IFD ${ifd.index} ${tagName(entry.tag)}`)
  );
}

function toNumbers(bytes: Uint8Array, entry: IfdEntry, le: boolean): Float64Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const size = entry.byteLength / Math.max(entry.count, 1);
  const values = new Float64Array(entry.count);
  for (let i = 0; i < entry.count; i++) values[i] = decodeValue(view, entry.type, i * size, le);
  return values;
}

/** All values of a numeric tag, or null when the IFD does not have it. */
export async function tagNumbers(
  reader: TiffByteReader,
  header: TiffHeader,
  ifd: RawIfd,
  tag: number,
): Promise<Float64Array | null> {
  const entry = ifd.entries.get(tag);
  if (!entry) return null;
  if (entry.type === FieldType.Ascii)
    throw malformedTiff(`IFD ${ifd.index} ${tagName(tag)} is text, a number was expected`);
  return toNumbers(await entryBytes(reader, ifd, entry), entry, header.littleEndian);
}

/** The text of an ASCII tag without its trailing NULs, or null when the IFD does not have it. */
export async function tagText(reader: TiffByteReader, ifd: RawIfd, tag: number): Promise<string | null> {
  const entry = ifd.entries.get(tag);
  if (!entry) return null;
  const bytes = await entryBytes(reader, ifd, entry);
  return new TextDecoder('latin1').decode(bytes).replace(/\0+$/, '');
}

/**
 * The single value of a tag stored inside the entry (ImageWidth, SamplesPerPixel…), readable before
 * any other fetch; null when absent. A value stored elsewhere is refused: these tags have one value.
 */
export function inlineNumber(header: TiffHeader, ifd: RawIfd, tag: number): number | null {
  const entry = ifd.entries.get(tag);
  if (!entry) return null;
  if (!entry.inline || entry.count < 1 || entry.type === FieldType.Ascii) {
    throw malformedTiff(
      `IFD ${ifd.index} ${tagName(tag)} must hold one number, it holds ${entry.count} values`,
    );
  }
  const view = new DataView(entry.inline.buffer, entry.inline.byteOffset, entry.inline.byteLength);
  return decodeValue(view, entry.type, 0, header.littleEndian);
}
