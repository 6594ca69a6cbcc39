/**
 * The approximate per-tile transform against exact proj4 at every pixel, from zoom 8 to 24, for
 * UTM 48N (the surveys' usual CRS) at 47°N, and 512 px tiles: the largest position error is printed
 * and must stay below 0.1 source pixel of the level gdalwarp would read (0.5 px is the SPEC bound).
 */
import { describe, expect, it } from 'vitest';
import {
  approximateMapping,
  exactMapping,
  invertGeoTransform,
  maxMappingError,
  pixelTransform,
} from './approx.transform.ts';
import { lonLatToMercator, tileBounds, tileSpan } from './tile.matrix.ts';

const UTM48N = '+proj=utm +zone=48 +datum=WGS84 +units=m +no_defs';

describe('approximate transform', () => {
  it('inverts a rotated geotransform', () => {
    const t = [500_000, 0.05, 0.01, 5_200_000, 0.02, -0.05] as const;
    const [a, b, c, d, e, f] = invertGeoTransform(t);
    const [px, py] = [123.5, 456.25];
    const x = t[0] + px * t[1] + py * t[2];
    const y = t[3] + px * t[4] + py * t[5];
    expect(a + x * b + y * c).toBeCloseTo(px, 9);
    expect(d + x * e + y * f).toBeCloseTo(py, 9);
  });

  it('stays within 0.1 px of exact proj4 at every pixel, zooms 8–24', () => {
    const [mx, my] = lonLatToMercator(103.7, 47.2);
    const errors: Record<number, number> = {};
    for (let z = 8; z <= 24; z++) {
      for (const size of [256, 512]) {
        const span = tileSpan(z);
        const tile = {
          z,
          x: Math.floor((mx + Math.PI * 6378137) / span),
          y: Math.floor((Math.PI * 6378137 - my) / span),
        };
        const bounds = tileBounds(tile);
        // A raster whose pixels match the tile's resolution (the level gdalwarp reads is at most that fine).
        const res = (bounds.maxX - bounds.minX) / size / 1.47;
        const toSource = pixelTransform(UTM48N, [300_000, res, 0, 5_300_000, 0, -res]);
        const err = maxMappingError(
          approximateMapping(bounds, size, toSource, 16),
          exactMapping(bounds, size, toSource),
        );
        errors[z * 1000 + size] = err;
        expect(err).toBeLessThan(0.1);
      }
    }
    console.log(JSON.stringify({ approxTransformMaxErrorPx: errors }));
  });
});
