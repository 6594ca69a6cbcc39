/**
 * Walks the chain of IFDs and decodes their entries, without fetching tag values stored elsewhere in
 * the file. Hard limits: a visited-offset set stops IFD loops, and the number of IFDs, the entries per
 * IFD and the bytes of every known tag's value are bounded.
 * Reference: TIFF 6.0 §2 "Image File Directory"; BigTIFF (20-byte entries, 64-bit counts and offsets).
 */
import { TiffByteReader } from './byte.reader.ts';
import { malformedTiff } from './tiff.errors.ts';
import { readOffset64, type TiffHeader } from './tiff.header.ts';
import type { TiffLimits } from './tiff.limits.ts';
import { fieldSize, isKnownTag, tagName } from './tiff.tags.ts';

export interface IfdEntry {
  readonly tag: number;
  readonly type: number;
  readonly count: number;
  /** Byte size of the value (count × type size). */
  readonly byteLength: number;
  /** The value bytes when they fit inside the entry, else null. */
  readonly inline: Uint8Array | null;
  /** File offset of the value when it is not inline. */
  readonly valueOffset: number;
}

export interface RawIfd {
  /** Position in the chain, 0 for the first IFD. */
  readonly index: number;
  readonly offset: number;
  /** Entries of known field types, by tag number (the first one wins on duplicates). */
  readonly entries: ReadonlyMap<number, IfdEntry>;
}

function parseEntries(
  bytes: Uint8Array,
  header: TiffHeader,
  ifd: number,
  limits: TiffLimits,
): Map<number, IfdEntry> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const { littleEndian: le, bigTiff } = header;
  const entrySize = bigTiff ? 20 : 12;
  const inlineSize = bigTiff ? 8 : 4;
  const entries = new Map<number, IfdEntry>();
  for (let at = 0; at + entrySize <= bytes.length; at += entrySize) {
    const tag = view.getUint16(at, le);
    const type = view.getUint16(at + 2, le);
    const size = fieldSize(type);
    if (size === null || entries.has(tag)) continue;
    const count = bigTiff
      ? readOffset64(view, at + 4, le, `IFD ${ifd} ${tagName(tag)} count`)
      : view.getUint32(at + 4, le);
    const byteLength = count * size;
    if (isKnownTag(tag) && byteLength > limits.maxTagBytes) {
      throw malformedTiff(
        `IFD ${ifd} ${tagName(tag)} declares ${count} values (${byteLength} bytes), above the limit of ${limits.maxTagBytes} bytes`,
      );
    }
    const valueAt = at + (bigTiff ? 12 : 8);
    const inline = byteLength <= inlineSize ? bytes.subarray(valueAt, valueAt + byteLength) : null;
    const valueOffset = inline
      ? 0
      : bigTiff
        ? readOffset64(view, valueAt, le, `IFD ${ifd} ${tagName(tag)}`)
        : view.getUint32(valueAt, le);
    entries.set(tag, { tag, type, count, byteLength, inline, valueOffset });
  }
  return entries;
}

/** Reads one IFD at `offset`: its entries and the offset of the next IFD (0 at the end). */
async function readIfd(
  reader: TiffByteReader,
  header: TiffHeader,
  index: number,
  offset: number,
  limits: TiffLimits,
): Promise<{ ifd: RawIfd; next: number }> {
  const { littleEndian: le, bigTiff } = header;
  const what = `IFD ${index} at offset ${offset}`;
  const countBytes = await reader.readMetadata(offset, bigTiff ? 8 : 2, what);
  const countView = new DataView(countBytes.buffer, countBytes.byteOffset, countBytes.byteLength);
  const count = bigTiff ? readOffset64(countView, 0, le, what) : countView.getUint16(0, le);
  if (count > limits.maxIfdEntries) {
    throw malformedTiff(`${what} declares ${count} entries, above the limit of ${limits.maxIfdEntries}`);
  }
  const entrySize = bigTiff ? 20 : 12;
  const nextSize = bigTiff ? 8 : 4;
  const start = offset + countBytes.length;
  const bytes = await reader.readMetadata(start, count * entrySize + nextSize, what);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const nextAt = count * entrySize;
  const next = bigTiff ? readOffset64(view, nextAt, le, `${what} next IFD`) : view.getUint32(nextAt, le);
  const entries = parseEntries(bytes.subarray(0, nextAt), header, index, limits);
  return { ifd: { index, offset, entries }, next };
}

/** All IFDs of the file in chain order. */
export async function readIfdChain(
  reader: TiffByteReader,
  header: TiffHeader,
  limits: TiffLimits,
): Promise<RawIfd[]> {
  if (header.firstIfdOffset === 0) throw malformedTiff('the TIFF has no IFD: first IFD offset is 0');
  const visited = new Map<number, number>();
  const ifds: RawIfd[] = [];
  let offset = header.firstIfdOffset;
  while (offset !== 0) {
    const index = ifds.length;
    const seen = visited.get(offset);
    if (seen !== undefined) {
      throw malformedTiff(`IFD loop: IFD ${index - 1} points back to IFD ${seen} at offset ${offset}`);
    }
    if (index >= limits.maxIfds) throw malformedTiff(`the TIFF has more than ${limits.maxIfds} IFDs`);
    visited.set(offset, index);
    const { ifd, next } = await readIfd(reader, header, index, offset, limits);
    ifds.push(ifd);
    offset = next;
  }
  return ifds;
}
