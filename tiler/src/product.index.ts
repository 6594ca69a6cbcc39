/**
 * Index products: the index of DOMAIN §2 computed per tile pixel from the resampled bands (so a tile
 * equals the formula applied to the warped band values), coloured through a colormap over the
 * index's display range, `rescale` or — for an index that depends on the data's scale and has no
 * reflectance (TGI on DN) — the survey's 2–98 % stretch.
 * Reference: SPEC §2.2; DOMAIN.md §1–§2; issue 5 acceptance 2.
 */
import {
  computeIndex,
  indexBands,
  indexDefinition,
  type BandContext,
  type IndexDefinition,
  type IndexName,
} from '@belcheer/processing';
import { colormapNamed, colourise } from './colormap.ts';
import { continuousLegend } from './legend.ts';
import type { Product, Range, RenderContext } from './products.ts';
import type { ResampledPixels } from './resample.ts';
import { indexStretch } from './stretch.ts';

export interface IndexProduct extends Product {
  readonly definition: IndexDefinition;
  /** The index of each resampled pixel before colouring; NaN where there is none. */
  values(pixels: ResampledPixels, bands: BandContext): Float32Array;
}

/** Whether the display range must come from the data: scale-dependent values without reflectance. */
function dataScaled(def: IndexDefinition, bands: BandContext): boolean {
  return def.name === 'tgi' && bands.reflectance === null;
}

function colormapOf(def: IndexDefinition, ctx: RenderContext) {
  return colormapNamed(ctx.params.colormap ?? def.colormap);
}

const products = new Map<IndexName, IndexProduct>();

function makeIndexProduct(def: IndexDefinition): IndexProduct {
  return {
    name: def.name,
    title: def.title,
    definition: def,
    asset: 'cog',
    resampling: 'bilinear',
    bands: (ctx) => indexBands(def, ctx),
    async defaultRange(tiff, bands, ctx): Promise<Range> {
      if (!dataScaled(def, ctx)) return def.range;
      return indexStretch(tiff, def, bands, ctx.reflectance);
    },
    values(pixels, bands) {
      const input = {
        data: pixels.data,
        stride: pixels.bands,
        offsets: def.inputs.map((_, i) => i),
        count: pixels.width * pixels.height,
        valid: pixels.valid,
      };
      return computeIndex(def, input, bands.reflectance);
    },
    colour(pixels, ctx) {
      return colourise(
        this.values(pixels, ctx.bands),
        ctx.params.rescale ?? ctx.defaultRange,
        colormapOf(def, ctx),
      );
    },
    legend(ctx) {
      return continuousLegend(
        def.name,
        def.title,
        colormapOf(def, ctx),
        ctx.params.rescale ?? ctx.defaultRange,
      );
    },
  };
}

/** The product of index `name` (ValidationError for an unknown index). */
export function indexProduct(name: string): IndexProduct {
  const def = indexDefinition(name);
  let p = products.get(def.name);
  if (!p) {
    p = makeIndexProduct(def);
    products.set(def.name, p);
  }
  return p;
}
