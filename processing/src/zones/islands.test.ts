import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors.ts';
import { NO_CLASS } from './classify.ts';
import { labelComponents } from './components.ts';
import { mergeSmallIslands } from './islands.ts';

const N = NO_CLASS;

describe('mergeSmallIslands', () => {
  it('merges an island into the class it shares the longest border with', () => {
    // 0 0 0 1 1 1     island of class 2 = 2 pixels < 3. Border edges of (2,1): up 0, left 0, down 0;
    // 0 0 2 2 1 1     of (3,1): up 1, right 1, down 0 → class 0: 4 edges, class 1: 2 edges → class 0
    // 0 0 0 0 1 1
    const grid = Uint8Array.from([0, 0, 0, 1, 1, 1, 0, 0, 2, 2, 1, 1, 0, 0, 0, 0, 1, 1]);
    expect([...mergeSmallIslands(grid, 6, 3, 3)]).toEqual([
      0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 1, 1,
    ]);
    expect(grid[8]).toBe(2); // the input is left as it was
  });

  it('gives a tie to the lower class', () => {
    // 1 1 0     the 2 borders class 1 (up, left) and class 0 (right, down): 2 edges each → 0
    // 1 2 0
    // 1 0 0
    const out = mergeSmallIslands(Uint8Array.from([1, 1, 0, 1, 2, 0, 1, 0, 0]), 3, 3, 2);
    expect([...out]).toEqual([1, 1, 0, 1, 0, 0, 1, 0, 0]);
  });

  it('merges neighbouring islands smallest first', () => {
    // 0 0 0 0 0     islands 1 and 2, one pixel each (< 3): the 1 (first) has 3 edges on 0 and 1 on the 2
    // 0 1 2 0 0     → 0; then the 2 has 4 edges on 0 → 0
    // 0 0 0 0 0
    const grid = new Uint8Array(15);
    grid[6] = 1;
    grid[7] = 2;
    expect([...mergeSmallIslands(grid, 5, 3, 3)]).toEqual(new Array(15).fill(0));
  });

  it('keeps an island surrounded by nodata and never merges into nodata', () => {
    // · · ·
    // · 1 ·     no class to merge into → kept
    // · · ·
    const alone = Uint8Array.from([N, N, N, N, 1, N, N, N, N]);
    expect([...mergeSmallIslands(alone, 3, 3, 5)]).toEqual([...alone]);
    // 0 0 ·     the 1 touches nodata on 2 edges and class 0 on 1 → 0
    // 0 1 ·
    expect([...mergeSmallIslands(Uint8Array.from([0, 0, N, 0, 1, N]), 3, 2, 2)]).toEqual([0, 0, N, 0, 0, N]);
  });

  it('leaves no island below the minimum on a random grid, nodata untouched', () => {
    let s = 7;
    const rand = (): number => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
    const [w, h, min] = [40, 30, 6];
    const grid = Uint8Array.from({ length: w * h }, () => (rand() < 0.05 ? N : Math.floor(rand() * 4)));
    const out = mergeSmallIslands(grid, w, h, min);
    for (let p = 0; p < grid.length; p++) expect(out[p] === N).toBe(grid[p] === N);
    const { pixels } = labelComponents(out, w, h);
    // a component may stay small only when it has no classed neighbour
    const small = pixels.filter((m) => m.length < min);
    for (const members of small) {
      const own = out[members[0]!];
      const classedNeighbour = members.some((p) =>
        [p - w, p + w, p % w > 0 ? p - 1 : -1, p % w < w - 1 ? p + 1 : -1].some(
          (q) => q >= 0 && q < out.length && out[q] !== N && out[q] !== own,
        ),
      );
      expect(classedNeighbour).toBe(false);
    }
  });

  it('refuses a grid of the wrong size and a minimum below 1', () => {
    expect(() => mergeSmallIslands(new Uint8Array(5), 3, 2, 2)).toThrow(ValidationError);
    expect(() => mergeSmallIslands(new Uint8Array(6), 3, 2, 0)).toThrow(/minimum island size/);
  });
});
