/**
 * Tile products: which bands a product reads, how they are resampled, and how the resampled values
 * become RGBA. `rgb` now; index products (a float per pixel through a colormap) and `cover` (classes,
 * nearest) plug in as further entries of PRODUCTS with the same interface.
 * Reference: SPEC §2.2 "Products per survey"; DOMAIN.md §2 for the indices to come.
 */
import { ValidationError, type BandName, type RasterInfo } from '@belcheer/processing';
import type { ResampledPixels, Resampling } from './resample.ts';

/** A linear stretch of values onto 0–255. */
export type Range = readonly [number, number];

export interface RenderParams {
  /** `rescale=min,max`: overrides the product's default range. */
  readonly rescale?: Range;
}

export interface RenderContext {
  readonly params: RenderParams;
  /** The survey's default range for the product's bands (per-survey stretch). */
  readonly defaultRange: Range;
}

export interface Product {
  readonly name: string;
  readonly resampling: Resampling;
  /** Zero-based source bands, in the order `colour` expects; ValidationError when the survey lacks them. */
  bands(info: RasterInfo): number[];
  /** RGBA, alpha 0 where `pixels.valid` is 0. */
  colour(pixels: ResampledPixels, ctx: RenderContext): Uint8Array;
}

function bandIndex(info: RasterInfo, name: BandName): number {
  const i = info.bandNames.indexOf(name);
  if (i >= 0) return i;
  throw new ValidationError(
    `the survey has no ${name} band (bands: ${info.bandNames.join(', ') || 'unnamed'})`,
    {
      bands: info.bandNames,
    },
    'product_unavailable',
  );
}

/** True colour from the bands named red, green and blue (the first three when unnamed RGB(A)). */
export const rgbProduct: Product = {
  name: 'rgb',
  resampling: 'bilinear',
  bands(info) {
    const named = info.bandNames.length > 0 && info.bandNames.some((n) => n !== 'other');
    if (!named && info.bands >= 3) return [0, 1, 2];
    return [bandIndex(info, 'red'), bandIndex(info, 'green'), bandIndex(info, 'blue')];
  },
  colour(pixels, ctx) {
    const [lo, hi] = ctx.params.rescale ?? ctx.defaultRange;
    const k = 255 / (hi - lo);
    const n = pixels.width * pixels.height;
    const rgba = new Uint8Array(n * 4);
    const { data, valid } = pixels;
    for (let i = 0; i < n; i++) {
      if (valid[i] === 0) continue;
      for (let b = 0; b < 3; b++) {
        // Uint8ClampedArray semantics by hand: round half up, clamp to 0–255.
        const v = Math.floor((data[i * 3 + b]! - lo) * k + 0.5);
        rgba[i * 4 + b] = v < 0 ? 0 : v > 255 ? 255 : v;
      }
      rgba[i * 4 + 3] = 255;
    }
    return rgba;
  },
};

export const PRODUCTS: ReadonlyMap<string, Product> = new Map([[rgbProduct.name, rgbProduct]]);

/** The product named `name`, or a ValidationError listing the known ones. */
export function productNamed(name: string): Product {
  const p = PRODUCTS.get(name);
  if (!p) {
    throw new ValidationError(
      `unknown product "${name}" (known: ${[...PRODUCTS.keys()].join(', ')})`,
      {
        product: name,
      },
      'unknown_product',
    );
  }
  return p;
}

/** Parses `rescale=a,b` (finite numbers, a < b). */
export function parseRescale(text: string): Range {
  const parts = text.split(',');
  const [a, b] = parts.map((p) => (p.trim() === '' ? NaN : Number(p)));
  if (parts.length !== 2 || !Number.isFinite(a) || !Number.isFinite(b)) {
    throw new ValidationError(`rescale "${text}" is not two numbers "min,max"`, { rescale: text });
  }
  if (a! >= b!) throw new ValidationError(`rescale min ${a} is not below max ${b}`, { rescale: text });
  return [a!, b!];
}
