/**
 * validDataPolygon on hand-drawn masks, with the expected coordinates worked out by hand below.
 * Every test uses the north-up transform T: pixel corner (x, y) ↦ (1000 + 10x, 5000 − 10y).
 * Rings are compared after `canonical`, which only rotates a ring to start at its lowest-x, then
 * lowest-y vertex: orientation is part of what is checked (shells CCW, holes CW).
 */
import type { MultiPolygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors.ts';
import type { GeoTransform } from '../raster/types.ts';
import { validDataPolygon, type ValidDataOptions } from './valid.data.polygon.ts';

const T: GeoTransform = [1000, 10, 0, 5000, 0, -10];
const KEEP_ALL = { minPolygonPixels: 1, minHolePixels: 1 };

/** A mask from rows of '#' (valid, 255) and '.' (invalid, 0). */
function mask(rows: ReadonlyArray<string>): { mask: Uint8Array; width: number; height: number } {
  const width = (rows[0] as string).length;
  const bytes = rows.flatMap((row) => [...row].map((ch) => (ch === '#' ? 255 : 0)));
  return { mask: Uint8Array.from(bytes), width, height: rows.length };
}

function canonical(ring: ReadonlyArray<Position>): Position[] {
  const open = ring.slice(0, -1);
  let start = 0;
  open.forEach((p, i) => {
    const q = open[start] as Position;
    if ((p[0] as number) < (q[0] as number) || (p[0] === q[0] && (p[1] as number) < (q[1] as number)))
      start = i;
  });
  const rotated = [...open.slice(start), ...open.slice(0, start)];
  return [...rotated, rotated[0] as Position];
}

function polygonOf(
  rows: ReadonlyArray<string>,
  options: ValidDataOptions = KEEP_ALL,
  transform = T,
): MultiPolygon {
  const m = mask(rows);
  return validDataPolygon(m.mask, m.width, m.height, transform, options);
}

function canonicalRings(mp: MultiPolygon): Position[][][] {
  return mp.coordinates.map((polygon) => polygon.map(canonical));
}

/** Shoelace area of a closed ring (y up: positive when counter-clockwise). */
function ringArea(ring: ReadonlyArray<Position>): number {
  let sum = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    const [x1, y1] = ring[i] as [number, number];
    const [x2, y2] = ring[i + 1] as [number, number];
    sum += x1 * y2 - x2 * y1;
  }
  return sum / 2;
}

describe('validDataPolygon on hand-drawn masks', () => {
  it('traces a 4×4 square with a 2×2 hole: shell CCW, hole CW', () => {
    const mp = polygonOf(['......', '.####.', '.#..#.', '.#..#.', '.####.', '......']);
    // Shell: corners (1,1)…(5,5) → x 1010…1050, y 4990…4950. Hole: corners (2,2)…(4,4) → x 1020…1040, y 4980…4960.
    expect(canonicalRings(mp)).toEqual([
      [
        [
          [1010, 4950],
          [1050, 4950],
          [1050, 4990],
          [1010, 4990],
          [1010, 4950],
        ],
        [
          [1020, 4960],
          [1020, 4980],
          [1040, 4980],
          [1040, 4960],
          [1020, 4960],
        ],
      ],
    ]);
  });

  it('traces an L shape with only its six corners', () => {
    const mp = polygonOf(['#..', '#..', '###']);
    expect(canonicalRings(mp)).toEqual([
      [
        [
          [1000, 4970],
          [1030, 4970],
          [1030, 4980],
          [1010, 4980],
          [1010, 5000],
          [1000, 5000],
          [1000, 4970],
        ],
      ],
    ]);
  });

  it('keeps two pixels that touch only at a corner as two polygons meeting at one point', () => {
    expect(canonicalRings(polygonOf(['#.', '.#']))).toEqual([
      [
        [
          [1000, 4990],
          [1010, 4990],
          [1010, 5000],
          [1000, 5000],
          [1000, 4990],
        ],
      ],
      [
        [
          [1010, 4980],
          [1020, 4980],
          [1020, 4990],
          [1010, 4990],
          [1010, 4980],
        ],
      ],
    ]);
    expect(canonicalRings(polygonOf(['.#', '#.']))).toEqual([
      [
        [
          [1010, 4990],
          [1020, 4990],
          [1020, 5000],
          [1010, 5000],
          [1010, 4990],
        ],
      ],
      [
        [
          [1000, 4980],
          [1010, 4980],
          [1010, 4990],
          [1000, 4990],
          [1000, 4980],
        ],
      ],
    ]);
  });

  it('gives a C closed at one corner a hole that touches its shell at that corner', () => {
    // Pixels (2,1) and (1,2) touch at corner (2,2) and belong to one component (around the top).
    const mp = polygonOf(['###', '#.#', '##.']);
    expect(canonicalRings(mp)).toEqual([
      [
        [
          [1000, 4970],
          [1020, 4970],
          [1020, 4980],
          [1030, 4980],
          [1030, 5000],
          [1000, 5000],
          [1000, 4970],
        ],
        [
          [1010, 4980],
          [1010, 4990],
          [1020, 4990],
          [1020, 4980],
          [1010, 4980],
        ],
      ],
    ]);
  });

  it('gives an empty MultiPolygon for an all-invalid mask and for an empty one', () => {
    expect(polygonOf(['...', '...'])).toEqual({ type: 'MultiPolygon', coordinates: [] });
    expect(validDataPolygon(new Uint8Array(0), 0, 0, T)).toEqual({ type: 'MultiPolygon', coordinates: [] });
  });

  it('gives the raster extent for an all-valid mask', () => {
    expect(canonicalRings(polygonOf(['###', '###']))).toEqual([
      [
        [
          [1000, 4980],
          [1030, 4980],
          [1030, 5000],
          [1000, 5000],
          [1000, 4980],
        ],
      ],
    ]);
  });

  it('drops specks and fills holes below the default 16 pixels, keeps them at 16', () => {
    const rows = [
      '#.........',
      '..........',
      '..######..',
      '..######..',
      '..##..##..',
      '..##..##..',
      '..######..',
      '..######..',
      '..........',
      '..........',
    ];
    // Speck at (0,0) dropped, 2×2 hole filled: only the 6×6 block, corners (2,2)…(8,8).
    expect(canonicalRings(polygonOf(rows, {}))).toEqual([
      [
        [
          [1020, 4920],
          [1080, 4920],
          [1080, 4980],
          [1020, 4980],
          [1020, 4920],
        ],
      ],
    ]);
    const kept = polygonOf(rows, { minPolygonPixels: 1, minHolePixels: 4 });
    expect(kept.coordinates).toHaveLength(2);
    expect(kept.coordinates[1]).toHaveLength(2);
    expect(polygonOf(rows, { minPolygonPixels: 33, minHolePixels: 1 }).coordinates).toEqual([]);
  });

  it('keeps shells CCW and holes CW under a south-up and a rotated transform', () => {
    const rows = ['#####', '#...#', '#####'];
    for (const t of [
      [0, 2, 0, 0, 0, 2],
      [100, 3, -4, 200, 4, 3],
    ] as GeoTransform[]) {
      const [[shell, hole]] = polygonOf(rows, KEEP_ALL, t).coordinates as [Position[][]];
      const pixel = Math.abs(t[1] * t[5] - t[2] * t[4]);
      expect(ringArea(shell as Position[])).toBeCloseTo(15 * pixel, 9);
      expect(ringArea(hole as Position[])).toBeCloseTo(-3 * pixel, 9);
    }
  });

  it('has an area of (valid pixels) × (pixel area) on a checkerboard, whatever the start of the rings', () => {
    const rows = ['#.#.#', '.#.#.', '#.#.#', '.#.#.'];
    const mp = polygonOf(rows);
    expect(mp.coordinates).toHaveLength(10);
    const area = mp.coordinates.flat().reduce((sum, ring) => sum + ringArea(ring), 0);
    expect(area).toBeCloseTo(10 * 100, 9);
    for (const polygon of mp.coordinates)
      for (const ring of polygon) expect(ring[0]).toEqual(ring[ring.length - 1]);
  });

  it('refuses a mask of the wrong length and a singular transform', () => {
    expect(() => validDataPolygon(new Uint8Array(5), 2, 3, T)).toThrow(ValidationError);
    expect(() => validDataPolygon(new Uint8Array(6), 2, 3, [0, 1, 2, 0, 2, 4])).toThrow(/not invertible/);
    expect(() => validDataPolygon(new Uint8Array(6), 2.5, 3, T)).toThrow(ValidationError);
  });
});
