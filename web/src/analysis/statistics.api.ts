/**
 * POST /api/statistics (SPEC §3) for one drawn polygon: the zonal statistics of a survey product
 * with a histogram, narrowed from `unknown`. The server refuses a self-intersecting ring with a 400
 * whose message says where; that message is shown to the user as is.
 */
import type { Polygon } from 'geojson';
import { apiRequest } from '../api/client.ts';
import { ShapeError, num, numOrNull, record } from '../api/guards.ts';
import type { Range } from '../api/survey.products.ts';

/** Bars of the statistics panel's histogram. */
export const HISTOGRAM_BINS = 24;

export interface Histogram {
  readonly min: number;
  readonly max: number;
  readonly counts: readonly number[];
}

export interface ZoneStats {
  readonly count: number;
  readonly areaHa: number;
  readonly mean: number | null;
  readonly std: number | null;
  readonly min: number | null;
  readonly max: number | null;
  readonly p10: number | null;
  readonly p50: number | null;
  readonly p90: number | null;
  readonly histogram: Histogram | null;
}

function parseHistogram(value: unknown, where: string): Histogram | null {
  if (value === null || value === undefined) return null;
  const h = record(value, where);
  const counts = h.counts;
  if (!Array.isArray(counts) || counts.some((c) => typeof c !== 'number'))
    throw new ShapeError(`${where}.counts is not a list of numbers`);
  return { min: num(h, 'min', where), max: num(h, 'max', where), counts: counts as number[] };
}

export function parseZoneStats(value: unknown, where = 'statistics'): ZoneStats {
  const fc = record(value, where);
  const features = fc.features;
  if (!Array.isArray(features) || features.length !== 1)
    throw new ShapeError(`${where}.features does not hold one feature`);
  const at = `${where}.features[0].properties.stats`;
  const s = record(record(record(features[0], `${where}.features[0]`).properties, at).stats, at);
  return {
    count: num(s, 'count', at),
    areaHa: num(s, 'area_ha', at),
    mean: numOrNull(s, 'mean', at),
    std: numOrNull(s, 'std', at),
    min: numOrNull(s, 'min', at),
    max: numOrNull(s, 'max', at),
    p10: numOrNull(s, 'p10', at),
    p50: numOrNull(s, 'p50', at),
    p90: numOrNull(s, 'p90', at),
    histogram: parseHistogram(s.histogram, `${at}.histogram`),
  };
}

export async function fetchZoneStats(
  survey: string,
  product: string,
  geometry: Polygon,
  /** The histogram's range; null: the values' own min and max. */
  range: Range | null,
  signal?: AbortSignal,
): Promise<ZoneStats> {
  const histogram = range ? { bins: HISTOGRAM_BINS, min: range[0], max: range[1] } : { bins: HISTOGRAM_BINS };
  const body = { survey, product, geometry, histogram };
  return parseZoneStats(await apiRequest('/api/statistics', { method: 'POST', body, signal }));
}
