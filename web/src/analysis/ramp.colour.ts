/**
 * The colour of a value on a legend's colour ramp: linear interpolation in sRGB between the two
 * stops around it (clamped to the end stops), as the tiler's colormap lookup blends them. Used to
 * colour histogram bars and continuous choropleth classes like the map's imagery.
 */
import type { LegendStop } from '../api/survey.products.ts';

type Rgb = readonly [number, number, number];

function parseHex(colour: string): Rgb | null {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})/i.exec(colour);
  return m ? [parseInt(m[1] ?? '', 16), parseInt(m[2] ?? '', 16), parseInt(m[3] ?? '', 16)] : null;
}

function hex([r, g, b]: Rgb): string {
  return `#${[r, g, b].map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;
}

function normalised(colour: string): string | null {
  const rgb = parseHex(colour);
  return rgb ? hex(rgb) : null;
}

/** `#rrggbb` at `value`; null for a ramp with no stops or a stop that is not `#rrggbb`. */
export function colourOnRamp(stops: readonly LegendStop[], value: number): string | null {
  const sorted = [...stops].sort((a, b) => a.value - b.value);
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  if (!first || !last) return null;
  if (value <= first.value) return normalised(first.color);
  if (value >= last.value) return normalised(last.color);
  const i = sorted.findIndex((s) => s.value >= value);
  const hi = sorted[i];
  const lo = sorted[i - 1];
  if (!hi || !lo) return null;
  const a = parseHex(lo.color);
  const b = parseHex(hi.color);
  if (!a || !b) return null;
  const t = hi.value === lo.value ? 0 : (value - lo.value) / (hi.value - lo.value);
  return hex([a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t]);
}
