/**
 * A ZIP archive of a few files, stored without compression (method 0) — in one array or as chunks that
 * stream without a second copy of the data —, with CRC-32 and a fixed
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

/**
 * The archive as chunks: each entry's local header, then its data as given (not copied), then the
 * central directory and its end record (ZIP32: total size under 4 GiB).
 */
export function* zipStoreChunks(entries: ReadonlyArray<ZipEntry>): Generator<Uint8Array> {
  const names = entries.map((e) => new TextEncoder().encode(e.name));
  const local = entries.reduce((s, e, i) => s + 30 + names[i]!.length + e.data.length, 0);
  const central = names.reduce((s, n) => s + 46 + n.length, 0);
  if (local + central + 22 > MAX_ZIP32) throw new PayloadTooLargeError('zip archive over 4 GiB');
  const directory = new Uint8Array(central + 22);
  const cv = new DataView(directory.buffer);
  let at = 0;
  let cd = 0;
  for (const [i, e] of entries.entries()) {
    const name = names[i]!;
    const crc = crc32(e.data);
    const header = new Uint8Array(30 + name.length);
    const view = new DataView(header.buffer);
    view.setUint32(0, 0x04034b50, true);
    view.setUint16(4, 20, true); // version needed 2.0
    view.setUint16(10, 0, true); // time 00:00
    view.setUint16(12, DOS_DATE_1980_01_01, true);
    view.setUint32(14, crc, true);
    view.setUint32(18, e.data.length, true);
    view.setUint32(22, e.data.length, true);
    view.setUint16(26, name.length, true);
    header.set(name, 30);
    yield header;
    yield e.data;
    // central directory header
    cv.setUint32(cd, 0x02014b50, true);
    cv.setUint16(cd + 4, 20, true); // made by 2.0
    cv.setUint16(cd + 6, 20, true);
    cv.setUint16(cd + 14, DOS_DATE_1980_01_01, true);
    cv.setUint32(cd + 16, crc, true);
    cv.setUint32(cd + 20, e.data.length, true);
    cv.setUint32(cd + 24, e.data.length, true);
    cv.setUint16(cd + 28, name.length, true);
    cv.setUint32(cd + 42, at, true);
    directory.set(name, cd + 46);
    at += header.length + e.data.length;
    cd += 46 + name.length;
  }
  // end of central directory
  cv.setUint32(cd, 0x06054b50, true);
  cv.setUint16(cd + 8, entries.length, true);
  cv.setUint16(cd + 10, entries.length, true);
  cv.setUint32(cd + 12, central, true);
  cv.setUint32(cd + 16, local, true);
  yield directory;
}

/** The archive bytes in one array. */
export function zipStore(entries: ReadonlyArray<ZipEntry>): Uint8Array {
  const chunks = [...zipStoreChunks(entries)];
  const out = new Uint8Array(chunks.reduce((s, c) => s + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
