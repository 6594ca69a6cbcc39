/**
 * findDefects on hand-made ring sets, one OGC rule each, with the guilty rings named by hand.
 * Rings are open vertex lists; shells are counter-clockwise (sign +1), holes clockwise (sign −1).
 */
import type { Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { findDefects, type RingUnderTest } from './ring.defects.ts';

const square = (x: number, y: number, size: number): Position[] => [
  [x, y],
  [x + size, y],
  [x + size, y + size],
  [x, y + size],
];
const shell = (polygon: number, vertices: Position[]): RingUnderTest => ({
  polygon,
  hole: false,
  vertices,
  sign: 1,
});
const hole = (polygon: number, vertices: Position[]): RingUnderTest => ({
  polygon,
  hole: true,
  vertices: [...vertices].reverse(),
  sign: -1,
});
const defects = (rings: RingUnderTest[]): number[] => [...findDefects(rings)].sort((a, b) => a - b);

describe('findDefects', () => {
  it('finds nothing in a valid shell with a hole, a separate polygon and one touching at a corner', () => {
    expect(
      defects([shell(0, square(0, 0, 10)), hole(0, square(2, 2, 2)), shell(1, square(20, 0, 5))]),
    ).toEqual([]);
    expect(defects([shell(0, square(0, 0, 1)), shell(1, square(1, 1, 1))])).toEqual([]);
    // A hole touching its shell at one vertex (a pinched C) is valid too.
    const withVertex: Position[] = [
      [0, 0],
      [10, 0],
      [10, 10],
      [0, 10],
      [0, 5],
    ];
    expect(
      defects([
        shell(0, withVertex),
        hole(0, [
          [0, 5],
          [4, 4],
          [4, 6],
        ]),
      ]),
    ).toEqual([]);
  });

  it('names two shells whose edges cross, or touch in the middle of an edge', () => {
    expect(defects([shell(0, square(0, 0, 10)), shell(1, square(5, 5, 10))])).toEqual([0, 1]);
    expect(
      defects([
        shell(0, square(0, 0, 10)),
        shell(1, [
          [10, 5],
          [20, 0],
          [20, 10],
        ]),
      ]),
    ).toEqual([0, 1]);
  });

  it('names rings that cross at shared vertices, and a ring that passes one point twice', () => {
    // Ring 1 runs through the square's corners (0, 0) and (10, 10), cutting the square in two, with
    // no edge crossing an edge and its first edge outside the square: only the vertices tell.
    expect(
      defects([
        shell(0, square(0, 0, 10)),
        shell(1, [
          [20, -5],
          [10, 10],
          [0, 0],
        ]),
      ]),
    ).toEqual([0, 1]);
    // Touching from outside at a shared vertex is fine.
    const diamond: Position[] = [
      [0, 0],
      [5, 5],
      [0, 10],
      [-5, 5],
    ];
    expect(
      defects([
        shell(0, diamond),
        shell(1, [
          [5, 5],
          [10, 0],
          [10, 10],
        ]),
      ]),
    ).toEqual([]);
    expect(
      defects([
        shell(0, [
          [0, 0],
          [4, 0],
          [2, 2],
          [4, 4],
          [0, 4],
          [2, 2],
        ]),
      ]),
    ).toEqual([0]);
  });

  it('names a ring whose orientation flipped', () => {
    expect(defects([{ polygon: 0, hole: false, vertices: [...square(0, 0, 1)].reverse(), sign: 1 }])).toEqual(
      [0],
    );
  });

  it('names a hole outside its shell and a hole inside another hole', () => {
    expect(defects([shell(0, square(0, 0, 10)), hole(0, square(20, 20, 2))])).toEqual([0, 1]);
    expect(defects([shell(0, square(0, 0, 10)), hole(0, square(1, 1, 8)), hole(0, square(4, 4, 1))])).toEqual(
      [1, 2],
    );
  });

  it('names a polygon inside another and every ring of the one around it, collapsed holes too', () => {
    const rings = [
      shell(0, square(0, 0, 10)),
      { polygon: 0, hole: true, vertices: null, sign: -1 },
      shell(1, square(4, 4, 1)),
    ];
    expect(defects(rings)).toEqual([0, 1, 2]);
    // Inside the hole of the other polygon it is fine.
    expect(
      defects([shell(0, square(0, 0, 10)), hole(0, square(2, 2, 6)), shell(1, square(4, 4, 1))]),
    ).toEqual([]);
  });
});
