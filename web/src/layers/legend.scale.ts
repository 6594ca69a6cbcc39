/**
 * The numbers of a continuous legend: its min / mid / max ticks with as many decimals as the range
 * needs to tell them apart, where a value sits on the range (for the point popup's bar), and the
 * CSS gradient through the legend's stops.
 */
import type { LegendStop, Range } from '../api/survey.products.ts';

export interface Tick {
  readonly value: number;
  /** 0–1 along the bar. */
  readonly at: number;
}

/** Decimals that show a step of a quarter of the span: 0 for spans ≥ 40, 1 for ≥ 4, 2 for ≥ 0.4, … */
export function tickDigits([min, max]: Range): number {
  const span = Math.abs(max - min);
  if (!Number.isFinite(span) || span === 0) return 2;
  return Math.min(6, Math.max(0, Math.ceil(-Math.log10(span / 4))));
}

export function legendTicks([min, max]: Range): Tick[] {
  return [
    { value: min, at: 0 },
    { value: (min + max) / 2, at: 0.5 },
    { value: max, at: 1 },
  ];
}

/** Decimals that show four significant digits of an index value: 880 → 0, 12.5 → 1, 0.0452 → 3 (at most). */
export function valueDigits(value: number): number {
  const magnitude = Math.abs(value);
  if (magnitude >= 100) return 0;
  if (magnitude >= 10) return 1;
  if (magnitude >= 1) return 2;
  return 3;
}

/** Where `value` sits on `range`, clamped to 0–1. */
export function rangePosition(value: number, [min, max]: Range): number {
  if (max === min) return 0.5;
  const at = (value - min) / (max - min);
  return at < 0 ? 0 : at > 1 ? 1 : at;
}

/** `linear-gradient(to right, c0 0%, …, cn 100%)` through the stops placed by value on the range. */
export function gradientCss(stops: readonly LegendStop[], range: Range): string {
  const parts = stops.map((s) => `${s.color} ${(rangePosition(s.value, range) * 100).toFixed(1)}%`);
  return `linear-gradient(to right, ${parts.join(', ')})`;
}

/** The colour of the stop nearest to `value` (the point popup's marker). */
export function colourAt(stops: readonly LegendStop[], value: number): string | null {
  let best: LegendStop | null = null;
  for (const s of stops) if (!best || Math.abs(s.value - value) < Math.abs(best.value - value)) best = s;
  return best?.color ?? null;
}
