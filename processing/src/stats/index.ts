/**
 * Zonal statistics: pixel-centre and coverage-fraction rasterisation of polygons, per-zone summaries
 * (count, area, mean, std, min, max, percentiles, histogram) streamed over COG blocks.
 */
export { geodesicCellArea, cellAreaOfRow } from './cell.area.ts';
export {
  DEFAULT_HISTOGRAM_BINS,
  MAX_HISTOGRAM_BINS,
  type ZoneHistogram,
  type HistogramSpec,
} from './histogram.ts';
export {
  DEFAULT_MAX_ZONE_PIXELS,
  levelSource,
  zonalStats,
  type PixelValue,
  type ZonalMode,
  type ZonalOptions,
  type ZonalSource,
} from './zonal.stats.ts';
export { EMPTY_ZONE, ZONE_STATS, type ZoneStatName, type ZoneStats } from './zone.summary.ts';
export { productValue } from './product.value.ts';
export { zonalStatsMany } from './zonal.stats.many.ts';
export { ZonalPool, zonalStatsThreads } from './zonal.pool.ts';
export type { ZonalThreadJob } from './zonal.threads.ts';
