/**
 * The .dbf of a Shapefile: dBASE III (version 0x03) with fields C (text, UTF-8 — the .cpg says so —
 * cut to the field's byte length without splitting a character), N (numbers, right-justified, fixed
 * decimals), D (dates, YYYYMMDD) and L (booleans, T/F, `?` for null). Nulls are blanks.
 * Reference: dBASE III PLUS file structure (header, 32-byte field descriptors, 0x0D terminator, records
 * starting with the deletion flag ' ', 0x1A end of file); ESRI Shapefile Technical Description §dBASE.
 */
import { ValidationError } from '../errors.ts';
import type { FieldValue } from './vector.layer.ts';

export type DbfType = 'C' | 'N' | 'D' | 'L';

export interface DbfField {
  /** 1–10 ASCII characters: a letter, then letters, digits or `_`. */
  readonly name: string;
  readonly type: DbfType;
  /** Bytes per value: C 1–254, N 1–32, D 8, L 1. */
  readonly length: number;
  readonly decimals: number;
}

/** The longest C field dBASE allows. */
export const DBF_TEXT_MAX = 254;

const encoder = new TextEncoder();

/** UTF-8 bytes of `text`, cut to at most `max` bytes at a character boundary. */
export function utf8Truncate(text: string, max: number): Uint8Array {
  const bytes = encoder.encode(text);
  if (bytes.length <= max) return bytes;
  let cut = max;
  while (cut > 0 && (bytes[cut]! & 0xc0) === 0x80) cut--;
  return bytes.subarray(0, cut);
}

/** A number in `f.length` characters, with `f.decimals` decimals or fewer when it would not fit. */
function dbfNumber(v: number, f: DbfField): string {
  for (let d = f.decimals; d >= 0; d--) {
    const text = v.toFixed(d);
    if (text.length <= f.length) return text.padStart(f.length, ' ');
  }
  throw new ValidationError(`value ${v} does not fit field ${f.name} N(${f.length},${f.decimals})`);
}

/** The bytes of one value, `f.length` long. */
function dbfValue(v: FieldValue, f: DbfField): Uint8Array {
  const out = new Uint8Array(f.length).fill(0x20);
  if (v === null) {
    if (f.type === 'L') out[0] = 0x3f; // '?': not initialised
    return out;
  }
  if (f.type === 'C') out.set(utf8Truncate(String(v), f.length));
  else if (f.type === 'N') {
    if (typeof v !== 'number')
      throw new ValidationError(`field ${f.name} N: ${JSON.stringify(v)} is no number`);
    if (Number.isFinite(v)) out.set(encoder.encode(dbfNumber(v, f)));
  } else if (f.type === 'D') {
    const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(v));
    if (!m) throw new ValidationError(`field ${f.name} D: "${String(v)}" is no YYYY-MM-DD date`);
    out.set(encoder.encode(`${m[1]}${m[2]}${m[3]}`));
  } else out[0] = v ? 0x54 : 0x46; // 'T' / 'F'
  return out;
}

function checkField(f: DbfField): void {
  if (!/^[A-Za-z][A-Za-z0-9_]{0,9}$/.test(f.name))
    throw new ValidationError(`bad dBASE field name "${f.name}"`);
  const max = { C: DBF_TEXT_MAX, N: 32, D: 8, L: 1 }[f.type];
  if (f.length < 1 || f.length > max || (f.type === 'D' && f.length !== 8))
    throw new ValidationError(`dBASE field ${f.name} ${f.type}(${f.length}) has a bad length`);
}

/** .dbf bytes: header, field descriptors, one record per row (values in field order). */
export function dbf(
  fields: ReadonlyArray<DbfField>,
  rows: ReadonlyArray<ReadonlyArray<FieldValue>>,
): Uint8Array {
  fields.forEach(checkField);
  const headerLength = 32 + 32 * fields.length + 1;
  const recordLength = 1 + fields.reduce((s, f) => s + f.length, 0);
  const out = new Uint8Array(headerLength + recordLength * rows.length + 1);
  const view = new DataView(out.buffer);
  out[0] = 0x03;
  out.set([95, 1, 1], 1); // last update 1995-01-01 (fixed: the same input gives the same bytes)
  view.setUint32(4, rows.length, true);
  view.setUint16(8, headerLength, true);
  view.setUint16(10, recordLength, true);
  fields.forEach((f, i) => {
    const at = 32 + 32 * i;
    out.set(encoder.encode(f.name), at);
    out[at + 11] = f.type.charCodeAt(0);
    out[at + 16] = f.length;
    out[at + 17] = f.decimals;
  });
  out[headerLength - 1] = 0x0d;
  rows.forEach((row, i) => {
    let at = headerLength + recordLength * i;
    out[at++] = 0x20; // not deleted
    fields.forEach((f, k) => {
      out.set(dbfValue(row[k] ?? null, f), at);
      at += f.length;
    });
  });
  out[out.length - 1] = 0x1a;
  return out;
}
