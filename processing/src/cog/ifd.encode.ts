/**
 * Serialises one TIFF image file directory, classic or BigTIFF, little-endian: the entry count, the
 * entries sorted by tag, the next-IFD offset, then the values too large to sit in an entry, each
 * starting on a word boundary. Reference: TIFF 6.0 §2 "Image File Directory"; BigTIFF (libtiff).
 */
import { FIELD_SIZE, FieldType } from '../tiff/tiff.tags.ts';

export interface IfdEntry {
  readonly tag: number;
  readonly type: FieldType;
  /** Numbers of the field type, or the text of an ASCII field (the NUL is added here). */
  readonly values: ArrayLike<number> | string;
}

const TWO_32 = 2 ** 32;

function valueCount(entry: IfdEntry): number {
  return typeof entry.values === 'string' ? entry.values.length + 1 : entry.values.length;
}

function valueBytes(entry: IfdEntry): number {
  return valueCount(entry) * FIELD_SIZE[entry.type];
}

/** Bytes an entry's value may take inside the entry itself. */
function inlineCapacity(bigTiff: boolean): number {
  return bigTiff ? 8 : 4;
}

const even = (n: number): number => n + (n & 1);

/** Total size of the IFD including its out-of-line values, rounded up to an even count. */
export function ifdByteLength(entries: ReadonlyArray<IfdEntry>, bigTiff: boolean): number {
  const fixed = bigTiff ? 8 + entries.length * 20 + 8 : 2 + entries.length * 12 + 4;
  let extra = 0;
  for (const e of entries) {
    const bytes = valueBytes(e);
    if (bytes > inlineCapacity(bigTiff)) extra += even(bytes);
  }
  return even(fixed) + extra;
}

function writeValues(view: DataView, at: number, entry: IfdEntry): void {
  if (typeof entry.values === 'string') {
    for (let i = 0; i < entry.values.length; i++) view.setUint8(at + i, entry.values.charCodeAt(i) & 0xff);
    view.setUint8(at + entry.values.length, 0);
    return;
  }
  const { values, type } = entry;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    const p = at + i * FIELD_SIZE[type];
    switch (type) {
      case FieldType.Short:
        view.setUint16(p, v, true);
        break;
      case FieldType.Long:
        view.setUint32(p, v, true);
        break;
      case FieldType.Double:
        view.setFloat64(p, v, true);
        break;
      case FieldType.Long8:
        view.setUint32(p, v % TWO_32, true);
        view.setUint32(p + 4, Math.floor(v / TWO_32), true);
        break;
      default:
        view.setUint8(p, v);
    }
  }
}

function writeOffset(view: DataView, at: number, offset: number, bigTiff: boolean): void {
  if (bigTiff) writeValues(view, at, { tag: 0, type: FieldType.Long8, values: [offset] });
  else view.setUint32(at, offset, true);
}

/**
 * Writes the IFD at byte `at` of `view` (byte 0 of `view` is byte 0 of the file), returns its length.
 * `next` is the file offset of the following IFD, 0 for the last one.
 */
export function writeIfd(
  view: DataView,
  at: number,
  entries: ReadonlyArray<IfdEntry>,
  next: number,
  bigTiff: boolean,
): number {
  const sorted = [...entries].sort((a, b) => a.tag - b.tag);
  const entrySize = bigTiff ? 20 : 12;
  const head = bigTiff ? 8 : 2;
  if (bigTiff) writeOffset(view, at, sorted.length, true);
  else view.setUint16(at, sorted.length, true);
  let extra = at + even(head + sorted.length * entrySize + (bigTiff ? 8 : 4));
  sorted.forEach((entry, i) => {
    const p = at + head + i * entrySize;
    view.setUint16(p, entry.tag, true);
    view.setUint16(p + 2, entry.type, true);
    writeOffset(view, p + 4, valueCount(entry), bigTiff);
    const valueAt = p + (bigTiff ? 12 : 8);
    if (valueBytes(entry) <= inlineCapacity(bigTiff)) {
      writeValues(view, valueAt, entry);
    } else {
      writeOffset(view, valueAt, extra, bigTiff);
      writeValues(view, extra, entry);
      extra += even(valueBytes(entry));
    }
  });
  writeOffset(view, at + head + sorted.length * entrySize, next, bigTiff);
  return extra - at;
}
