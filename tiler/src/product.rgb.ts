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
  legend(ctx) {
    return { product: 'rgb', title: this.title, kind: 'rgb', range: ctx.params.rescale ?? ctx.defaultRange };
  },
};
