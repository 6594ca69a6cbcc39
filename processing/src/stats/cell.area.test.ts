/**
 * Cell areas: projected from the geotransform; geographic against a numerical integral of the
 * ellipsoid's area element M(φ)·N(φ)·cosφ dφ dλ (Simpson's rule), written here.
 */
import { describe, expect, it } from 'vitest';
import { UTM_48N } from '../cog/testing/memory.reader.ts';
import { cellAreaOfRow, geodesicCellArea } from './cell.area.ts';

describe('cell areas', () => {
  it('is |a·e − b·d| for a projected CRS', () => {
    expect(cellAreaOfRow({ crs: UTM_48N, transform: [0, 0.05, 0, 0, 0, -0.05] })(7)).toBeCloseTo(0.0025, 15);
  });
  it('is the ellipsoidal area for lon/lat cells', () => {
    const a = 6378137;
    const f = 1 / 298.257223563;
    const e2 = f * (2 - f);
    const element = (lat: number): number => {
      const s2 = Math.sin(lat) ** 2;
      return ((a * (1 - e2)) / (1 - e2 * s2) ** 1.5) * (a / Math.sqrt(1 - e2 * s2)) * Math.cos(lat);
    };
    const integral = (lat1: number, lat2: number, dLon: number): number => {
      const n = 1000;
      const h = ((lat2 - lat1) * Math.PI) / 180 / n;
      let s = 0;
      for (let i = 0; i <= n; i++) {
        const w = i === 0 || i === n ? 1 : i % 2 ? 4 : 2;
        s += w * element((lat1 * Math.PI) / 180 + i * h);
      }
      return ((s * h) / 3) * ((dLon * Math.PI) / 180);
    };
    expect(geodesicCellArea(1, 0, 1) / integral(0, 1, 1)).toBeCloseTo(1, 12);
    expect(geodesicCellArea(1e-6, 47.5, 47.500001) / integral(47.5, 47.500001, 1e-6)).toBeCloseTo(1, 9);
  });
});
