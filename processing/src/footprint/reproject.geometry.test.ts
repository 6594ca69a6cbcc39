/**
 * reprojectGeometry against gdaltransform (PROJ) from WGS 84 / UTM 48N (EPSG:32648) to EPSG:4326:
 * vertices and densified vertices to 1e-9°, and a round trip. Densification counts by hand.
 */
import type { LineString, MultiPolygon, Point, Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors.ts';
import { reprojectGeometry, WGS84_PROJ4 } from './reproject.geometry.ts';
import { hasGdal } from '../testing/gdal.ts';
import { gdalTransform } from './testing/gdal.ts';

const UTM48N = '+proj=utm +zone=48 +datum=WGS84 +units=m +no_defs';

function expectClose(
  actual: ReadonlyArray<Position>,
  expected: ReadonlyArray<Position>,
  tolerance: number,
): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((p, i) => {
    const q = expected[i] as Position;
    expect(Math.abs((p[0] as number) - (q[0] as number))).toBeLessThan(tolerance);
    expect(Math.abs((p[1] as number) - (q[1] as number))).toBeLessThan(tolerance);
  });
}

describe('reprojectGeometry: densification', () => {
  const square: Polygon = {
    type: 'Polygon',
    coordinates: [
      [
        [400000, 5200000],
        [400000 + 64, 5200000],
        [400000 + 64, 5200000 + 64],
        [400000, 5200000 + 64],
        [400000, 5200000],
      ],
    ],
  };

  it('cuts each edge into ceil(length / maxSegmentLength) parts, at most maxSegmentsPerEdge', () => {
    const identity = (options: object): Position[] =>
      (reprojectGeometry(square, UTM48N, UTM48N, options).coordinates[0] as Position[]).map((p) => [
        Math.round((p[0] as number) - 400000) + 0,
        Math.round((p[1] as number) - 5200000) + 0,
      ]);
    // Default: diagonal 64√2 ≈ 90.5 m / 64 ≈ 1.41 m → ceil(64 / 1.41) = 46 parts, capped at 16.
    expect(identity({})).toHaveLength(4 * 16 + 1);
    expect(identity({ maxSegmentLength: 32 })).toEqual([
      [0, 0],
      [32, 0],
      [64, 0],
      [64, 32],
      [64, 64],
      [32, 64],
      [0, 64],
      [0, 32],
      [0, 0],
    ]);
    expect(identity({ maxSegmentLength: 1, maxSegmentsPerEdge: 2 })).toHaveLength(4 * 2 + 1);
    expect(identity({ maxSegmentLength: 0 })).toHaveLength(5);
  });

  it('leaves points alone and keeps an empty geometry empty', () => {
    const empty: MultiPolygon = { type: 'MultiPolygon', coordinates: [] };
    expect(reprojectGeometry(empty, UTM48N)).toEqual(empty);
    const point: Point = { type: 'Point', coordinates: [500000, 5300000] };
    expect(reprojectGeometry(point, UTM48N, UTM48N)).toEqual(point);
  });

  it('refuses an unknown definition, a point outside the projection and bad options', () => {
    const point: Point = { type: 'Point', coordinates: [500000, 5300000] };
    expect(() => reprojectGeometry(point, '+proj=nonesuch')).toThrow(ValidationError);
    const pole: Point = { type: 'Point', coordinates: [0, 90] };
    expect(() => reprojectGeometry(pole, WGS84_PROJ4, '+proj=merc +a=6378137 +b=6378137')).toThrow(
      /no position/,
    );
    expect(() => reprojectGeometry(square, UTM48N, WGS84_PROJ4, { maxSegmentsPerEdge: 0 })).toThrow(
      ValidationError,
    );
  });
});

describe.skipIf(!hasGdal)('reprojectGeometry against gdaltransform', () => {
  it('puts vertices where PROJ puts them, to 1e-9°', () => {
    const points: Position[] = [
      [500000, 5300000],
      [399871.25, 5213456.5],
      [650123.75, 5507890.25],
      [280000.5, 4850000.75],
    ];
    const line: LineString = { type: 'LineString', coordinates: points };
    const ours = reprojectGeometry(line, UTM48N, WGS84_PROJ4, { maxSegmentLength: 0 });
    expectClose(ours.coordinates, gdalTransform(points, 'EPSG:32648', 'EPSG:4326'), 1e-9);
  });

  it('puts the densified vertices of a 20 km edge on the projected curve, not on the lon/lat chord', () => {
    const a: Position = [400000, 5200000];
    const b: Position = [420000, 5220000];
    const line: LineString = { type: 'LineString', coordinates: [a, b] };
    // 28 284 m long: ceil(28 284 / 7500) = 4 parts, vertices every 5 km in x and y.
    const ours = reprojectGeometry(line, UTM48N, WGS84_PROJ4, { maxSegmentLength: 7500 });
    const along = [0, 1, 2, 3, 4].map((k): Position => [400000 + 5000 * k, 5200000 + 5000 * k]);
    const proj = gdalTransform(along, 'EPSG:32648', 'EPSG:4326');
    expectClose(ours.coordinates, proj, 1e-9);
    // The straight lon/lat chord misses the true midpoint by far more than the tolerance.
    const [first, , middle, , last] = proj as [Position, Position, Position, Position, Position];
    const chordMid = [
      ((first[0] as number) + (last[0] as number)) / 2,
      ((first[1] as number) + (last[1] as number)) / 2,
    ];
    expect(
      Math.hypot(
        (chordMid[0] as number) - (middle[0] as number),
        (chordMid[1] as number) - (middle[1] as number),
      ),
    ).toBeGreaterThan(1e-6);
  });

  it('comes back to the UTM coordinates after a round trip, to 1e-6 m', () => {
    const polygon: Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [500000, 5300000],
          [500100, 5300000],
          [500100, 5300100],
          [500000, 5300000],
        ],
      ],
    };
    const there = reprojectGeometry(polygon, UTM48N, WGS84_PROJ4, { maxSegmentLength: 0 });
    const back = reprojectGeometry(there, WGS84_PROJ4, UTM48N, { maxSegmentLength: 0 });
    expectClose(back.coordinates[0] as Position[], polygon.coordinates[0] as Position[], 1e-6);
  });
});
