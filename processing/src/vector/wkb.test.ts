import { describe, expect, it } from 'vitest';
import { hasGdal, PYTHON, runOk } from '../testing/gdal.ts';
import { wkb } from './wkb.ts';
import { wkt } from './wkt.ts';
import type { MultiPolygonGeometry } from './vector.layer.ts';

// A square 0..4 with a hole 1..2 and a second triangle: two polygons, three rings.
const SQUARE: MultiPolygonGeometry = {
  type: 'MultiPolygon',
  coordinates: [
    [
      [
        [0, 0],
        [4, 0],
        [4, 4],
        [0, 4],
        [0, 0],
      ],
      [
        [1, 1],
        [1, 2],
        [2, 2],
        [1, 1],
      ],
    ],
    [
      [
        [10, 0],
        [11, 0],
        [10, 1],
        [10, 0],
      ],
    ],
  ],
};

describe('wkb and wkt', () => {
  it('writes a point as 21 bytes by the spec: order 1, type 1, x, y', () => {
    const bytes = wkb({ type: 'Point', coordinates: [106.5, 47.25] });
    const view = new DataView(bytes.buffer);
    expect(bytes.length).toBe(21);
    expect([bytes[0], view.getUint32(1, true), view.getFloat64(5, true), view.getFloat64(13, true)]).toEqual([
      1, 1, 106.5, 47.25,
    ]);
    expect(wkt({ type: 'Point', coordinates: [106.5, 47.25] })).toBe('POINT (106.5 47.25)');
  });

  it('writes a multipolygon of the length counted by hand', () => {
    // 9 (header + count) + polygon 1: 9 + (4 + 5·16) + (4 + 4·16) + polygon 2: 9 + (4 + 4·16)
    expect(wkb(SQUARE).length).toBe(9 + 9 + 84 + 68 + 9 + 68);
  });

  it.skipIf(!hasGdal)('is read by OGR as the same geometry as the WKT', () => {
    const hex = Buffer.from(wkb(SQUARE)).toString('hex');
    const script = `
import sys
from osgeo import ogr
a = ogr.CreateGeometryFromWkb(bytes.fromhex(sys.argv[1]))
b = ogr.CreateGeometryFromWkt(sys.argv[2])
print(a.ExportToIsoWkt(), a.Equals(b), a.GetArea())
`;
    const out = runOk(PYTHON, ['-c', script, hex, wkt(SQUARE)]).trim();
    // area by hand: 16 − 0.5 (hole) + 0.5 (triangle)
    expect(out).toBe(
      'MULTIPOLYGON (((0 0,4 0,4 4,0 4,0 0),(1 1,1 2,2 2,1 1)),((10 0,11 0,10 1,10 0))) True 16.0',
    );
  });
});
