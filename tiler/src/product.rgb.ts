/**
 * The `rgb` product: true colour from the bands named red, green and blue (the first three when the
 * file names none), linearly stretched onto 0–255 by `rescale` or the survey's default stretch.
 * Reference: SPEC §2.2.
 */
import { ValidationError, type BandContext, type RasterInfo } from '@belcheer/processing';
import type { Product } from './products.ts';
import { defaultStretch } from './stretch.ts';

function bandIndex(ctx: BandContext, name: string): number {
  const i = ctx.names.indexOf(name);
  if (i >= 0) return i;
  throw new ValidationError(
    `the survey has no ${name} band (bands: ${ctx.names.join(', ') || 'unnamed'})`,
    { bands: ctx.names },
    'product_unavailable',
  );
}

export const rgbProduct: Product = {
  name: 'rgb',
  title: { mn: 'Бодит өнгө', en: 'True colour' },
  asset: 'cog',
  resampling: 'bilinear',
  bands(ctx: BandContext, info: RasterInfo) {
    const named = ctx.names.some((n) => n !== 'other' && n !== 'alpha');
    if (!named && info.bands >= 3) return [0, 1, 2];
    return [bandIndex(ctx, 'red'), bandIndex(ctx, 'green'), bandIndex(ctx, 'blue')];
  },
  defaultRange: (tiff, bands) => defaultStretch(tiff, bands),
  colour(pixels, ctx) {
    const [lo, hi] = ctx.params.rescale ?? ctx.defaultRange;
    const k = 255 / (hi - lo);
    // Uint8ClampedArray semantics by hand: round half up, clamp to 0–255 (t ≥ 0 truncates as floor).
    const n = pixels.width * pixels.height;
    const rgba = new Uint8Array(n * 4);
    const { data, valid } = pixels;
    for (let i = 0, s = 0, o = 0; i < n; i++, s += 3, o += 4) {
      if (valid[i] === 0) continue;
      const r = (data[s]! - lo) * k + 0.5;
      const g = (data[s + 1]! - lo) * k + 0.5;
      const b = (data[s + 2]! - lo) * k + 0.5;
      rgba[o] = r <= 0 ? 0 : r >= 255 ? 255 : r | 0;
      rgba[o + 1] = g <= 0 ? 0 : g >= 255 ? 255 : g | 0;
      rgba[o + 2] = b <= 0 ? 0 : b >= 255 ? 255 : b | 0;
      rgba[o + 3] = 255;
    }
    return rgba;
  },
  legend(ctx) {
    return { product: 'rgb', title: this.title, kind: 'rgb', range: ctx.params.rescale ?? ctx.defaultRange };
  },
};
