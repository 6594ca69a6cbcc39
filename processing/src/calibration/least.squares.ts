/**
 * Ordinary least squares of y on x (one predictor) and the fit statistics the calibration reports:
 * R², RMSE and leave-one-out RMSE, all on the scale of the observed y.
 * Reference: a regression text (e.g. Montgomery, Peck & Vining, "Introduction to Linear Regression
 * Analysis", ch. 2 and §4.3 PRESS); DOMAIN.md §4.
 */

export interface Line {
  readonly slope: number;
  readonly intercept: number;
}

/** The least-squares line through (x, y), or null when x does not vary (or fewer than 2 points). */
export function fitLine(x: ReadonlyArray<number>, y: ReadonlyArray<number>): Line | null {
  const n = x.length;
  if (n < 2) return null;
  const mx = x.reduce((a, b) => a + b, 0) / n;
  const my = y.reduce((a, b) => a + b, 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    sxx += (x[i]! - mx) ** 2;
    sxy += (x[i]! - mx) * (y[i]! - my);
  }
  if (!(sxx > 0)) return null;
  const slope = sxy / sxx;
  return { slope, intercept: my - slope * mx };
}

export interface FitStats {
  /** 1 − SSres/SStot; null when the observed values do not vary. */
  readonly r2: number | null;
  /** √(SSres / n). */
  readonly rmse: number;
}

/** R² and RMSE of predictions against observations. */
export function fitStats(observed: ReadonlyArray<number>, predicted: ReadonlyArray<number>): FitStats {
  const n = observed.length;
  const mean = observed.reduce((a, b) => a + b, 0) / n;
  let ssRes = 0;
  let ssTot = 0;
  for (let i = 0; i < n; i++) {
    ssRes += (observed[i]! - predicted[i]!) ** 2;
    ssTot += (observed[i]! - mean) ** 2;
  }
  return { r2: ssTot > 0 ? 1 - ssRes / ssTot : null, rmse: Math.sqrt(ssRes / n) };
}

/**
 * Leave-one-out RMSE: each point predicted by a model fitted without it, √(mean squared error).
 * `fit` returns the prediction at the left-out x, or null when the remaining points cannot be fitted;
 * then the model cannot be validated and the result is Infinity.
 */
export function leaveOneOutRmse(
  n: number,
  observed: (i: number) => number,
  fitWithout: (i: number) => number | null,
): number {
  let sse = 0;
  for (let i = 0; i < n; i++) {
    const p = fitWithout(i);
    if (p === null) return Infinity;
    sse += (observed(i) - p) ** 2;
  }
  return Math.sqrt(sse / n);
}
