/**
 * Scales of the calibration chart: "nice" axis ticks (steps of 1, 2 or 5 × 10ⁿ covering the data),
 * a linear map from data to pixels (y grows downwards), and the fitted model's curve sampled across
 * the index axis — linear: slope·x + intercept; exponential: a·e^(b·x) (DOMAIN §4).
 */
import type { CalibrationModel } from './analysis.api.ts';

export interface Axis {
  readonly min: number;
  readonly max: number;
  readonly ticks: readonly number[];
}

/** An axis from nice ticks about [lo, hi], about `count` of them, its ends on ticks. */
export function niceAxis(lo: number, hi: number, count = 5): Axis {
  if (!(hi > lo)) {
    const pad = lo === 0 ? 1 : Math.abs(lo) / 2;
    return niceAxis(lo - pad, hi + pad, count);
  }
  const raw = (hi - lo) / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 5, 10].find((m) => m * power >= raw) ?? 10) * power;
  const min = Math.floor(lo / step) * step;
  const max = Math.ceil(hi / step) * step;
  const ticks: number[] = [];
  // Rounded to the step's decimals so 0.1 + 0.2 reads 0.3; `+ 0` turns −0 into 0.
  const digits = Math.max(0, -Math.floor(Math.log10(step)));
  for (let v = min; v <= max + step / 2; v += step) ticks.push(Number(v.toFixed(digits)) + 0);
  return { min, max, ticks };
}

/** Pixel position of `value` on an axis drawn from `from` px (at min) to `to` px (at max). */
export function scale(value: number, axis: Axis, from: number, to: number): number {
  return from + ((value - axis.min) / (axis.max - axis.min)) * (to - from);
}

export function predict(model: CalibrationModel, x: number): number {
  return model.kind === 'linear' ? model.slope * x + model.intercept : model.a * Math.exp(model.b * x);
}

/** `n` + 1 points of the model from `x0` to `x1`. */
export function modelCurve(model: CalibrationModel, x0: number, x1: number, n = 24): [number, number][] {
  return Array.from({ length: n + 1 }, (_, i) => {
    const x = x0 + ((x1 - x0) * i) / n;
    return [x, predict(model, x)];
  });
}
