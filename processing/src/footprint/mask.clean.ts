/**
 * Removes the small parts of a validity mask before it is traced: valid specks (4-connected) of fewer
 * than `minPolygonPixels` pixels become invalid, then enclosed invalid holes (8-connected, not touching
 * the raster's edge) of fewer than `minHolePixels` pixels become valid. A threshold of 0 or 1 keeps all.
 * Reference: SPEC §2.1 "Footprint"; the same job as `gdal_sieve.py` restricted to one value per pass.
 */
import { labelComponents } from './component.label.ts';

export interface MaskCleanOptions {
  /** Valid areas smaller than this many pixels are dropped. */
  readonly minPolygonPixels: number;
  /** Interior invalid areas smaller than this many pixels are filled. */
  readonly minHolePixels: number;
}

/** A new 0/1 mask with specks dropped and small holes filled; the input is not changed. */
export function cleanMask(
  binary: Uint8Array,
  width: number,
  height: number,
  options: MaskCleanOptions,
): Uint8Array {
  const out = Uint8Array.from(binary);
  const specks = labelComponents(out, width, height, 1, 4);
  for (let i = 0; i < out.length; i++) {
    const id = specks.labels[i] as number;
    if (id !== 0 && (specks.sizes[id] as number) < options.minPolygonPixels) out[i] = 0;
  }
  const holes = labelComponents(out, width, height, 0, 8);
  for (let i = 0; i < out.length; i++) {
    const id = holes.labels[i] as number;
    if (id !== 0 && holes.touchesEdge[id] !== true && (holes.sizes[id] as number) < options.minHolePixels)
      out[i] = 1;
  }
  return out;
}
