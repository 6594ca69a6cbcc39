import { describe, expect, it } from 'vitest';
import { hasGdal, PYTHON, runOk } from '../testing/gdal.ts';
import type { GeoTransform } from '../raster/types.ts';
import { NO_CLASS } from './classify.ts';
import { polygonizeClasses, type Ring } from './polygonize.ts';

// 10 m pixels, north-up, origin 500 000 E 5 000 000 N
const T: GeoTransform = [500000, 10, 0, 5000000, 0, -10];

/** Area of a polygon (outer minus holes) by the shoelace formula, written here independently. */
function area(polygon: Ring[]): number {
  const ring = (r: Ring): number =>
    r.slice(1).reduce((s, [x, y], i) => s + (r[i]![0] * y - x * r[i]![1]) / 2, 0);
  return polygon.reduce((s, r) => s + ring(r), 0);
}

describe('polygonizeClasses', () => {
  it('traces a square with a hole by hand', () => {
    // 1 1 1 1
    // 1 0 0 1     class 1: 40 m × 40 m square with a 20 m × 20 m hole → 1 600 − 400 = 1 200 m²
    // 1 0 0 1     class 0: the 20 m × 20 m hole → 400 m²
    // 1 1 1 1
    const grid = Uint8Array.from([1, 1, 1, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 1, 1, 1]);
    const [zero, one] = polygonizeClasses(grid, 4, 4, T);
    // outer ring counter-clockwise on the map (NE → NW → SW → SE), hole clockwise, both closed
    expect(one).toEqual({
      cls: 1,
      pixelCount: 12,
      coordinates: [
        [
          [
            [500040, 5000000],
            [500000, 5000000],
            [500000, 4999960],
            [500040, 4999960],
            [500040, 5000000],
          ],
          [
            [500010, 4999990],
            [500030, 4999990],
            [500030, 4999970],
            [500010, 4999970],
            [500010, 4999990],
          ],
        ],
      ],
    });
    expect(zero).toEqual({
      cls: 0,
      pixelCount: 4,
      coordinates: [
        [
          [
            [500030, 4999990],
            [500010, 4999990],
            [500010, 4999970],
            [500030, 4999970],
            [500030, 4999990],
          ],
        ],
      ],
    });
    expect(area(one!.coordinates[0]!)).toBe(1200);
    expect(area(zero!.coordinates[0]!)).toBe(400);
  });

  it('keeps pixels touching only at a corner apart, and leaves NO_CLASS out', () => {
    // 1 0 ·      class 1: two 1-pixel polygons (corner contact only) of 100 m² each
    // 0 1 ·      class 0: two 1-pixel polygons; · = NO_CLASS, no polygon
    const N = NO_CLASS;
    const out = polygonizeClasses(Uint8Array.from([1, 0, N, 0, 1, N]), 3, 2, T);
    expect(out.map((c) => c.cls)).toEqual([0, 1]);
    for (const c of out) {
      expect(c.coordinates).toHaveLength(2);
      expect(c.coordinates.map(area)).toEqual([100, 100]);
      expect(c.pixelCount).toBe(2);
    }
  });

  it('makes a region enclosed but for a corner a hole touching the outer ring there', () => {
    // 1 1 1     class 1 (7 pixels) is one component; the 0 in the middle is enclosed 4-wise but
    // 1 0 1     touches the 0 at the bottom right at a corner. The outer ring passes that corner once,
    // 1 1 0     the hole ring once: 1 polygon with 1 hole, 900 − 100 − 100 = 700 m². Class 0: 2 polygons.
    const [zero, one] = polygonizeClasses(Uint8Array.from([1, 1, 1, 1, 0, 1, 1, 1, 0]), 3, 3, T);
    expect(one!.coordinates).toHaveLength(1);
    expect(one!.coordinates[0]).toHaveLength(2);
    expect(area(one!.coordinates[0]!)).toBe(700);
    expect(zero!.coordinates.map(area)).toEqual([100, 100]);
    // the shared corner (2, 2) → (500020, 4999980) is on both rings, once each
    const corner = (r: Ring): number => r.slice(1).filter(([x, y]) => x === 500020 && y === 4999980).length;
    expect(one!.coordinates[0]!.map(corner)).toEqual([1, 1]);
  });

  it('merges straight runs into one edge (an L of 3 pixels has 6 vertices)', () => {
    // 2 2
    // 2 ·
    const [l] = polygonizeClasses(Uint8Array.from([2, 2, 2, NO_CLASS]), 2, 2, T);
    expect(l!.coordinates[0]![0]).toHaveLength(7); // 6 corners + the closing vertex
    expect(area(l!.coordinates[0]!)).toBe(300);
  });

  it.skipIf(!hasGdal)(
    'matches gdal_polygonize (4-connected) on a random 3-class grid, valid by shapely',
    () => {
      // seeded LCG grid of 24 × 18 with classes 0–2 and some nodata
      let s = 12345;
      const rand = (): number => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
      const [w, h] = [24, 18];
      const grid = Uint8Array.from({ length: w * h }, () => {
        const r = rand();
        return r < 0.08 ? NO_CLASS : Math.floor(r * 3);
      });
      const ours = polygonizeClasses(grid, w, h, T);
      const script = `
import json, sys
import numpy as np
from osgeo import gdal, ogr, osr
from shapely.geometry import shape
from shapely.ops import unary_union
d = json.load(sys.stdin)
w, h = d['w'], d['h']
ds = gdal.GetDriverByName('MEM').Create('', w, h, 1, gdal.GDT_Byte)
ds.SetGeoTransform(d['t'])
band = ds.GetRasterBand(1)
band.WriteArray(np.array(d['grid'], dtype=np.uint8).reshape(h, w))
band.SetNoDataValue(255)
src = ogr.GetDriverByName('Memory').CreateDataSource('')
layer = src.CreateLayer('p')
layer.CreateField(ogr.FieldDefn('cls', ogr.OFTInteger))
gdal.Polygonize(band, band.GetMaskBand(), layer, 0)
ref = {}
for f in layer:
    ref.setdefault(f.GetField('cls'), []).append(shape(json.loads(f.GetGeometryRef().ExportToJson())))
out = {}
for c in d['ours']:
    mine = shape({'type': 'MultiPolygon', 'coordinates': c['coordinates']})
    theirs = unary_union(ref[c['cls']])
    out[c['cls']] = {'valid': mine.is_valid, 'n': len(c['coordinates']), 'nRef': len(ref[c['cls']]),
      'area': mine.area, 'areaRef': theirs.area, 'diff': mine.symmetric_difference(theirs).area,
      'ccw': all(p.exterior.is_ccw and all(not i.is_ccw for i in p.interiors) for p in mine.geoms)}
print(json.dumps(out))
`;
      const input = JSON.stringify({ w, h, t: T, grid: [...grid], ours });
      const ref = JSON.parse(runOk(PYTHON, ['-c', script], input)) as Record<
        string,
        { valid: boolean; n: number; nRef: number; area: number; areaRef: number; diff: number; ccw: boolean }
      >;
      expect(Object.keys(ref).sort()).toEqual(['0', '1', '2']);
      for (const c of ours) {
        const r = ref[String(c.cls)]!;
        expect(r).toMatchObject({ valid: true, ccw: true, diff: 0, n: r.nRef });
        expect(r.area).toBe(r.areaRef);
        expect(r.area).toBe(c.pixelCount * 100); // 10 m × 10 m pixels
      }
    },
  );
});
