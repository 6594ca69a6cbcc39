/**
 * Histogram of a band (NaN = nodata skipped) and Otsu's threshold on it: the split of the bins into a
 * lower and an upper class that maximises the between-class variance w0·w1·(μ0 − μ1)², bins standing
 * for their centres. Used for the green-cover threshold on the survey-wide ExG/NDVI histogram.
 * Reference: Otsu N. (1979) "A threshold selection method from gray-level histograms", IEEE SMC-9(1);
 * DOMAIN.md §3. Same partition as skimage.filters.threshold_otsu (first maximum on ties).
 */
import { ValidationError } from '../errors.ts';

export interface Histogram {
  /** Pixel count per bin; bin i covers [min + i·w, min + (i+1)·w), the last bin also holds `max`. */
  readonly counts: Float64Array;
  readonly min: number;
  readonly max: number;
  /** Values counted in a bin. */
  readonly total: number;
  /** Finite values outside [min, max], not counted. */
  readonly outside: number;
}

/** Histogram of `values` in `bins` equal bins over [min, max]; NaN (nodata) and ±Infinity are skipped. */
export function histogram(values: ArrayLike<number>, bins: number, min: number, max: number): Histogram {
  if (!Number.isInteger(bins) || bins < 1)
    throw new ValidationError(`histogram bins must be an integer ≥ 1, got ${bins}`);
  if (!(Number.isFinite(min) && Number.isFinite(max) && min < max)) {
    throw new ValidationError(`histogram range must be finite with min < max, got [${min}, ${max}]`);
  }
  const counts = new Float64Array(bins);
  const scale = bins / (max - min);
  let total = 0;
  let outside = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) continue;
    if (v < min || v > max) {
      outside++;
      continue;
    }
    counts[Math.min(bins - 1, Math.floor((v - min) * scale))]!++;
    total++;
  }
  return { counts, min, max, total, outside };
}

/**
 * Otsu's threshold of a histogram, at a bin edge: values ≥ the threshold form the upper class (green),
 * values below it the lower class. Among equal maxima (e.g. empty bins between two modes) the lowest
 * edge wins, as skimage's argmax does. No threshold (null) when fewer than two bins are non-empty.
 */
export function otsuThreshold(h: Histogram): number | null {
  const { counts, min, max } = h;
  const bins = counts.length;
  const width = (max - min) / bins;
  const centre = (i: number): number => min + (i + 0.5) * width;
  let n = 0;
  let sum = 0;
  for (let i = 0; i < bins; i++) {
    n += counts[i]!;
    sum += counts[i]! * centre(i);
  }
  let best = 0;
  let bestEdge = -1;
  let n0 = 0;
  let s0 = 0;
  for (let t = 1; t < bins; t++) {
    n0 += counts[t - 1]!;
    s0 += counts[t - 1]! * centre(t - 1);
    const n1 = n - n0;
    if (n0 === 0 || n1 === 0) continue;
    const d = s0 / n0 - (sum - s0) / n1;
    // w0·w1·(μ0 − μ1)² up to the constant factor 1/n²
    const variance = n0 * n1 * d * d;
    if (variance > best) {
      best = variance;
      bestEdge = t;
    }
  }
  return bestEdge < 0 ? null : min + (bestEdge / bins) * (max - min);
}
