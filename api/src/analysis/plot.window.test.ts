/**
 * The plot window: a square of the plot's side around its point, in metres in UTM (the point checked
 * against a hand-entered reference) and in degrees in EPSG:4326 from the WGS 84 radii of curvature
 * (at the equator: a·π/180 = 111 319.49 m per degree of longitude, a(1 − e²)·π/180 = 110 574.28 m of latitude).
 */
import { describe, expect, it } from 'vitest';
import { metresPerDegree, plotWindow } from './plot.window.ts';

const UTM48 = { epsg: 32648, proj4: '+proj=utm +zone=48 +datum=WGS84 +units=m +no_defs', name: 'UTM 48N' };
const WGS84 = { epsg: 4326, proj4: '+proj=longlat +datum=WGS84 +no_defs', name: 'WGS 84' };

describe('plotWindow', () => {
  it('is a 1 m square in metres around the point in UTM', () => {
    // 105° E is the central meridian of zone 48: x = 500 000 m; on the equator y = 0.
    const ring = plotWindow(105, 0, 1, { crs: UTM48 }).coordinates[0]!;
    expect(ring).toHaveLength(5);
    expect(ring[0]![0]).toBeCloseTo(499_999.5, 6);
    expect(ring[0]![1]).toBeCloseTo(-0.5, 6);
    expect(ring[2]![0]).toBeCloseTo(500_000.5, 6);
    expect(ring[2]![1]).toBeCloseTo(0.5, 6);
  });

  it('is the same square in degrees in EPSG:4326', () => {
    expect(metresPerDegree(0).lon).toBeCloseTo(111_319.4908, 3);
    expect(metresPerDegree(0).lat).toBeCloseTo(110_574.2758, 3);
    const [sw, , ne] = plotWindow(100, 0, 2, { crs: WGS84 }).coordinates[0]! as [number, number][];
    expect(ne![0] - sw![0]).toBeCloseTo(2 / 111_319.4908, 12);
    expect(ne![1] - sw![1]).toBeCloseTo(2 / 110_574.2758, 12);
    // At 47° N a degree of longitude is shorter: cos 47° ≈ 0.682, so the square is wider in degrees.
    const [nsw, , nne] = plotWindow(100, 47, 2, { crs: WGS84 }).coordinates[0]! as [number, number][];
    expect(nne![0] - nsw![0]).toBeGreaterThan(2 / 111_319.4908 / 0.69);
  });
});
