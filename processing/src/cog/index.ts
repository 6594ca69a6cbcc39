/**
 * Public API of the streaming Cloud Optimized GeoTIFF writer.
 * Reference: SPEC §2.1 "Conversion to a Cloud Optimized GeoTIFF".
 */
export { writeCog } from './write.cog.ts';
export type { CogOutput, CogProgress, CogResult } from './write.cog.ts';
export type { CogOptions } from './cog.options.ts';
export { DEFAULT_DEFLATE_LEVEL } from './cog.options.ts';
export { pyramidSizes, TILE_SIZE } from './cog.plan.ts';
export type { LevelSize } from './cog.plan.ts';
export type { BandMetadataOut, BandStatistics } from './gdal.metadata.ts';
