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

/** The histogram of `values` (weights optional), with `lo`/`hi` the data range for default edges. */
export function histogramOf(
  values: Float64Array,
  weights: Float64Array | null,
  spec: HistogramSpec,
  lo: number,
  hi: number,
): ZoneHistogram {
  let first = spec.min ?? lo;
  let last = spec.max ?? hi;
  if (first === last) {
    first -= 0.5;
    last += 0.5;
  }
  const { bins } = spec;
  const edges = edgesOf(first, last, bins);
  const norm = bins / (last - first);
  const sums = new Float64Array(bins);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!(v >= first && v <= last)) continue;
    let k = Math.floor((v - first) * norm);
    if (k === bins) k--;
    if (v < edges[k]!) k--;
    else if (k !== bins - 1 && v >= edges[k + 1]!) k++;
    sums[k] = sums[k]! + (weights === null ? 1 : weights[i]!);
  }
  const counts = Array.from(sums);
  return { bins, min: first, max: last, counts };
}
