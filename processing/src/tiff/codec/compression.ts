/**
 * TIFF compression codes: the ones Belcheer decodes and the names of the others for refusals.
 * Reference: TIFF 6.0 §3 (Compression), the libtiff/GDAL registry of extension codes.
 */

export const Compression = {
  None: 1,
  Lzw: 5,
  Deflate: 8,
  PackBits: 32773,
  AdobeDeflate: 32946,
} as const;

const SUPPORTED = new Set<number>(Object.values(Compression));

const NAMES = new Map<number, string>([
  [1, 'none'],
  [2, 'CCITT RLE'],
  [3, 'CCITT Group 3'],
  [4, 'CCITT Group 4'],
  [5, 'LZW'],
  [6, 'old-style JPEG'],
  [7, 'JPEG'],
  [8, 'Deflate'],
  [32773, 'PackBits'],
  [32946, 'Deflate'],
  [34676, 'SGILog'],
  [34712, 'JPEG 2000'],
  [34887, 'LERC'],
  [34925, 'LZMA'],
  [50000, 'ZSTD'],
  [50001, 'WebP'],
  [50002, 'JPEG XL'],
]);

export function isSupportedCompression(code: number): boolean {
  return SUPPORTED.has(code);
}

/** "JPEG (7)", "unknown (12345)". */
export function compressionName(code: number): string {
  return `${NAMES.get(code) ?? 'unknown'} (${code})`;
}
