/**
 * groundSampleDistance against hand computations.
 * WGS 84: a = 6378137, f = 1/298.257223563, e² = f(2 − f) = 0.0066943799901413165.
 * At φ = 47.9° (Ulaanbaatar): sin² φ = 0.550565…, so
 *   N = a / √(1 − e² sin² φ) = 6 389 922.722 m,  M = a (1 − e²) / (1 − e² sin² φ)^{3/2} = 6 370 624.736 m;
 * a 1e-6° pixel is N cos φ · 1e-6 · π/180 = 0.0747694564 m wide and M · 1e-6 · π/180 = 0.1111883771 m
 * high, GSD = their mean = 0.0929789167 m.
 * EPSG:3857, centre y = 6 100 000 − 250 = 6 099 750 m: φ = atan(sinh(y / 6378137)) = 47.957275853°,
 * so a 0.5 m grid pixel is 0.5 cos φ = 0.3348422832 m on the ground.
 */
import { describe, expect, it } from 'vitest';
import { UnsupportedRasterError, ValidationError } from '../errors.ts';
import type { Crs } from '../raster/types.ts';
import { groundSampleDistance } from './ground.sample.distance.ts';

const UTM48N: Crs = {
  epsg: 32648,
  name: 'WGS 84 / UTM zone 48N',
  proj4: '+proj=utm +zone=48 +datum=WGS84 +units=m +no_defs',
};
const WGS84: Crs = { epsg: 4326, name: 'WGS 84', proj4: '+proj=longlat +datum=WGS84 +no_defs' };
const MERCATOR: Crs = {
  epsg: 3857,
  name: 'WGS 84 / Pseudo-Mercator',
  proj4:
    '+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +nadgrids=@null +wktext +no_defs',
};

describe('groundSampleDistance', () => {
  it('is the pixel size in a metric projected CRS (mean of width and height, rotation included)', () => {
    expect(groundSampleDistance([500000, 0.05, 0, 5300000, 0, -0.05], UTM48N, 1000, 1000)).toBe(0.05);
    expect(groundSampleDistance([500000, 0.04, 0, 5300000, 0, -0.06], UTM48N, 10, 10)).toBeCloseTo(0.05, 15);
    expect(groundSampleDistance([500000, 0.03, 0.04, 5300000, 0.04, -0.03], UTM48N, 10, 10)).toBeCloseTo(
      0.05,
      15,
    );
    const feet: Crs = { ...UTM48N, proj4: '+proj=utm +zone=48 +datum=WGS84 +to_meter=0.3048 +no_defs' };
    expect(groundSampleDistance([0, 1, 0, 0, 0, -1], feet, 10, 10)).toBeCloseTo(0.3048, 15);
  });

  it('measures a degree pixel on the ellipsoid at the centre latitude in EPSG:4326', () => {
    // 1000 × 1000 pixels of 1e-6° whose centre is at 47.9° N.
    const gsd = groundSampleDistance([106.9, 1e-6, 0, 47.9005, 0, -1e-6], WGS84, 1000, 1000);
    expect(gsd).toBeCloseTo(0.0929789167, 9);
    // The same pixel at the equator: N = a, M = a(1 − e²), so (a + a(1 − e²)) / 2 · 1e-6 · π/180.
    const equator = groundSampleDistance([0, 1e-6, 0, 0.0005, 0, -1e-6], WGS84, 1000, 1000);
    expect(equator).toBeCloseTo(((6378137 * (2 - 0.0066943799901413165)) / 2) * 1e-6 * (Math.PI / 180), 12);
  });

  it('scales the grid size by cos φ at the centre latitude in EPSG:3857', () => {
    const gsd = groundSampleDistance([11700000, 0.5, 0, 6100000, 0, -0.5], MERCATOR, 2000, 1000);
    expect(gsd).toBeCloseTo(0.3348422832, 9);
  });

  it('refuses an empty raster and a CRS in units it cannot turn into metres', () => {
    expect(() => groundSampleDistance([0, 1, 0, 0, 0, -1], UTM48N, 0, 10)).toThrow(ValidationError);
    const degrees: Crs = { ...UTM48N, proj4: '+proj=utm +zone=48 +datum=WGS84 +units=us-ch +no_defs' };
    expect(() => groundSampleDistance([0, 1, 0, 0, 0, -1], degrees, 10, 10)).toThrow(UnsupportedRasterError);
  });
});
