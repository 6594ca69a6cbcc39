import { describe, expect, it } from 'vitest';
import type { Polygon } from 'geojson';
import { areaHa, mergeUnits, splitUnit, type Areal, fromParts, partsOf } from './unit.geometry.ts';

const rad = Math.PI / 180;

/** Area of a lon/lat rectangle on a sphere, by hand: R² · Δλ · (sin φ₂ − sin φ₁), mean radius 6 371 008.8 m. */
function sphereRectHa(w: number, s: number, e: number, n: number): number {
  const R = 6_371_008.8;
  return (R * R * (e - w) * rad * (Math.sin(n * rad) - Math.sin(s * rad))) / 10_000;
}

/** The same rectangle on the WGS 84 ellipsoid (what ST_Area(geography) gives): b²/2 · Δλ · [q(φ)]. */
function ellipsoidRectHa(w: number, s: number, e: number, n: number): number {
  const a = 6_378_137;
  const b = a * (1 - 1 / 298.257223563);
  const ecc = Math.sqrt(1 - (b / a) ** 2);
  const q = (phi: number): number => {
    const x = Math.sin(phi * rad);
    return x / (1 - ecc * ecc * x * x) + Math.log((1 + ecc * x) / (1 - ecc * x)) / (2 * ecc);
  };
  return (((b * b) / 2) * (e - w) * rad * (q(n) - q(s))) / 10_000;
}

function rect(w: number, s: number, e: number, n: number): Polygon {
  return {
    type: 'Polygon',
    coordinates: [
      [
        [w, s],
        [e, s],
        [e, n],
        [w, n],
        [w, s],
      ],
    ],
  };
}

function lonRange(g: Areal): [number, number] {
  const lons = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates).flat(2).map((p) => p[0] ?? NaN);
  return [Math.min(...lons), Math.max(...lons)];
}

describe('areaHa', () => {
  it('matches the spherical rectangle formula near Ulaanbaatar, within 0.5 % of the ellipsoid', () => {
    const ha = areaHa(rect(106.9, 47.9, 106.92, 47.91));
    expect(ha).toBeCloseTo(sphereRectHa(106.9, 47.9, 106.92, 47.91), 6); // 165.77 ha
    const server = ellipsoidRectHa(106.9, 47.9, 106.92, 47.91); // 166.25 ha
    expect(Math.abs(ha / server - 1)).toBeLessThan(0.005);
  });

  it('does not change when the ring starts elsewhere', () => {
    const r = rect(100, 45, 100.01, 45.01);
    const ring = (r.coordinates[0] ?? []).slice(0, 4);
    const rotated: Polygon = { type: 'Polygon', coordinates: [[...ring.slice(2), ...ring.slice(0, 3)]] };
    expect(areaHa(rotated)).toBeCloseTo(areaHa(r), 9);
  });
});

describe('splitUnit', () => {
  const unit = rect(106.9, 47.9, 106.92, 47.91);

  it('cuts a rectangle in two halves along a north–south line', () => {
    const [a, b] = splitUnit(unit, [
      [106.91, 47.89],
      [106.91, 47.92],
    ]);
    const [west, east] = [lonRange(a), lonRange(b)].sort((x, y) => x[0] - y[0]);
    expect(west?.[0]).toBeCloseTo(106.9, 9);
    expect(west?.[1]).toBeCloseTo(106.91, 9);
    expect(east?.[0]).toBeCloseTo(106.91, 9);
    expect(east?.[1]).toBeCloseTo(106.92, 9);
    expect(areaHa(a)).toBeCloseTo(sphereRectHa(106.9, 47.9, 106.91, 47.91), 1);
    expect(areaHa(a) + areaHa(b)).toBeCloseTo(areaHa(unit), 3);
  });

  it('works with a bent line drawn the other way', () => {
    const [a, b] = splitUnit(unit, [
      [106.915, 47.92],
      [106.905, 47.905],
      [106.915, 47.89],
    ]);
    expect(areaHa(a) + areaHa(b)).toBeCloseTo(areaHa(unit), 3);
    expect(Math.min(areaHa(a), areaHa(b))).toBeGreaterThan(0);
  });

  it('refuses a line that misses the unit', () => {
    expect(() =>
      splitUnit(unit, [
        [107, 47.89],
        [107, 47.92],
      ]),
    ).toThrow('does not cross');
  });
});

describe('mergeUnits', () => {
  it('joins two rectangles sharing an edge into one of their summed area', () => {
    const merged = mergeUnits(rect(106.9, 47.9, 106.91, 47.91), rect(106.91, 47.9, 106.92, 47.91));
    expect(merged.type).toBe('Polygon');
    expect(merged.coordinates).toHaveLength(1);
    expect(lonRange(merged)).toEqual([106.9, 106.92]);
    expect(areaHa(merged)).toBeCloseTo(sphereRectHa(106.9, 47.9, 106.92, 47.91), 1);
  });

  it('refuses units that are apart', () => {
    expect(() => mergeUnits(rect(106.9, 47.9, 106.91, 47.91), rect(106.93, 47.9, 106.94, 47.91))).toThrow(
      'do not touch',
    );
  });
});

describe('parts of a unit for editing', () => {
  const a = [
    [
      [105, 47],
      [105.01, 47],
      [105.01, 47.01],
      [105, 47],
    ],
  ];
  const b = [
    [
      [106, 47],
      [106.01, 47],
      [106.01, 47.01],
      [106, 47],
    ],
  ];

  it('splits a multi-polygon into its polygons and joins them back', () => {
    const parts = partsOf({ type: 'MultiPolygon', coordinates: [a, b] });
    expect(parts).toEqual([
      { type: 'Polygon', coordinates: a },
      { type: 'Polygon', coordinates: b },
    ]);
    expect(fromParts(parts)).toEqual({ type: 'MultiPolygon', coordinates: [a, b] });
  });

  it('gives a Polygon for one part and nothing for none', () => {
    expect(fromParts([{ type: 'Polygon', coordinates: a }])).toEqual({ type: 'Polygon', coordinates: a });
    expect(fromParts([])).toBeNull();
  });
});
