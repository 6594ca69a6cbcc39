/**
 * A ZIP archive of a few files, stored without compression (method 0), with CRC-32 and a fixed
 * modification time (1980-01-01 00:00) so the same input always gives the same bytes.
 * Reference: PKWARE APPNOTE.TXT 6.3 (§4.3 local header, central directory, end of central directory);
 * CRC-32 of ISO 3309 / ITU-T V.42 (polynomial 0xEDB88320, reflected).
 */
import { PayloadTooLargeError } from '../errors.ts';

const CRC_TABLE = Uint32Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** CRC-32 of bytes ("123456789" → 0xCBF43926). */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export interface ZipEntry {
  /** ASCII path inside the archive. */
  readonly name: string;
  readonly data: Uint8Array;
}

const DOS_DATE_1980_01_01 = (0 << 9) | (1 << 5) | 1;
const MAX_ZIP32 = 0xffffffff;

/** The archive bytes (ZIP32: total size under 4 GiB). */
export function zipStore(entries: ReadonlyArray<ZipEntry>): Uint8Array {
  const names = entries.map((e) => new TextEncoder().encode(e.name));
  const local = entries.reduce((s, e, i) => s + 30 + names[i]!.length + e.data.length, 0);
  const central = names.reduce((s, n) => s + 46 + n.length, 0);
  if (local + central + 22 > MAX_ZIP32) throw new PayloadTooLargeError('zip archive over 4 GiB');
  const out = new Uint8Array(local + central + 22);
  const view = new DataView(out.buffer);
  let at = 0;
  let cd = local;
  entries.forEach((e, i) => {
    const name = names[i]!;
    const crc = crc32(e.data);
    // local file header
    view.setUint32(at, 0x04034b50, true);
    view.setUint16(at + 4, 20, true); // version needed 2.0
    view.setUint16(at + 10, 0, true); // time 00:00
    view.setUint16(at + 12, DOS_DATE_1980_01_01, true);
    view.setUint32(at + 14, crc, true);
    view.setUint32(at + 18, e.data.length, true);
    view.setUint32(at + 22, e.data.length, true);
    view.setUint16(at + 26, name.length, true);
    out.set(name, at + 30);
    out.set(e.data, at + 30 + name.length);
    // central directory header
    view.setUint32(cd, 0x02014b50, true);
    view.setUint16(cd + 4, 20, true); // made by 2.0
    view.setUint16(cd + 6, 20, true);
    view.setUint16(cd + 14, DOS_DATE_1980_01_01, true);
    view.setUint32(cd + 16, crc, true);
    view.setUint32(cd + 20, e.data.length, true);
    view.setUint32(cd + 24, e.data.length, true);
    view.setUint16(cd + 28, name.length, true);
    view.setUint32(cd + 42, at, true);
    out.set(name, cd + 46);
    at += 30 + name.length + e.data.length;
    cd += 46 + name.length;
  });
  // end of central directory
  view.setUint32(cd, 0x06054b50, true);
  view.setUint16(cd + 8, entries.length, true);
  view.setUint16(cd + 10, entries.length, true);
  view.setUint32(cd + 12, central, true);
  view.setUint32(cd + 16, local, true);
  return out;
}
