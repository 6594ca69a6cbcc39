import { describe, expect, it } from 'vitest';
import { geoTransformOf } from './geo.transform.ts';

const f64 = (...v: number[]) => Float64Array.from(v);

describe('geoTransformOf', () => {
  it('tie point + pixel scale → pixel-corner geotransform (GeoTIFF §7.2, hand computed)', () => {
    // Raster point (10, 20) is at (500100, 5499800) with 0.5 m pixels: the origin is 5 m west, 10 m north.
    const gt = geoTransformOf(
      { pixelScale: f64(0.5, 0.5, 0), tiepoints: f64(10, 20, 0, 500100, 5499800, 0), transformation: null },
      false,
    );
    expect(gt).toEqual([500095, 0.5, 0, 5499810, 0, -0.5]);
  });

  it('PixelIsPoint shifts by half a pixel to the corner, as GDAL does', () => {
    const gt = geoTransformOf(
      { pixelScale: f64(2, 4, 0), tiepoints: f64(0, 0, 0, 100, 200, 0), transformation: null },
      true,
    );
    expect(gt).toEqual([99, 2, 0, 202, 0, -4]);
  });

  it('ModelTransformation (row-major 4×4) with rotation terms', () => {
    const m = f64(0.5, 0.1, 0, 500000, 0.2, -0.5, 0, 5500000, 0, 0, 0, 0, 0, 0, 0, 1);
    expect(geoTransformOf({ pixelScale: null, tiepoints: null, transformation: m }, false)).toEqual([
      500000, 0.5, 0.1, 5500000, 0.2, -0.5,
    ]);
    // Half a pixel along both axes of the rotated grid: x -= (0.5 + 0.1) / 2, y -= (0.2 - 0.5) / 2.
    const point = geoTransformOf({ pixelScale: null, tiepoints: null, transformation: m }, true);
    expect(point[0]).toBeCloseTo(499999.7, 9);
    expect(point[3]).toBeCloseTo(5500000.15, 9);
  });

  it('prefers tie point + scale over a transformation, like GDAL', () => {
    const gt = geoTransformOf(
      {
        pixelScale: f64(1, 1, 0),
        tiepoints: f64(0, 0, 0, 7, 8, 0),
        transformation: f64(9, 0, 0, 9, 0, 9, 0, 9, 0, 0, 0, 0, 0, 0, 0, 1),
      },
      false,
    );
    expect(gt).toEqual([7, 1, 0, 8, 0, -1]);
  });

  it('refuses rasters without georeferencing, with ground control points only, or degenerate', () => {
    expect(() => geoTransformOf({ pixelScale: null, tiepoints: null, transformation: null }, false)).toThrow(
      'no georeferencing: neither ModelTiepoint+ModelPixelScale nor ModelTransformation',
    );
    expect(() =>
      geoTransformOf(
        { pixelScale: null, tiepoints: f64(0, 0, 0, 1, 2, 0, 5, 5, 0, 6, 7, 0), transformation: null },
        false,
      ),
    ).toThrow('2 tie points without a pixel scale: ground control points are not supported');
    expect(() =>
      geoTransformOf(
        { pixelScale: f64(0, 0, 0), tiepoints: f64(0, 0, 0, 1, 2, 0), transformation: null },
        false,
      ),
    ).toThrow(/ground control points are not supported/);
    const flat = f64(1, 2, 0, 0, 2, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1);
    expect(() => geoTransformOf({ pixelScale: null, tiepoints: null, transformation: flat }, false)).toThrow(
      'degenerate georeferencing',
    );
  });
});
