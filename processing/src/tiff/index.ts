/**
 * TIFF/BigTIFF reading for Belcheer: validation from the header, GeoTIFF georeferencing, and
 * windowed reads of tiles and strips (none, LZW, Deflate, PackBits; predictors 2 and 3).
 */
export { openTiff, type OpenTiffOptions } from './open.tiff.ts';
export { Tiff } from './tiff.ts';
export type { TiffLevel } from './tiff.level.ts';
export type { TiffImage } from './tiff.image.ts';
export type { TiffHeader } from './tiff.header.ts';
export type { BandMetadata } from './gdal.metadata.ts';
export { DEFAULT_TIFF_LIMITS, type TiffLimits } from './tiff.limits.ts';
export type { TiffRefusal } from './tiff.errors.ts';
