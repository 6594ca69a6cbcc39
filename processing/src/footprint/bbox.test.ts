/** bboxOf on hand-made geometries: every GeoJSON type, nested collections, and empty input → null. */
import type { Geometry } from 'geojson';
import { describe, expect, it } from 'vitest';
import { bboxOf } from './bbox.ts';

describe('bboxOf', () => {
  it('is [minX, minY, maxX, maxY] of every position of every geometry type', () => {
    expect(bboxOf({ type: 'Point', coordinates: [3, -2] })).toEqual([3, -2, 3, -2]);
    expect(
      bboxOf({
        type: 'LineString',
        coordinates: [
          [0, 5],
          [2, -1],
          [1, 7],
        ],
      }),
    ).toEqual([0, -1, 2, 7]);
    const collection: Geometry = {
      type: 'GeometryCollection',
      geometries: [
        {
          type: 'MultiPolygon',
          coordinates: [
            [
              [
                [0, 0],
                [4, 0],
                [4, 3],
                [0, 0],
              ],
            ],
            [
              [
                [10, 10],
                [11, 10],
                [11, 12],
                [10, 10],
              ],
            ],
          ],
        },
        {
          type: 'MultiLineString',
          coordinates: [
            [
              [-5, 1],
              [0, 1],
            ],
          ],
        },
        { type: 'MultiPoint', coordinates: [[2, -8]] },
        {
          type: 'Polygon',
          coordinates: [
            [
              [1, 1],
              [2, 1],
              [2, 2],
              [1, 1],
            ],
          ],
        },
      ],
    };
    expect(bboxOf(collection)).toEqual([-5, -8, 11, 12]);
  });

  it('is null for an empty geometry', () => {
    expect(bboxOf({ type: 'MultiPolygon', coordinates: [] })).toBeNull();
    expect(bboxOf({ type: 'GeometryCollection', geometries: [] })).toBeNull();
  });
});
