/**
 * @belcheer/processing — pure kernels: no HTTP, no SQL. Its only IO is a ByteSource and a ByteSink.
 */
export * from './errors.ts';
export type * from './raster/types.ts';
export { BYTES_PER_SAMPLE, HOST_LITTLE_ENDIAN } from './raster/pixel.array.ts';
export * from './tiff/index.ts';
export * from './cog/index.ts';
export * from './footprint/index.ts';
export * from './indices/index.ts';
export * from './domain/index.ts';
export * from './stats/otsu.ts';
export * from './calibration/index.ts';
export * from './stats/index.ts';
export * from './geo/geometry.validation.ts';
export * from './zones/index.ts';
export * from './vector/index.ts';
