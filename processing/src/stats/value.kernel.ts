/**
 * How a statistics product turns pixels into float64 values: a per-pixel function of the band values
 * (any caller can give one), which may carry a typed kernel over a run of pixels (productValue's: an
 * index or a band over a whole block in one loop, no call and no copy per pixel). Values that are not
 * finite, and masked pixels, read NaN.
 * Reference: DOMAIN §2 (index formulas, through processing/src/indices computeIndex).
 */
import type { PixelBlock } from '../raster/types.ts';

/** Values of `count` pixels of `block` from pixel `from` into out[at, at + count). */
export type ValueRun = (
  block: PixelBlock,
  from: number,
  count: number,
  out: Float64Array,
  at: number,
) => void;

/** The value of one pixel from its band values (file order); NaN or ±Infinity is not counted. */
export type PixelValue = ((bands: Float64Array) => number) & { readonly run?: ValueRun };

/** `value`'s kernel, or a run calling it pixel by pixel. */
export function valueRun(value: PixelValue): ValueRun {
  if (value.run) return value.run;
  let scratch = new Float64Array(0);
  return ({ data, mask, bands }, from, count, out, at) => {
    if (scratch.length !== bands) scratch = new Float64Array(bands);
    for (let p = from, i = at; p < from + count; p++, i++) {
      if (mask !== null && mask[p] === 0) {
        out[i] = NaN;
        continue;
      }
      for (let b = 0; b < bands; b++) scratch[b] = data[p * bands + b]!;
      const v = value(scratch);
      out[i] = Number.isFinite(v) ? v : NaN;
    }
  };
}
