/**
 * WebMercatorQuad against gdal2tiles.py's GlobalMercator, whose formulas are written out again here
 * (TMS rows flipped to XYZ), not taken from the code under test.
 */
import { describe, expect, it } from 'vitest';
import { ValidationError } from '@belcheer/processing';
import {
  resolution,
  tileBounds,
  tilesCovering,
  validateTile,
  zoomForPixelSize,
  zoomRange,
} from './tile.matrix.ts';

// gdal2tiles.py, class GlobalMercator (tile_size = 256).
const originShift = (2 * Math.PI * 6378137) / 2.0;
const initialResolution = (2 * Math.PI * 6378137) / 256;
const g2tResolution = (zoom: number) => initialResolution / 2 ** zoom;
const pixelsToMeters = (px: number, py: number, zoom: number) => {
  const res = g2tResolution(zoom);
  return [px * res - originShift, py * res - originShift];
};
const g2tTileBounds = (tx: number, ty: number, zoom: number) => {
  const [minx, miny] = pixelsToMeters(tx * 256, ty * 256, zoom);
  const [maxx, maxy] = pixelsToMeters((tx + 1) * 256, (ty + 1) * 256, zoom);
  return [minx, miny, maxx, maxy];
};
const metersToTile = (mx: number, my: number, zoom: number) => {
  const res = g2tResolution(zoom);
  const px = (mx + originShift) / res;
  const py = (my + originShift) / res;
  return [Math.ceil(px / 256) - 1, Math.ceil(py / 256) - 1];
};
const g2tZoomForPixelSize = (pixelSize: number) => {
  for (let i = 0; i < 32; i++) if (pixelSize > g2tResolution(i)) return Math.max(0, i - 1);
  return 31;
};

describe('WebMercatorQuad', () => {
  it('has the resolutions of gdal2tiles, and half of them for 512 px tiles', () => {
    for (let z = 0; z <= 24; z++) {
      expect(resolution(z)).toBeCloseTo(g2tResolution(z), 9);
      expect(resolution(z, 512)).toBeCloseTo(g2tResolution(z) / 2, 9);
    }
  });

  it('has the tile bounds of gdal2tiles (TMS row flipped)', () => {
    for (const [z, x, y] of [
      [0, 0, 0],
      [1, 1, 0],
      [8, 200, 90],
      [19, 402_123, 180_444],
      [24, 12_345_678, 5_000_000],
    ] as const) {
      const b = tileBounds({ z, x, y });
      const [minx, miny, maxx, maxy] = g2tTileBounds(x, 2 ** z - 1 - y, z);
      const tol = Math.max(1e-9, g2tResolution(z) * 1e-6);
      expect(Math.abs(b.minX - minx!)).toBeLessThan(tol);
      expect(Math.abs(b.minY - miny!)).toBeLessThan(tol);
      expect(Math.abs(b.maxX - maxx!)).toBeLessThan(tol);
      expect(Math.abs(b.maxY - maxy!)).toBeLessThan(tol);
    }
  });

  it('finds the tiles covering a box as gdal2tiles does', () => {
    const box = { minX: 11_700_000.3, minY: 5_900_000.7, maxX: 11_703_210.1, maxY: 5_904_000.2 };
    for (const z of [10, 15, 18, 21]) {
      const r = tilesCovering(box, z);
      const [tminx, tminy] = metersToTile(box.minX, box.minY, z);
      const [tmaxx, tmaxy] = metersToTile(box.maxX, box.maxY, z);
      expect(r.minX).toBe(tminx);
      expect(r.maxX).toBe(tmaxx);
      // XYZ rows: the TMS maximum row is the XYZ minimum.
      expect(r.minY).toBe(2 ** z - 1 - tmaxy!);
      expect(r.maxY).toBe(2 ** z - 1 - tminy!);
    }
  });

  it('matches gdal2tiles zoom_for_pixelsize, and maps a 5 cm GSD at 47°N to zoom 21', () => {
    for (const size of [0.01, 0.05, 0.0735, 0.3, 1, 10, 1000, 50_000]) {
      expect(zoomForPixelSize(size)).toBe(Math.min(24, g2tZoomForPixelSize(size)));
    }
    // 0.05 m / cos 47° = 0.0733 m per Mercator metre; zoom 21 is 0.0746 m, zoom 22 0.0373 m.
    // 2048 px × 0.0733 m / 256 = 0.586 m: zoom 18 (0.597 m) is the coarsest that still fits it in a tile.
    expect(zoomRange(0.05, 47, 2048)).toEqual({ minzoom: 18, maxzoom: 21 });
    expect(zoomRange(0.05, 47, 2048, 512).maxzoom).toBe(20);
  });

  it('refuses zooms, columns and rows outside the matrix with a ValidationError naming them', () => {
    expect(validateTile({ z: 3, x: 7, y: 0 })).toEqual({ z: 3, x: 7, y: 0 });
    expect(() => validateTile({ z: 40, x: 0, y: 0 })).toThrow(/zoom 40 is outside 0–24/);
    expect(() => validateTile({ z: -1, x: 0, y: 0 })).toThrow(ValidationError);
    expect(() => validateTile({ z: 2, x: 4, y: 0 })).toThrow(/x 4 is outside 0–3 at zoom 2/);
    expect(() => validateTile({ z: 2, x: 0, y: -1 })).toThrow(/y -1 is outside/);
    expect(() => validateTile({ z: 1.5, x: 0, y: 0 })).toThrow(ValidationError);
  });
});
