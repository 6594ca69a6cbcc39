/**
 * The `rgb` product: true colour from the bands named red, green and blue (the first three when the
 * file names none), linearly stretched onto 0–255 by `rescale` or the survey's default stretch.
 * Reference: SPEC §2.2.
 */
import { HOST_LITTLE_ENDIAN, ValidationError, type BandContext, type RasterInfo } from '@belcheer/processing';
import type { Product } from './products.ts';
import { takeRgba } from './scratch.ts';
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
    const rgba = takeRgba(n);
    const { data, valid } = pixels;
    const byte = (v: number) => {
      const t = (v - lo) * k + 0.5;
      return t <= 0 ? 0 : t >= 255 ? 255 : t | 0;
    };
    if (!HOST_LITTLE_ENDIAN) {
      for (let i = 0, s = 0, o = 0; i < n; i++, s += 3, o += 4) {
        if (valid[i] === 0) continue;
        rgba.set([byte(data[s]!), byte(data[s + 1]!), byte(data[s + 2]!), 255], o);
      }
      return rgba;
    }
    // One 32-bit store a pixel: red in the lowest byte, opaque alpha in the highest.
    const words = new Uint32Array(rgba.buffer, rgba.byteOffset, n);
    for (let i = 0, s = 0; i < n; i++, s += 3) {
      if (valid[i] === 0) continue;
      words[i] = (byte(data[s]!) | (byte(data[s + 1]!) << 8) | (byte(data[s + 2]!) << 16) | 0xff000000) >>> 0;
    }
    return rgba;
  },
  legend(ctx) {
    return { product: 'rgb', title: this.title, kind: 'rgb', range: ctx.params.rescale ?? ctx.defaultRange };
  },
};
