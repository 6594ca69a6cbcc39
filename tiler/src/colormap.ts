/**
 * Named colormaps as 256-entry lookup tables, and the colouring of a float band through one:
 * a value maps linearly from `range` onto the table (clamped at its ends), NaN → transparent.
 * viridis and magma are matplotlib's (van der Walt & Smith 2015), rdylgn and greens ColorBrewer's
 * (Brewer 2002), all from d3-scale-chromatic.
 * Reference: SPEC §2.2 `colormap`; DOMAIN.md §2 (rdylgn for NDVI-like indices, viridis otherwise).
 */
import {
  interpolateGreens,
  interpolateMagma,
  interpolateRdYlGn,
  interpolateViridis,
} from 'd3-scale-chromatic';
import { ValidationError } from '@belcheer/processing';
import { takeRgba } from './scratch.ts';

export const COLORMAP_NAMES = ['viridis', 'rdylgn', 'greens', 'magma'] as const;
export type ColormapName = (typeof COLORMAP_NAMES)[number];

export interface Colormap {
  readonly name: ColormapName;
  /** 256 RGB triplets. */
  readonly lut: Uint8Array;
  /** The same 256 colours, opaque, as RGBA words in the platform's byte order (one store a pixel). */
  readonly rgba: Uint32Array;
}

const INTERPOLATORS: Readonly<Record<ColormapName, (t: number) => string>> = {
  viridis: interpolateViridis,
  rdylgn: interpolateRdYlGn,
  greens: interpolateGreens,
  magma: interpolateMagma,
};

/** `#rrggbb` or `rgb(r, g, b)` (the two forms d3-scale-chromatic returns) → [r, g, b]. */
export function parseColor(text: string): [number, number, number] {
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(text);
  if (hex) return [parseInt(hex[1]!, 16), parseInt(hex[2]!, 16), parseInt(hex[3]!, 16)];
  const rgb = /^rgb\((\d+),\s*(\d+),\s*(\d+)\)$/.exec(text);
  if (rgb) return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])];
  throw new Error(`unparsable colour "${text}"`);
}

/** `#rrggbb` of an RGB triplet. */
export function hexColor(r: number, g: number, b: number): string {
  return `#${[r, g, b].map((c) => c.toString(16).padStart(2, '0')).join('')}`;
}

function buildLut(name: ColormapName): Colormap {
  const lut = new Uint8Array(256 * 3);
  const rgba = new Uint32Array(256);
  const bytes = new Uint8Array(rgba.buffer);
  for (let i = 0; i < 256; i++) {
    const c = parseColor(INTERPOLATORS[name](i / 255));
    lut.set(c, i * 3);
    bytes.set([...c, 255], i * 4);
  }
  return { name, lut, rgba };
}

const COLORMAPS: ReadonlyMap<string, Colormap> = new Map(COLORMAP_NAMES.map((n) => [n, buildLut(n)]));

/** The colormap `name`, or a ValidationError (400) listing the known ones. */
export function colormapNamed(name: string): Colormap {
  const cmap = COLORMAPS.get(name);
  if (!cmap) {
    throw new ValidationError(
      `unknown colormap "${name}" (known: ${COLORMAP_NAMES.join(', ')})`,
      { colormap: name },
      'unknown_colormap',
    );
  }
  return cmap;
}

/** Table entry of `value` on `range`: 0 at or below min, 255 at or above max. */
export function lutIndex(value: number, min: number, max: number): number {
  const i = Math.round(((value - min) / (max - min)) * 255);
  return i < 0 ? 0 : i > 255 ? 255 : i;
}

/** RGBA of `values` through `cmap` over `range`; NaN (masked or undefined) → transparent. */
export function colourise(
  values: Float32Array,
  range: readonly [number, number],
  cmap: Colormap,
): Uint8Array {
  const [min, max] = range;
  const k = 255 / (max - min);
  const rgba = takeRgba(values.length);
  const out = new Uint32Array(rgba.buffer, rgba.byteOffset, values.length);
  const lut = cmap.rgba;
  for (let p = 0; p < values.length; p++) {
    const v = values[p]!;
    if (v !== v) continue; // NaN
    // Math.round by hand (floor of t + ½, by truncation once t ≥ 0): three times faster in V8.
    const t = (v - min) * k + 0.5;
    out[p] = lut[t <= 0 ? 0 : t >= 255 ? 255 : t | 0]!;
  }
  return rgba;
}
