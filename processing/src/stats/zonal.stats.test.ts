/**
 * zonalStats on a 4×4 raster of values 0…15 (row-major), 1 m pixels with origin (0, 4), so pixel
 * (col, row) is the square [col, col+1] × [3−row, 4−row]. Expected values are counted by hand; the
 * edge rules are GDAL's (checked once with rasterio geometry_mask, all_touched=False).
 */
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { memoryReader } from '../cog/testing/memory.reader.ts';
import { zonalStats, type ZonalOptions, type ZonalSource } from './zonal.stats.ts';
import { zonalStatsMany } from './zonal.stats.many.ts';

const values = Uint16Array.from({ length: 16 }, (_, i) => i);

function source(mask: Uint8Array | null = null, blockWidth = 2): ZonalSource {
  const reader = memoryReader(
    { width: 4, height: 4, bands: 1, transform: [0, 1, 0, 4, 0, -1] },
    values,
    mask,
  );
  return { reader, blockWidth, blockHeight: 2 };
}

const band1 = (b: Float64Array): number => b[0]!;
const polygon = (...rings: Position[][]): Polygon => ({ type: 'Polygon', coordinates: rings });
const box = (x0: number, y0: number, x1: number, y1: number): Position[] => [
  [x0, y0],
  [x1, y0],
  [x1, y1],
  [x0, y1],
  [x0, y0],
];
/** The upper-left half of the raster: col + row ≤ 3 by centres. */
const TRIANGLE = polygon([
  [0, 4],
  [4, 4],
  [0, 0],
  [0, 4],
]);
const stats = (g: Polygon | MultiPolygon, options?: ZonalOptions, s = source()) =>
  zonalStats(s, g, band1, options);

describe('zonalStats, pixel-centre rule', () => {
  it('counts a triangle whose hypotenuse runs through pixel centres (right-hand centres are in)', async () => {
    // Upper-left triangle col + row ≤ 3: rows 0–3 hold 4, 3, 2, 1 pixels.
    const s = await stats(TRIANGLE);
    const picked = [0, 1, 2, 3, 4, 5, 6, 8, 9, 12];
    expect(s.count).toBe(10);
    expect(s.area_ha).toBeCloseTo(10 / 10_000, 15);
    expect(s.mean).toBe(5);
    const variance = picked.reduce((a, v) => a + (v - 5) ** 2, 0) / 10;
    expect(s.std).toBeCloseTo(Math.sqrt(variance), 14);
    expect([s.min, s.max]).toEqual([0, 12]);
  });

  it('leaves out a centre on a left edge and keeps one on a right edge', async () => {
    expect((await stats(polygon(box(1.5, 0, 3, 4)))).count).toBe(4); // column 2 only
    expect((await stats(polygon(box(1, 0, 2.5, 4)))).count).toBe(8); // columns 1 and 2
  });

  it('keeps the row whose centres lie on a horizontal edge, whatever the ring orientation', async () => {
    const ring = box(0, 1.5, 4, 3.5); // rows 0–2 (row 2 has its centres on y = 1.5)
    expect((await stats(polygon(ring))).count).toBe(12);
    expect((await stats(polygon([...ring].reverse()))).count).toBe(12);
  });

  it('leaves out a hole', async () => {
    const s = await stats(polygon(box(0, 0, 4, 4), box(1, 1, 3, 3)));
    expect(s.count).toBe(12);
    expect(s.mean).toBe((120 - (5 + 6 + 9 + 10)) / 12);
  });

  it('unions the polygons of a multipolygon', async () => {
    const g: MultiPolygon = { type: 'MultiPolygon', coordinates: [[box(0, 3, 1, 4)], [box(3, 0, 4, 1)]] };
    const s = await stats(g);
    expect(s).toMatchObject({ count: 2, mean: 7.5, std: 7.5, min: 0, max: 15 });
    // numpy.percentile([0, 15], [10, 50, 90]) = 1.5, 7.5, 13.5
    expect([s.p10, s.p50, s.p90]).toEqual([1.5, 7.5, 13.5]);
    expect(s.histogram).toEqual({ bins: 10, min: 0, max: 15, counts: [1, 0, 0, 0, 0, 0, 0, 0, 0, 1] });
  });

  it('clips a polygon crossing the image edge', async () => {
    const s = await stats(polygon(box(-5, 2, 1, 9))); // column 0 of rows 0 and 1
    expect(s).toMatchObject({ count: 2, min: 0, max: 4 });
  });

  it('gives count 0 and nulls outside the image and over nodata', async () => {
    const empty = { count: 0, area_ha: 0, mean: null, std: null, p50: null, histogram: null };
    expect(await stats(polygon(box(10, 10, 12, 12)))).toMatchObject(empty);
    expect(await stats(polygon(box(0, 0, 4, 4)), {}, source(new Uint8Array(16)))).toMatchObject(empty);
  });

  it('leaves out masked pixels and values that are not finite', async () => {
    const mask = new Uint8Array(16).fill(255);
    mask[0] = 0;
    const s = await zonalStats(source(mask), polygon(box(0, 2, 2, 4)), (b) => (b[0] === 1 ? NaN : b[0]!));
    expect(s).toMatchObject({ count: 2, mean: 4.5 }); // pixels 4 and 5 remain
  });

  it('reads only the blocks the polygon covers', async () => {
    const s = source();
    const windows: string[] = [];
    const reader = s.reader;
    const counting: ZonalSource = {
      ...s,
      reader: { info: reader.info, readWindow: (w) => (windows.push(`${w.x},${w.y}`), reader.readWindow(w)) },
    };
    // An L over blocks (0,0), (0,1) and (1,1); the bbox also touches block (1,0).
    await stats(
      polygon([
        [0, 0],
        [4, 0],
        [4, 1],
        [1, 1],
        [1, 4],
        [0, 4],
        [0, 0],
      ]),
      {},
      counting,
    );
    expect(windows.sort()).toEqual(['0,0', '0,2', '2,2']);
  });
});

describe('zonalStats, coverage-weighted', () => {
  it('weights each pixel by the share of it inside the polygon', async () => {
    const s = await stats(TRIANGLE, { mode: 'coverage' });
    // 6 pixels inside (sum 20), 4 halved on the diagonal (3, 6, 9, 12), 4 touched at a corner only.
    expect(s.count).toBe(10);
    expect(s.area_ha).toBeCloseTo(8 / 10_000, 15);
    expect(s.mean).toBeCloseTo((20 + 0.5 * 30) / 8, 14);
    expect([s.min, s.max]).toEqual([0, 12]);
  });

  it('gives half pixels for a box ending halfway through columns, and a hole takes its share out', async () => {
    const s = await stats(polygon(box(0.5, 0, 2.5, 4)), { mode: 'coverage' });
    expect(s.area_ha * 10_000).toBeCloseTo(8, 12);
    // per row r: 0.5·(4r) + (4r + 1) + 0.5·(4r + 2) = 8r + 2 over weight 2 → mean of 4r + 1 = 7
    expect(s.mean).toBeCloseTo(7, 13);
    const holed = await stats(polygon(box(0, 0, 4, 4), box(0.5, 0.5, 1.5, 1.5)), { mode: 'coverage' });
    expect(holed.area_ha * 10_000).toBeCloseTo(15, 12);
  });

  it('equals the pixel-centre result when weights are all 1', async () => {
    const centre = await stats(polygon(box(0, 0, 3, 2)));
    const covered = await stats(polygon(box(0, 0, 3, 2)), { mode: 'coverage' });
    expect(covered).toEqual(centre);
  });
});

describe('zonalStatsMany', () => {
  it('answers in input order whatever order it visits the blocks in', async () => {
    // Bottom-right pixel (15) first, then the top-left one (0), then both rows of the left half.
    const many = await zonalStatsMany(
      source(),
      [polygon(box(3, 0, 4, 1)), polygon(box(0, 3, 1, 4)), polygon(box(0, 0, 2, 4))],
      band1,
    );
    expect(many.map((s) => [s.count, s.mean])).toEqual([
      [1, 15],
      [1, 0],
      [8, (0 + 1 + 4 + 5 + 8 + 9 + 12 + 13) / 8],
    ]);
  });
});

describe('zonalStats, a selection of statistics', () => {
  it('gives only what is asked (count and area always), with the values of the full result', async () => {
    for (const mode of ['centre', 'coverage'] as const) {
      const full = await stats(TRIANGLE, { mode });
      const some = await stats(TRIANGLE, { mode, stats: ['mean', 'std', 'p50'] });
      expect(some).toEqual({
        ...full,
        min: null,
        max: null,
        p10: null,
        p90: null,
        histogram: null,
      });
      const basic = await stats(TRIANGLE, { mode, stats: ['count', 'min', 'max'] });
      expect(basic).toMatchObject({ count: full.count, area_ha: full.area_ha, min: 0, max: 12, mean: null });
    }
  });
});
