/**
 * Class of each pixel of an index grid by ascending breaks: class i holds values ≥ breaks[i − 1] and
 * < breaks[i] (class 0 below the first break, class k − 1 from the last). NaN → NO_CLASS.
 * Reference: issue 6 (vigour zones); breaks from breaks.ts.
 */
import { ValidationError } from '../errors.ts';

/** The class value of a pixel without data. */
export const NO_CLASS = 255;

/** Classes 0 … breaks.length of each value; at most 254 classes. */
export function classify(grid: ArrayLike<number>, breaks: ReadonlyArray<number>): Uint8Array {
  if (breaks.length >= NO_CLASS)
    throw new ValidationError(`${breaks.length + 1} classes requested, at most 254`);
  for (let i = 1; i < breaks.length; i++) {
    if (!(breaks[i]! >= breaks[i - 1]!))
      throw new ValidationError(`breaks must ascend, got ${breaks.join(', ')}`);
  }
  const out = new Uint8Array(grid.length);
  for (let p = 0; p < grid.length; p++) {
    const v = grid[p]!;
    if (Number.isNaN(v)) {
      out[p] = NO_CLASS;
      continue;
    }
    let c = 0;
    while (c < breaks.length && v >= breaks[c]!) c++;
    out[p] = c;
  }
  return out;
}
