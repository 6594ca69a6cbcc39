/**
 * Merge of small islands of a class grid: a 4-connected component of fewer than `minPixels` pixels
 * takes the class of the neighbours it shares the longest border with (pixel edges counted; ties go to
 * the lower class), smallest islands first, until none is left that can merge. An island surrounded
 * only by NO_CLASS and the grid's edge is kept. Used so vigour zones are workable by farm machinery.
 * Reference: issue 6 (vigour zones, "small islands merged below a minimum area").
 */
import { ValidationError } from '../errors.ts';
import { NO_CLASS } from './classify.ts';
import { edgeNeighbours, labelComponents } from './components.ts';

/** Border length, in pixel edges, between component pixels and each neighbouring class. */
function borderByClass(
  pixels: ReadonlyArray<number>,
  grid: Uint8Array,
  width: number,
  height: number,
): Map<number, number> {
  const own = grid[pixels[0]!]!;
  const border = new Map<number, number>();
  for (const p of pixels) {
    for (const q of edgeNeighbours(p, width, height)) {
      const cls = grid[q]!;
      if (cls !== own && cls !== NO_CLASS) border.set(cls, (border.get(cls) ?? 0) + 1);
    }
  }
  return border;
}

/** The class with the longest border, the lower on ties; null when there is none. */
function longestBorder(border: ReadonlyMap<number, number>): number | null {
  let best: number | null = null;
  for (const [cls, length] of border) {
    const bestLength = best === null ? -1 : border.get(best)!;
    if (length > bestLength || (length === bestLength && cls < best!)) best = cls;
  }
  return best;
}

/**
 * One pass: recolour each island below the minimum, smallest first; the number recoloured. A component
 * that an island merged into has grown, so it waits for the next pass (relabelled) to be judged.
 */
function mergePass(grid: Uint8Array, width: number, height: number, minPixels: number): number {
  const { labels, pixels } = labelComponents(grid, width, height);
  const grown = new Uint8Array(pixels.length);
  const small = pixels
    .map((members, id) => ({ id, members }))
    .filter((c) => c.members.length < minPixels)
    .sort((a, b) => a.members.length - b.members.length || a.id - b.id);
  let merged = 0;
  for (const { id, members } of small) {
    if (grown[id]) continue;
    const target = longestBorder(borderByClass(members, grid, width, height));
    if (target === null) continue;
    for (const p of members) grid[p] = target;
    for (const p of members) {
      for (const q of edgeNeighbours(p, width, height)) if (grid[q] === target) grown[labels[q]!] = 1;
    }
    merged++;
  }
  return merged;
}

/** A copy of `classGrid` with islands of fewer than `minPixels` pixels merged into their neighbours. */
export function mergeSmallIslands(
  classGrid: Uint8Array,
  width: number,
  height: number,
  minPixels: number,
): Uint8Array {
  if (classGrid.length !== width * height) {
    throw new ValidationError(`class grid has ${classGrid.length} pixels, ${width}×${height} declared`);
  }
  if (!Number.isInteger(minPixels) || minPixels < 1) {
    throw new ValidationError(`minimum island size must be an integer ≥ 1 pixel, got ${minPixels}`);
  }
  const grid = classGrid.slice();
  while (mergePass(grid, width, height, minPixels) > 0);
  return grid;
}
