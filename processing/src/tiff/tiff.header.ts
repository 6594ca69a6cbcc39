/**
 * The TIFF header: byte order, classic (42) or BigTIFF (43), and the offset of the first IFD.
 * Anything else is refused by its magic bytes, not by its file name.
 * Reference: TIFF 6.0 §2 "Image File Header"; BigTIFF header (libtiff, bigtiff.html).
 */
import { malformedTiff, refusedTiff } from './tiff.errors.ts';

export interface TiffHeader {
  readonly littleEndian: boolean;
  readonly bigTiff: boolean;
  readonly firstIfdOffset: number;
  /** Size of the file in bytes. */
  readonly fileSize: number;
}

/** Well-known signatures, to say what a refused file looks like instead. */
const SIGNATURES: ReadonlyArray<readonly [string, ReadonlyArray<number>]> = [
  ['a PNG image', [0x89, 0x50, 0x4e, 0x47]],
  ['a JPEG image', [0xff, 0xd8, 0xff]],
  ['a ZIP archive', [0x50, 0x4b, 0x03, 0x04]],
  ['a PDF document', [0x25, 0x50, 0x44, 0x46]],
  ['a JPEG 2000 image', [0x00, 0x00, 0x00, 0x0c, 0x6a, 0x50]],
  ['a gzip archive', [0x1f, 0x8b]],
];

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).toUpperCase().padStart(2, '0')).join(' ');
}

function looksLike(head: Uint8Array): string {
  const match = SIGNATURES.find(([, sig]) => sig.every((b, i) => head[i] === b));
  return match ? `, ${match[0]}` : '';
}

/** Reads a 64-bit unsigned offset as a safe integer, or refuses the file. */
export function readOffset64(view: DataView, at: number, littleEndian: boolean, what: string): number {
  const value = view.getBigUint64(at, littleEndian);
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw malformedTiff(`${what}: offset ${value} is beyond 2^53 bytes`);
  }
  return Number(value);
}

/** Parses the header from the first bytes of a file of `fileSize` bytes. */
export function parseTiffHeader(head: Uint8Array, fileSize: number): TiffHeader {
  if (fileSize === 0) throw refusedTiff('not_a_tiff', 'not a TIFF file: the file is empty (0 bytes)');
  const order = head.length >= 2 ? String.fromCharCode(head[0] ?? 0, head[1] ?? 0) : '';
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  const littleEndian = order === 'II';
  const version = head.length >= 4 ? view.getUint16(2, littleEndian) : 0;
  if ((order !== 'II' && order !== 'MM') || (version !== 42 && version !== 43)) {
    const magic = hex(head.subarray(0, 4));
    throw refusedTiff('not_a_tiff', `not a TIFF file (magic bytes ${magic}${looksLike(head)})`);
  }
  const bigTiff = version === 43;
  const headerSize = bigTiff ? 16 : 8;
  if (fileSize < headerSize || head.length < headerSize) {
    throw malformedTiff(
      `truncated TIFF header: the file has ${fileSize} bytes, the header needs ${headerSize}`,
    );
  }
  if (bigTiff && (view.getUint16(4, littleEndian) !== 8 || view.getUint16(6, littleEndian) !== 0)) {
    throw malformedTiff(
      `BigTIFF header declares ${view.getUint16(4, littleEndian)}-byte offsets; only 8 is valid`,
    );
  }
  const firstIfdOffset = bigTiff
    ? readOffset64(view, 8, littleEndian, 'first IFD')
    : view.getUint32(4, littleEndian);
  return { littleEndian, bigTiff, firstIfdOffset, fileSize };
}
