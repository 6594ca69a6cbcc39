/**
 * 4-connected components of a class grid: pixels of the same class that share an edge belong to one
 * component; NO_CLASS pixels belong to none (label −1). Pixels touching only at a corner are separate.
 * Reference: issue 6 (vigour zones); Rosenfeld & Pfaltz (1966) connected component labelling.
 */
import { NO_CLASS } from './classify.ts';

export interface Components {
  /** Component of each pixel, −1 for NO_CLASS. */
  readonly labels: Int32Array;
  /** Class of each component. */
  readonly classes: number[];
  /** Pixel indices (row-major) of each component. */
  readonly pixels: number[][];
}

/** The up to four edge neighbours of pixel p, row-major in a width × height grid. */
export function edgeNeighbours(p: number, width: number, height: number): number[] {
  const x = p % width;
  const out: number[] = [];
  if (p >= width) out.push(p - width);
  if (x < width - 1) out.push(p + 1);
  if (p < (height - 1) * width) out.push(p + width);
  if (x > 0) out.push(p - 1);
  return out;
}

/** Label the 4-connected components of `grid` (flood fill with an explicit stack). */
export function labelComponents(grid: Uint8Array, width: number, height: number): Components {
  const labels = new Int32Array(grid.length).fill(-1);
  const classes: number[] = [];
  const pixels: number[][] = [];
  for (let seed = 0; seed < grid.length; seed++) {
    if (labels[seed] !== -1 || grid[seed] === NO_CLASS) continue;
    const id = classes.length;
    const cls = grid[seed]!;
    const members: number[] = [];
    const stack = [seed];
    labels[seed] = id;
    while (stack.length > 0) {
      const p = stack.pop()!;
      members.push(p);
      for (const q of edgeNeighbours(p, width, height)) {
        if (labels[q] === -1 && grid[q] === cls) {
          labels[q] = id;
          stack.push(q);
        }
      }
    }
    classes.push(cls);
    pixels.push(members);
  }
  return { labels, classes, pixels };
}
