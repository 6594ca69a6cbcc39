/**
 * simplifyPolygon on hand-made polygons with the expected output written out: a staircase that
 * becomes its corners, specks and holes that collapse, and two cases where plain Douglas–Peucker
 * would produce an invalid MultiPolygon (a neighbour swallowed, a hole poking out of its shell), so
 * the ring involved must come back with more of its vertices. Validity on real and random masks is
 * judged by shapely in valid.data.polygon.gdal.test.ts.
 */
import type { MultiPolygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors.ts';
import { footprintTolerance, simplifyPolygon } from './simplify.polygon.ts';

const mp = (...polygons: Position[][][]): MultiPolygon => ({ type: 'MultiPolygon', coordinates: polygons });
const closed = (...ring: Position[]): Position[] => [...ring, ring[0] as Position];

describe('simplifyPolygon', () => {
  it('reduces a staircase edge to its corners, CCW and closed', () => {
    // A 10×4 rectangle whose top edge is a staircase of 1 × 0.2 steps, given clockwise.
    const top: Position[] = [];
    for (let x = 0; x < 10; x++) top.push([x, 4.2], [x + 1, 4.2], [x + 1, 4]);
    const input = mp([closed([0, 0], [0, 4], ...top, [10, 0])]);
    // Cut at (0, 0) (lowest x, then y) and at (10, 4.2), the vertex farthest from it; on the way back
    // (0, 4.2) is the farthest from the chord (10, 4.2)–(0, 0), and every other vertex is within 0.5.
    expect(simplifyPolygon(input, 0.5)).toEqual(mp([closed([0, 0], [10, 0], [10, 4.2], [0, 4.2])]));
  });

  it('drops a polygon and a hole that collapse, and never returns a ring of fewer than 4 positions', () => {
    const input = mp(
      [
        closed([0, 0], [100, 0], [100, 100], [0, 100]),
        closed([10, 10], [10, 10.5], [10.5, 10.5], [10.5, 10]),
      ],
      [closed([200, 0], [200.4, 0], [200.4, 0.4], [200, 0.4])],
    );
    const out = simplifyPolygon(input, 1);
    expect(out).toEqual(mp([closed([0, 0], [100, 0], [100, 100], [0, 100])]));
    for (const ring of out.coordinates.flat()) expect(ring.length).toBeGreaterThanOrEqual(4);
  });

  it('gives the same polygon whichever vertex a ring starts at', () => {
    const ring: Position[] = [];
    for (let i = 0; i < 60; i++) {
      const angle = (i / 60) * 2 * Math.PI;
      const r = 100 + 7 * Math.sin(5 * angle) + (i % 3);
      ring.push([r * Math.cos(angle), r * Math.sin(angle)]);
    }
    const reference = simplifyPolygon(mp([closed(...ring)]), 3);
    for (const shift of [1, 17, 42]) {
      const rotated = [...ring.slice(shift), ...ring.slice(0, shift)];
      expect(simplifyPolygon(mp([closed(...rotated)]), 3)).toEqual(reference);
    }
    expect(reference.coordinates[0]?.[0]?.length).toBeLessThan(40);
  });

  it('keeps a dent that a neighbouring polygon reaches into', () => {
    // A's right edge has a dent of depth 1 at (9, 5); B's tip (9.5, 5) sits in it. At tolerance 2,
    // plain Douglas–Peucker straightens A's edge over B's tip; the dent must survive instead.
    const a = closed([0, 0], [10, 0], [10, 4], [9, 5], [10, 6], [10, 10], [0, 10]);
    const b = closed([9.5, 5], [20, -5], [20, 15]);
    expect(simplifyPolygon(mp([a], [b]), 2)).toEqual(mp([a], [b]));
  });

  it('keeps a bump of the shell that a hole reaches into', () => {
    const shell = closed([0, 0], [30, 0], [30, 14], [31, 15], [30, 16], [30, 30], [0, 30]);
    // The hole, clockwise, pokes its vertex (30.5, 15) into the shell's bump.
    const hole = closed([5, 5], [5, 25], [25, 25], [25, 16], [30.5, 15], [25, 14], [25, 5]);
    expect(simplifyPolygon(mp([shell, hole]), 2)).toEqual(mp([shell, hole]));
  });

  it('leaves a polygon unchanged at tolerance 0 apart from repeated and collinear vertices', () => {
    const input = mp([closed([0, 0], [5, 0], [5, 0], [10, 0], [10, 10], [0, 10])]);
    expect(simplifyPolygon(input, 0)).toEqual(mp([closed([0, 0], [10, 0], [10, 10], [0, 10])]));
    expect(simplifyPolygon(mp(), 3)).toEqual(mp());
  });

  it('refuses a negative or non-finite tolerance', () => {
    expect(() => simplifyPolygon(mp(), -1)).toThrow(ValidationError);
    expect(() => simplifyPolygon(mp(), NaN)).toThrow(ValidationError);
  });
});

describe('footprintTolerance', () => {
  it('is two pixels of the level by default, the longer side of a rotated or non-square pixel', () => {
    expect(footprintTolerance([500000, 0.5, 0, 5300000, 0, -0.5])).toBe(1);
    expect(footprintTolerance([0, 3, -4, 0, 4, 3], 1)).toBe(5);
    expect(footprintTolerance([0, 1, 0, 0, 0, -2])).toBe(4);
  });
});
