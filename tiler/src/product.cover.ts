/**
 * The `cover` product: green cover in classes, read with nearest resampling from the survey's cover
 * layer — a one-band uint8 COG holding the green share in % (0 or 100 at full resolution, the mean
 * share of green pixels in each overview pixel, since overviews average), classified by the
 * DOMAIN §3 cover classes and coloured from bare (brown) to dense (green).
 * Reference: SPEC §2.2 (`cover`, nearest for classes); DOMAIN.md §3.
 */
import { coverClassIndex, coverClassLabel, DEFAULT_COVER_CLASSES } from '@belcheer/processing';
import { parseColor } from './colormap.ts';
import type { LegendClass } from './legend.ts';
import type { Product } from './products.ts';
import { takeRgba } from './scratch.ts';

/** One colour per cover class, bare to dense (ColorBrewer BrBG / YlGn ends). */
const CLASS_COLOURS = ['#a6611a', '#dfc27d', '#f6e8a0', '#a6d96a', '#1a9641'] as const;

const RGB = CLASS_COLOURS.map(parseColor);

/** Cover class of each whole percent 0–100 (values are whole numbers in the uint8 layer). */
const CLASS_OF = Uint8Array.from({ length: 101 }, (_, pct) => coverClassIndex(pct));

export const coverProduct: Product = {
  name: 'cover',
  title: { mn: 'Ногоон бүрхэвч', en: 'Green cover' },
  asset: 'cover',
  resampling: 'nearest',
  bands: () => [0],
  defaultRange: async () => [0, 100],
  colour(pixels) {
    const n = pixels.width * pixels.height;
    const rgba = takeRgba(n);
    for (let p = 0; p < n; p++) {
      if (pixels.valid[p] === 0) continue;
      const pct = Math.round(pixels.data[p]!);
      const rgb = RGB[CLASS_OF[pct < 0 ? 0 : pct > 100 ? 100 : pct]!]!;
      rgba[p * 4] = rgb[0];
      rgba[p * 4 + 1] = rgb[1];
      rgba[p * 4 + 2] = rgb[2];
      rgba[p * 4 + 3] = 255;
    }
    return rgba;
  },
  legend() {
    const classes: LegendClass[] = DEFAULT_COVER_CLASSES.map((_, i) => ({
      value: i,
      color: CLASS_COLOURS[i]!,
      label: { mn: coverClassLabel(i, 'mn'), en: coverClassLabel(i, 'en') },
    }));
    return { product: 'cover', title: this.title, kind: 'classes', classes, unit: '%' };
  },
};
