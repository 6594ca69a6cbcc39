/**
 * Tile products: which bands a product reads from which asset, how they are resampled, and how the
 * resampled values become RGBA — `rgb` (true colour), one product per index of DOMAIN §2 that the
 * survey's bands allow, and `cover` (green-cover classes, nearest). Each product also has a legend.
 * Reference: SPEC §2.2 "Products per survey"; DOMAIN.md §2–§3.
 */
import {
  availableIndices,
  INDEX_NAMES,
  isIndexName,
  ValidationError,
  type BandContext,
  type RasterInfo,
  type Tiff,
} from '@belcheer/processing';
import type { Legend } from './legend.ts';
import type { ResampledPixels, Resampling } from './resample.ts';

/** A linear stretch of values onto 0–255 (or onto a colormap). */
export type Range = readonly [number, number];

export interface RenderParams {
  /** `rescale=min,max`: overrides the product's default range. */
  readonly rescale?: Range;
  /** `colormap=name`: overrides the product's default colormap (continuous products only). */
  readonly colormap?: string;
}

export interface RenderContext {
  readonly params: RenderParams;
  /** The survey's default range of the product (per-survey stretch or the index's display range). */
  readonly defaultRange: Range;
  readonly bands: BandContext;
}

/** Which stored file of a survey version a product is rendered from. */
export type ProductAsset = 'cog' | 'cover';

export interface Product {
  readonly name: string;
  readonly title: { readonly mn: string; readonly en: string };
  readonly asset: ProductAsset;
  readonly resampling: Resampling;
  /** Zero-based source bands, in the order `colour` expects; ValidationError when the survey lacks them. */
  bands(ctx: BandContext, info: RasterInfo): number[];
  /** The survey's default range for the product. */
  defaultRange(tiff: Tiff, bands: readonly number[], ctx: BandContext): Promise<Range>;
  /** RGBA, alpha 0 where there is no value. */
  colour(pixels: ResampledPixels, ctx: RenderContext): Uint8Array;
  legend(ctx: RenderContext): Legend;
}

/** Names of every product a survey may have. */
export const PRODUCT_NAMES: readonly string[] = ['rgb', ...INDEX_NAMES, 'cover'];

/** The product named `name`, or a ValidationError listing the known ones. */
export function unknownProduct(name: string): ValidationError {
  return new ValidationError(
    `unknown product "${name}" (known: ${PRODUCT_NAMES.join(', ')})`,
    { product: name },
    'unknown_product',
  );
}

/** Products a survey with these bands can show (`cover` only once its cover layer exists). */
export function availableProducts(bands: BandContext, hasCover: boolean): string[] {
  const colour = ['red', 'green', 'blue'].every((b) => bands.names.includes(b));
  return [...(colour ? ['rgb'] : []), ...availableIndices(bands), ...(hasCover ? ['cover'] : [])];
}

export function isProductName(name: string): boolean {
  return name === 'rgb' || name === 'cover' || isIndexName(name);
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
