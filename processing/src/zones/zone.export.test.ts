import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { GeoTransform } from '../raster/types.ts';
import { hasGdal, PYTHON, runOk } from '../testing/gdal.ts';
import { classify } from './classify.ts';
import { esriWkt } from '../vector/esri.prj.ts';
import { polygonizeClasses } from './polygonize.ts';
import { zoneShapefileZip } from './zone.export.ts';
import { zoneFeatures } from './zone.features.ts';
import { zoneClassStats } from './zone.stats.ts';

// 4 × 4 NDVI grid, 10 m pixels in UTM 48N; break 0.5: the left columns are zone 1, the right zone 2.
// 0.2 0.3 0.7 0.8
// 0.1 0.4 0.6 0.9
// 0.2 0.3 0.8 0.7
//  –  0.2 0.6 0.6
const T: GeoTransform = [600000, 10, 0, 5300000, 0, -10];
const NDVI = [0.2, 0.3, 0.7, 0.8, 0.1, 0.4, 0.6, 0.9, 0.2, 0.3, 0.8, 0.7, NaN, 0.2, 0.6, 0.6];

function zones() {
  const classes = classify(NDVI, [0.5]);
  return zoneFeatures(
    polygonizeClasses(classes, 4, 4, T),
    zoneClassStats(NDVI, classes, 4, () => 100),
    [0.5],
  );
}

describe('vigour zone export', () => {
  it('carries the stats of each zone, by hand', () => {
    // zone 1: 7 pixels = 700 m² = 0.07 ha; Σ = 0.2 + 0.3 + 0.1 + 0.4 + 0.2 + 0.3 + 0.2 = 1.7 → mean 0.242857
    // zone 2: 8 pixels = 0.08 ha; Σ = 0.7 + 0.8 + 0.6 + 0.9 + 0.8 + 0.7 + 0.6 + 0.6 = 5.7 → mean 0.7125
    expect(zones().features.map((f) => f.properties)).toEqual([
      {
        zone: 1,
        from: null,
        to: 0.5,
        pixels: 7,
        area_ha: 0.07,
        mean: expect.closeTo(1.7 / 7, 12),
        min: 0.1,
        max: 0.4,
      },
      {
        zone: 2,
        from: 0.5,
        to: null,
        pixels: 8,
        area_ha: 0.08,
        mean: expect.closeTo(0.7125, 12),
        min: 0.6,
        max: 0.9,
      },
    ]);
  });

  it.skipIf(!hasGdal)('writes a zipped Shapefile that OGR reads back: fields, nulls, geometry, CRS', () => {
    const collection = zones();
    const file = join(mkdtempSync(join(tmpdir(), 'belcheer-zones-')), 'zones.zip');
    writeFileSync(file, zoneShapefileZip(collection, 'zones', esriWkt(32648)));
    const script = `
import json, sys
from osgeo import ogr, osr
from shapely.geometry import shape
from shapely import wkt
ogr.UseExceptions()
ds = ogr.Open('/vsizip/' + sys.argv[1] + '/zones.shp')
layer = ds.GetLayer(0)
srs = layer.GetSpatialRef()
srs.AutoIdentifyEPSG()
ours = json.loads(sys.argv[2])['features']
out = {'epsg': srs.GetAuthorityCode(None), 'type': ogr.GeometryTypeToName(layer.GetGeomType()), 'features': []}
for i, f in enumerate(layer):
    g = wkt.loads(f.GetGeometryRef().ExportToWkt())
    mine = shape(ours[i]['geometry'])
    fields = {k: (f.GetField(k) if f.IsFieldSetAndNotNull(k) else None) for k in f.keys()}
    out['features'].append({'fields': fields, 'area': g.area, 'valid': g.is_valid, 'diff': g.symmetric_difference(mine).area})
print(json.dumps(out))
`;
    const out = JSON.parse(runOk(PYTHON, ['-c', script, file, JSON.stringify(collection)]));
    expect(out.epsg).toBe('32648');
    expect(out.type).toBe('Polygon');
    expect(out.features).toEqual([
      {
        fields: {
          ZONE: 1,
          FROM: null,
          TO: 0.5,
          PIXELS: 7,
          AREA_HA: 0.07,
          MEAN: 0.242857,
          MIN: 0.1,
          MAX: 0.4,
        },
        area: 700,
        valid: true,
        diff: 0,
      },
      {
        fields: { ZONE: 2, FROM: 0.5, TO: null, PIXELS: 8, AREA_HA: 0.08, MEAN: 0.7125, MIN: 0.6, MAX: 0.9 },
        area: 800,
        valid: true,
        diff: 0,
      },
    ]);
  });

  it.skipIf(!hasGdal)('writes Shapefile rings clockwise and holes counter-clockwise', () => {
    // 1 1 1 1
    // 1 0 0 1     zone 2: 40 m square with a 20 m hole; zone 1: the hole
    // 1 0 0 1
    // 1 1 1 1
    const values = [1, 1, 1, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 1, 1, 1];
    const classes = classify(values, [0.5]);
    const collection = zoneFeatures(
      polygonizeClasses(classes, 4, 4, T),
      zoneClassStats(values, classes, 4, () => 100),
      [0.5],
    );
    const file = join(mkdtempSync(join(tmpdir(), 'belcheer-zones-')), 'hole.zip');
    writeFileSync(file, zoneShapefileZip(collection, 'hole', null));
    // read the .shp records directly (ESRI technical description) and the shoelace sign of each part
    const script = `
import json, struct, sys, zipfile
shp = zipfile.ZipFile(sys.argv[1]).read('hole.shp')
at, out = 100, []
while at < len(shp):
    n, words = struct.unpack('>ii', shp[at:at + 8])
    parts, points = struct.unpack('<ii', shp[at + 44:at + 52])
    starts = list(struct.unpack('<%di' % parts, shp[at + 52:at + 52 + 4 * parts])) + [points]
    xy = struct.unpack('<%dd' % (2 * points), shp[at + 52 + 4 * parts:at + 8 + 2 * words])
    pts = [(xy[2 * i], xy[2 * i + 1]) for i in range(points)]
    signed = []
    for a, b in zip(starts, starts[1:]):
        r = pts[a:b]
        signed.append(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(r, r[1:])) / 2)
    out.append(signed)
    at += 8 + 2 * words
print(json.dumps(out))
`;
    // negative shoelace = clockwise: zone 1 = [hole square −400], zone 2 = [outer −1 600, hole +400]
    expect(JSON.parse(runOk(PYTHON, ['-c', script, file]))).toEqual([[-400], [-1600, 400]]);
  });
});
