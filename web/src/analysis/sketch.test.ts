import { describe, expect, it } from 'vitest';
import { closedPolygon, nearFirst, sketchFeatures } from './sketch.ts';

describe('sketch', () => {
  it('closes a ring of three or more distinct vertices', () => {
    expect(
      closedPolygon([
        [0, 0],
        [1, 0],
      ]),
    ).toBeNull();
    // The double-click's two clicks on the last spot count once.
    expect(
      closedPolygon([
        [0, 0],
        [1, 0],
        [1, 1],
        [1, 1],
      ]),
    ).toEqual({
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [1, 0],
          [1, 1],
          [0, 0],
        ],
      ],
    });
    expect(
      closedPolygon([
        [0, 0],
        [1, 0],
        [1, 0],
      ]),
    ).toBeNull();
  });

  it('closes on a click within 10 px of the first vertex', () => {
    expect(nearFirst({ x: 100, y: 100 }, { x: 106, y: 108 })).toBe(true); // 10 px
    expect(nearFirst({ x: 100, y: 100 }, { x: 108, y: 107 })).toBe(false); // √113 ≈ 10.6 px
  });

  it('draws vertices, the line to the pointer and the fill once there are three points', () => {
    const two = sketchFeatures(
      [
        [0, 0],
        [1, 0],
      ],
      null,
    );
    expect(two.features.map((f) => f.properties?.role)).toEqual(['vertex', 'vertex', 'line']);
    const withPointer = sketchFeatures(
      [
        [0, 0],
        [1, 0],
      ],
      [1, 1],
    );
    expect(withPointer.features.map((f) => f.properties?.role)).toEqual(['fill', 'vertex', 'vertex', 'line']);
    expect(withPointer.features[3]?.geometry).toEqual({
      type: 'LineString',
      coordinates: [
        [0, 0],
        [1, 0],
        [1, 1],
      ],
    });
    expect(withPointer.features[1]?.properties?.first).toBe(true);
  });
});
