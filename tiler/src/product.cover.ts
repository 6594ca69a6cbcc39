/**
 * The `cover` product: green cover in classes, read with nearest resampling from the survey's cover
 * layer — a one-band uint8 COG holding the green share in % (0 or 100 at full resolution, the mean
 * share of green pixels in each overview pixel, since overviews average), classified by the
 * DOMAIN §3 cover classes and coloured from bare (brown) to dense (green).
 * Reference: SPEC §2.2 (`cover`, nearest for classes); DOMAIN.md §3.
 */
import { parseColor } from './colormap.ts';
import type { LegendClass } from './legend.ts';
import type { Product } from './products.ts';

/** One colour per cover class, bare to dense (ColorBrewer BrBG / YlGn ends). */
const CLASS_COLOURS = ['#a6611a', '#dfc27d', '#f6e8a0', '#a6d96a', '#1a9641'] as const;

const RGB = CLASS_COLOURS.map(parseColor);

// TODO(domain): replace with processing/src/domain cover classes once they land.
const COVER_CLASSES = [
  { max: 10, label: { mn: '0–10 %', en: '0–10 %' } },
  { max: 25, label: { mn: '10–25 %', en: '10–25 %' } },
  { max: 50, label: { mn: '25–50 %', en: '25–50 %' } },
  { max: 75, label: { mn: '50–75 %', en: '50–75 %' } },
  { max: 100, label: { mn: '75–100 %', en: '75–100 %' } },
];
function coverClassOf(percent: number): number {
  const i = COVER_CLASSES.findIndex((c) => percent < c.max);
  return i < 0 ? COVER_CLASSES.length - 1 : i;
}

export const coverProduct: Product = {
  name: 'cover',
  title: { mn: 'Ногоон бүрхэвч', en: 'Green cover' },
  asset: 'cover',
  resampling: 'nearest',
  bands: () => [0],
  defaultRange: async () => [0, 100],
  colour(pixels) {
    const n = pixels.width * pixels.height;
    const rgba = new Uint8Array(n * 4);
    for (let p = 0; p < n; p++) {
      if (pixels.valid[p] === 0) continue;
      const [r, g, b] = RGB[coverClassOf(pixels.data[p]!)]!;
      rgba.set([r, g, b, 255], p * 4);
    }
    return rgba;
  },
  legend() {
    const classes: LegendClass[] = COVER_CLASSES.map((c, i) => ({
      value: i,
      color: CLASS_COLOURS[i]!,
      label: c.label,
    }));
    return { product: 'cover', title: this.title, kind: 'classes', classes, unit: '%' };
  },
};
