import { describe, expect, it } from 'vitest';
import { orientPolygon, signedArea2 } from './ring.orient.ts';

// The unit square counter-clockwise (0,0 → 1,0 → 1,1 → 0,1): area 1, so twice the signed area is +2.
const CCW = [
  [0, 0],
  [1, 0],
  [1, 1],
  [0, 1],
  [0, 0],
];
const CW = [...CCW].reverse();

describe('ring orientation', () => {
  it('gives twice the signed area by hand', () => {
    expect(signedArea2(CCW)).toBe(2);
    expect(signedArea2(CW)).toBe(-2);
  });

  it('orients outer rings and holes opposite ways, whatever the input, from any start vertex', () => {
    const rotated = [...CW.slice(2, -1), ...CW.slice(0, 3)];
    const [outer, hole] = orientPolygon([rotated, CCW], true);
    expect(signedArea2(outer!)).toBeGreaterThan(0);
    expect(signedArea2(hole!)).toBeLessThan(0);
    const [outerCw, holeCcw] = orientPolygon([CCW, CW], false);
    expect(outerCw).toEqual(CW);
    expect(holeCcw).toEqual(CCW);
  });
});
