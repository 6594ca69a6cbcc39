/**
 * Cheap checks of a chosen file before anything is sent, so nobody on a slow link uploads a JPEG
 * for an hour: it must have bytes and start like a TIFF or BigTIFF (byte order mark + 42 or 43).
 * The server validates the whole header again (SPEC §2.1); this only catches the obvious.
 */

export type FileProblem = 'empty' | 'notTiff';

const SIGNATURES: readonly (readonly number[])[] = [
  [0x49, 0x49, 0x2a, 0x00], // II*\0  TIFF, little-endian
  [0x4d, 0x4d, 0x00, 0x2a], // MM\0*  TIFF, big-endian
  [0x49, 0x49, 0x2b, 0x00], // II+\0  BigTIFF, little-endian
  [0x4d, 0x4d, 0x00, 0x2b], // MM\0+  BigTIFF, big-endian
];

export function looksLikeTiff(head: Uint8Array): boolean {
  return SIGNATURES.some((sig) => sig.every((byte, i) => head[i] === byte));
}

export async function checkFile(file: Blob): Promise<FileProblem | null> {
  if (file.size === 0) return 'empty';
  const head = new Uint8Array(await file.slice(0, 4).arrayBuffer());
  return looksLikeTiff(head) ? null : 'notTiff';
}
