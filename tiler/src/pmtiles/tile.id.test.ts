/**
 * Hilbert tile ids against values worked out by hand from the PMTiles v3 spec: zoom z starts at
 * (4^z − 1)/3, and within a zoom the curve visits (0,0) → (0,1) → (1,1) → (1,0) in the first-order
 * pattern, each quadrant's sub-curve rotated so it joins its neighbours.
 */
import { describe, expect, it } from 'vitest';
import { zxyToTileId as reference } from 'pmtiles';
import { firstTileId, zxyToTileId } from './tile.id.ts';

describe('zxyToTileId', () => {
  it.each([
    [0, 0, 0, 0],
    [1, 0, 0, 1],
    [1, 0, 1, 2],
    [1, 1, 1, 3],
    [1, 1, 0, 4],
    [2, 0, 0, 5],
    // Zoom 2: the first quadrant (x, y < 2) is the first-order curve transposed: (0,0) (1,0) (1,1) (0,1).
    [2, 1, 0, 6],
    [2, 1, 1, 7],
    [2, 0, 1, 8],
    // The curve of zoom 2 ends at its top-right tile: id 5 + 15.
    [2, 3, 0, 20],
    [3, 0, 0, 21],
  ])('%i/%i/%i → %i', (z, x, y, id) => {
    expect(zxyToTileId(z, x, y)).toBe(id);
  });

  it('starts each zoom after every tile of the zooms above: 1, 5, 21, 85, 341', () => {
    expect([1, 2, 3, 4, 5].map(firstTileId)).toEqual([1, 5, 21, 85, 341]);
  });

  it('numbers each zoom 0–6 as a permutation of its range, matching the pmtiles package', () => {
    for (let z = 0; z <= 6; z++) {
      const n = 2 ** z;
      const seen = new Set<number>();
      for (let x = 0; x < n; x++)
        for (let y = 0; y < n; y++) {
          const id = zxyToTileId(z, x, y);
          expect(id).toBe(reference(z, x, y));
          seen.add(id);
        }
      expect(seen.size).toBe(n * n);
      expect(Math.min(...seen)).toBe(firstTileId(z));
    }
  });

  it('stays exact at zoom 26', () => {
    const n = 2 ** 26;
    expect(zxyToTileId(26, n - 1, 0)).toBe(firstTileId(27) - 1);
  });

  it('refuses addresses outside the grid, naming them', () => {
    expect(() => zxyToTileId(2, 4, 0)).toThrow(/tile 2\/4\/0 is outside the 4×4 grid/);
    expect(() => zxyToTileId(27, 0, 0)).toThrow(/zoom 27/);
  });
});
