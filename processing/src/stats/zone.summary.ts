/**
 * The statistics of one zone: count, area in ha, mean, std (population, like numpy's default ddof=0),
 * min, max (streamed, zone.moments.ts), p10/p50/p90 and a histogram from the zone's kept values (one
 * pass for the histogram and the percentile buckets, then a selection (unweighted) or a sort (coverage
 * mode) inside the few buckets needed, never of the whole zone). Only the statistics asked for are
 * given (the others are null; count and area always are): without percentiles and histogram the
 * values need not be kept. A zone with no value gets count 0 and nulls.
 * Reference: SPEC §3 (POST /api/statistics stats); numpy.percentile, numpy.histogram.
 */
import { HistogramBins, type HistogramSpec, type ZoneHistogram } from './histogram.ts';
import { quantilesBySelection, ValueBuckets, weightedQuantilesByBuckets } from './quantiles.ts';
import type { ZoneMoments } from './zone.moments.ts';

export interface ZoneStats {
  /** Valid pixels counted (centre mode), or touched with a coverage > 0 (coverage mode). */
  readonly count: number;
  readonly area_ha: number;
  readonly mean: number | null;
  readonly std: number | null;
  readonly min: number | null;
  readonly max: number | null;
  readonly p10: number | null;
  readonly p50: number | null;
  readonly p90: number | null;
  readonly histogram: ZoneHistogram | null;
}

export const EMPTY_ZONE: ZoneStats = {
  count: 0,
  area_ha: 0,
  mean: null,
  std: null,
  min: null,
  max: null,
  p10: null,
  p50: null,
  p90: null,
  histogram: null,
};

/** The statistics a caller can ask for. */
export const ZONE_STATS = [
  'count',
  'area_ha',
  'mean',
  'std',
  'min',
  'max',
  'p10',
  'p50',
  'p90',
  'histogram',
] as const;
export type ZoneStatName = (typeof ZONE_STATS)[number];

const QUANTILES = [0.1, 0.5, 0.9];
const PERCENTILES = ['p10', 'p50', 'p90'] as const;

/** What a zone must compute for the statistics `stats` (all by default). */
export class StatSelection {
  private readonly asked: ReadonlySet<ZoneStatName>;
  /** Percentiles or the histogram are asked for: the zone's values must be kept. */
  readonly keepsValues: boolean;

  constructor(stats: ReadonlyArray<ZoneStatName> = ZONE_STATS) {
    this.asked = new Set(stats);
    this.keepsValues = this.asked.has('histogram') || PERCENTILES.some((p) => this.asked.has(p));
  }

  has(name: ZoneStatName): boolean {
    return this.asked.has(name);
  }
}

/** The histogram and the percentile buckets of the kept values, in one pass. */
function fillBins(
  values: Float64Array,
  weights: Float64Array | null,
  histogram: HistogramBins | null,
  buckets: ValueBuckets | null,
): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    const w = weights === null ? 1 : weights[i]!;
    histogram?.add(v, w);
    if (buckets === null) continue;
    if (weights === null) buckets.count(v);
    else buckets.add(v, w);
  }
}

/**
 * Summary of a zone from its `moments` and, when `selection` keeps values, its `values` (each with its
 * `weights` entry, or weight 1 when null); `areaM2` is the area of the counted pixels (Σ coverage × cell
 * area in coverage mode).
 */
export function summariseZone(
  moments: ZoneMoments,
  values: Float64Array,
  weights: Float64Array | null,
  areaM2: number,
  histogram: HistogramSpec,
  selection: StatSelection,
): ZoneStats {
  const n = moments.count;
  if (n === 0) return EMPTY_ZONE;
  const { min, max } = moments;
  const percentiles = PERCENTILES.some((p) => selection.has(p));
  const bins = selection.has('histogram') ? new HistogramBins(histogram, min, max) : null;
  const buckets = percentiles ? new ValueBuckets(min, max) : null;
  if (bins || buckets) fillBins(values, weights, bins, buckets);
  const quantiles = !buckets
    ? []
    : weights
      ? weightedQuantilesByBuckets(values, weights, QUANTILES, min, max, buckets)
      : quantilesBySelection(values, QUANTILES, min, max, buckets);
  const pick = (name: ZoneStatName, v: number | undefined) => (selection.has(name) ? (v ?? null) : null);
  return {
    count: n,
    area_ha: areaM2 / 10_000,
    mean: pick('mean', moments.mean),
    std: pick('std', Math.sqrt(moments.variance)),
    min: pick('min', min),
    max: pick('max', max),
    p10: pick('p10', quantiles[0]),
    p50: pick('p50', quantiles[1]),
    p90: pick('p90', quantiles[2]),
    histogram: bins?.result() ?? null,
  };
}
