/**
 * Biomass calibration from field plots: index value at each plot → clipped biomass (kg DM/ha).
 * Two models, each by least squares:
 *  - linear: biomass = intercept + slope · index;
 *  - exponential: biomass = a · e^(b · index), fitted as a line on ln(biomass) (so the fit minimises
 *    relative, not absolute, error); plots with biomass ≤ 0 have no logarithm and are left out of it.
 * Each model reports n, its coefficients, R², RMSE and leave-one-out RMSE in kg/ha; the lower LOO RMSE
 * wins. Fewer than DEFAULT_MIN_PLOTS usable plots → "uncalibrated" (show index and cover, no kg/ha).
 * The predictor may be any per-plot value: an index, or canopy height from a DSM when one is uploaded.
 * Reference: DOMAIN.md §4; SPEC "Biomass".
 */
import { ValidationError } from '../errors.ts';
import { fitLine, fitStats, leaveOneOutRmse, type Line } from './least.squares.ts';

/** Configurable default (DOMAIN §4, **default**): fewest plots for a calibration. */
export const DEFAULT_MIN_PLOTS = 5;
/** Configurable default (DOMAIN §4, **default**): side of the window the index is averaged over, m. */
export const DEFAULT_PLOT_SIZE_M = 1;

export interface CalibrationPoint {
  /** Index value at the plot (mean over the plot's window); NaN when the plot has no valid pixels. */
  readonly index: number;
  /** Clipped biomass, kg DM/ha. */
  readonly biomass: number;
}

export type BiomassModel =
  | { readonly kind: 'linear'; readonly slope: number; readonly intercept: number }
  | { readonly kind: 'exponential'; readonly a: number; readonly b: number };

export interface ModelFit {
  readonly model: BiomassModel;
  readonly n: number;
  readonly r2: number | null;
  readonly rmse: number;
  readonly looRmse: number;
}

export type Calibration =
  | {
      readonly status: 'calibrated';
      readonly n: number;
      readonly best: ModelFit;
      readonly linear: ModelFit;
      /** Null when fewer than the minimum plots have biomass > 0 (see notes). */
      readonly exponential: ModelFit | null;
      readonly notes: ReadonlyArray<string>;
    }
  | { readonly status: 'uncalibrated'; readonly n: number; readonly reason: string };

export interface CalibrateOptions {
  readonly minPlots?: number;
}

/** The model's biomass at `index`, unclipped (used for the fit statistics). */
function evaluate(model: BiomassModel, index: number): number {
  return model.kind === 'linear'
    ? model.intercept + model.slope * index
    : model.a * Math.exp(model.b * index);
}

/** Predicted biomass, kg DM/ha, at an index value; a negative linear prediction is 0 kg/ha. */
export function predict(model: BiomassModel, index: number): number {
  return Math.max(0, evaluate(model, index));
}

/** A model kind: how it is fitted from points (null when it cannot be). */
interface ModelKind {
  readonly fit: (pts: ReadonlyArray<CalibrationPoint>) => BiomassModel | null;
}

function toLinear(line: Line | null): BiomassModel | null {
  return line && { kind: 'linear', slope: line.slope, intercept: line.intercept };
}

function toExponential(line: Line | null): BiomassModel | null {
  return line && { kind: 'exponential', a: Math.exp(line.intercept), b: line.slope };
}

const LINEAR: ModelKind = {
  fit: (pts) =>
    toLinear(
      fitLine(
        pts.map((p) => p.index),
        pts.map((p) => p.biomass),
      ),
    ),
};

const EXPONENTIAL: ModelKind = {
  fit: (pts) =>
    toExponential(
      fitLine(
        pts.map((p) => p.index),
        pts.map((p) => Math.log(p.biomass)),
      ),
    ),
};

/** Fit one model kind with its statistics, or null when the index does not vary. */
function fitModel(kind: ModelKind, pts: ReadonlyArray<CalibrationPoint>): ModelFit | null {
  const model = kind.fit(pts);
  if (!model) return null;
  const observed = pts.map((p) => p.biomass);
  const { r2, rmse } = fitStats(
    observed,
    pts.map((p) => evaluate(model, p.index)),
  );
  const looRmse = leaveOneOutRmse(
    pts.length,
    (i) => observed[i]!,
    (i) => {
      const m = kind.fit(pts.filter((_, j) => j !== i));
      return m && evaluate(m, pts[i]!.index);
    },
  );
  return { model, n: pts.length, r2, rmse, looRmse };
}

/** Calibrate biomass on index from field plots (see the module header). */
export function calibrate(
  points: ReadonlyArray<CalibrationPoint>,
  options: CalibrateOptions = {},
): Calibration {
  const minPlots = options.minPlots ?? DEFAULT_MIN_PLOTS;
  if (!Number.isInteger(minPlots) || minPlots < 3) {
    throw new ValidationError(
      `minPlots must be an integer ≥ 3 (leave-one-out needs two points), got ${minPlots}`,
    );
  }
  const bad = points.find((p) => p.biomass < 0);
  if (bad) throw new ValidationError(`plot biomass must be ≥ 0 kg/ha, got ${bad.biomass}`);
  const usable = points.filter((p) => Number.isFinite(p.index) && Number.isFinite(p.biomass));
  const notes: string[] = [];
  if (usable.length < points.length) {
    notes.push(`${points.length - usable.length} plot(s) without an index value or biomass left out`);
  }
  const n = usable.length;
  if (n < minPlots) {
    return { status: 'uncalibrated', n, reason: `${n} usable field plot(s); at least ${minPlots} needed` };
  }
  const linear = fitModel(LINEAR, usable);
  if (!linear) return { status: 'uncalibrated', n, reason: 'the index does not vary between the plots' };

  const positive = usable.filter((p) => p.biomass > 0);
  if (positive.length < n) {
    notes.push(
      `${n - positive.length} plot(s) with biomass 0 left out of the exponential fit (no logarithm)`,
    );
  }
  const exponential = positive.length >= minPlots ? fitModel(EXPONENTIAL, positive) : null;
  if (!exponential) notes.push('no exponential fit: too few plots with biomass > 0 or no index variation');
  const best = exponential && exponential.looRmse < linear.looRmse ? exponential : linear;
  return { status: 'calibrated', n, best, linear, exponential, notes };
}
