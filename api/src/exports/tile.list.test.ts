/**
 * The tiles of a package, worked out by hand: XYZ x = ⌊(lon + 180) / 360 · 2^z⌋, y from the latitude
 * (y = 1 at zoom 2 for 0°–66.5° N), ids from the PMTiles Hilbert curve (zoom 1: (0,0) (0,1) (1,1) (1,0)).
 */
import { describe, expect, it } from 'vitest';
import { packageTileCount, packageTiles } from './tile.list.ts';

describe('packageTiles', () => {
  it('lists every tile of a box around 0°, 0° in tile-id order', () => {
    expect(packageTiles([-10, -10, 10, 10], 0, 1)).toEqual([
      { z: 0, x: 0, y: 0 },
      { z: 1, x: 0, y: 0 },
      { z: 1, x: 0, y: 1 },
      { z: 1, x: 1, y: 1 },
      { z: 1, x: 1, y: 0 },
    ]);
  });

  it('keeps only the tiles a box intersects', () => {
    // 10–20° E, 10–20° N: the north-east quarter at zoom 1; at zoom 2, x = ⌊190 / 90⌋ = 2, y = 1.
    expect(packageTiles([10, 10, 20, 20], 1, 2)).toEqual([
      { z: 1, x: 1, y: 0 },
      { z: 2, x: 2, y: 1 },
    ]);
  });

  it('counts the tiles it would list: 1 + 4 + 16 for the world at zooms 0–2', () => {
    expect(packageTileCount([-180, -85, 180, 85], 0, 2)).toBe(21);
    expect(packageTileCount([10, 10, 20, 20], 1, 2)).toBe(2);
  });

  it('orders the tiles of one zoom along the curve, not by x', () => {
    // Across the meridian at zoom 2: 2/1/1 has id 7 and 2/2/1 id 18 (5 + 4·3 + 1).
    expect(packageTiles([-1, 1, 1, 2], 2, 2)).toEqual([
      { z: 2, x: 1, y: 1 },
      { z: 2, x: 2, y: 1 },
    ]);
  });
});
