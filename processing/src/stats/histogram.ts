/**
 * A fixed-bin histogram as numpy.histogram(values, bins, range=(min, max), weights) computes it: edges
 * from numpy.linspace, the last bin closed on the right, values outside [min, max] left out, a zero-width
 * range widened by ±0.5, and numpy's index corrections against the edges.
 * Reference: numpy/lib/histograms.py (_get_outer_edges, the uniform-bins fast path).
 */
import { ValidationError } from '../errors.ts';

export interface HistogramSpec {
  readonly bins: number;
  /** Lower edge (default: the smallest value). */
  readonly min?: number;
  /** Upper edge (default: the largest value). */
  readonly max?: number;
}

export interface ZoneHistogram {
  readonly bins: number;
  /** Outer edges. */
  readonly min: number;
  readonly max: number;
  /** Per bin: pixels (centre mode) or Σ coverage (coverage mode). */
  readonly counts: number[];
}

export const DEFAULT_HISTOGRAM_BINS = 10;
export const MAX_HISTOGRAM_BINS = 1000;

export function checkHistogramSpec(spec: HistogramSpec): void {
  const { bins, min, max } = spec;
  if (!Number.isInteger(bins) || bins < 1 || bins > MAX_HISTOGRAM_BINS) {
    throw new ValidationError(`histogram bins ${bins} is not an integer from 1 to ${MAX_HISTOGRAM_BINS}`);
  }
  if (min !== undefined && max !== undefined && !(min <= max)) {
    throw new ValidationError(`histogram min ${min} is above max ${max}`);
  }
}

/** numpy.linspace(first, last, bins + 1). */
function edgesOf(first: number, last: number, bins: number): Float64Array {
  const step = (last - first) / bins;
  const edges = new Float64Array(bins + 1);
  for (let i = 0; i <= bins; i++) edges[i] = i * step + first;
  edges[bins] = last;
  return edges;
}

/** A histogram filled value by value (one pass shared with the other statistics of a zone). */
export class HistogramBins {
  private readonly first: number;
  private readonly last: number;
  private readonly edges: Float64Array;
  private readonly norm: number;
  private readonly sums: Float64Array;

  /** Bins of `spec`, with `lo`/`hi` the data range for default edges. */
  constructor(
    private readonly spec: HistogramSpec,
    lo: number,
    hi: number,
  ) {
    let first = spec.min ?? lo;
    let last = spec.max ?? hi;
    if (first === last) {
      first -= 0.5;
      last += 0.5;
    }
    this.first = first;
    this.last = last;
    this.edges = edgesOf(first, last, spec.bins);
    this.norm = spec.bins / (last - first);
    this.sums = new Float64Array(spec.bins);
  }

  /** Adds `weight` to the bin of `v` (nothing when `v` is outside the range). */
  add(v: number, weight: number): void {
    const { first, last, edges, sums } = this;
    const bins = sums.length;
    if (!(v >= first && v <= last)) return;
    let k = Math.floor((v - first) * this.norm);
    if (k === bins) k--;
    if (v < edges[k]!) k--;
    else if (k !== bins - 1 && v >= edges[k + 1]!) k++;
    sums[k] = sums[k]! + weight;
  }

  result(): ZoneHistogram {
    return { bins: this.spec.bins, min: this.first, max: this.last, counts: Array.from(this.sums) };
  }
}

/** The histogram of `values` (weights optional), with `lo`/`hi` the data range for default edges. */
export function histogramOf(
  values: Float64Array,
  weights: Float64Array | null,
  spec: HistogramSpec,
  lo: number,
  hi: number,
): ZoneHistogram {
  const bins = new HistogramBins(spec, lo, hi);
  for (let i = 0; i < values.length; i++) bins.add(values[i]!, weights === null ? 1 : weights[i]!);
  return bins.result();
}
