import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasGdal, PYTHON, run } from '../../../processing/src/testing/gdal.ts';
import { LONG_NOTE, ogrRead, PLOTS, UNITS } from '../../../processing/src/vector/fixture.layers.ts';
import { gpkgBytes, gpkgGeometry } from './gpkg.write.ts';

const VALIDATE = '/usr/lib/python3/dist-packages/osgeo_utils/samples/validate_gpkg.py';

describe('GeoPackage writer', () => {
  it('writes the SQLite header with application_id GPKG and user_version 10400 (big-endian, §1.1.1.1)', async () => {
    const bytes = await gpkgBytes(PLOTS);
    const view = new DataView(bytes.buffer, bytes.byteOffset);
    expect(new TextDecoder().decode(bytes.subarray(0, 16))).toBe('SQLite format 3\0');
    expect(view.getUint32(60, false)).toBe(10400);
    expect(new TextDecoder().decode(bytes.subarray(68, 72))).toBe('GPKG');
  });

  it('encodes geometries as GP, version 0, flags 0x03, srs 4326, envelope minx maxx miny maxy, then WKB', () => {
    const blob = gpkgGeometry(UNITS.features[1]!.geometry);
    const view = new DataView(blob.buffer);
    expect([...blob.subarray(0, 4)]).toEqual([0x47, 0x50, 0, 3]);
    expect(view.getInt32(4, true)).toBe(4326);
    expect([8, 16, 24, 32].map((o) => view.getFloat64(o, true))).toEqual([108, 111, 46, 47]);
    // WKB: byte order 1, type 6 (MultiPolygon), 2 polygons
    expect([blob[40], view.getUint32(41, true), view.getUint32(45, true)]).toEqual([1, 6, 2]);
  });

  it.skipIf(!hasGdal)(
    'passes GDAL’s validate_gpkg.py and reads back with types, CRS, values and holes',
    async () => {
      const bytes = await gpkgBytes(UNITS);
      const path = join(mkdtempSync(join(tmpdir(), 'belcheer-gpkg-')), 'units.gpkg');
      writeFileSync(path, bytes);
      const check = run(PYTHON, [VALIDATE, path]);
      expect(check.stderr + check.stdout).toBe('');
      expect(check.status).toBe(0);
      const ogr = ogrRead('units.gpkg', bytes);
      expect(ogr).toMatchObject({ driver: 'GPKG', count: 2, epsg: '4326', geometryType: 'Multi Polygon' });
      expect(ogr.fields).toEqual({
        name: 'String',
        area_ha: 'Real',
        version: 'Integer',
        survey_date: 'Date',
        created_at: 'DateTime',
        fenced: 'Integer(Boolean)',
        notes: 'String',
      });
      expect(ogr.features[0]!.values).toEqual({
        name: 'Хаврын "зуслан" & <өвөлжөө>',
        area_ha: 1234.5678,
        version: 3,
        survey_date: '2026/06/15',
        created_at: '2026/06/15 08:30:00+00',
        fenced: true,
        notes: LONG_NOTE,
      });
      expect(ogr.features[1]!.values).toMatchObject({
        area_ha: null,
        survey_date: null,
        fenced: false,
        notes: null,
      });
      expect(ogr.features[0]!.wkt).toBe(
        'MULTIPOLYGON (((106 47,106 48,107 48,107 47,106 47),(106.25 47.25,106.75 47.25,106.75 47.75,106.25 47.75,106.25 47.25)))',
      );
      const points = ogrRead('plots.gpkg', await gpkgBytes(PLOTS));
      expect(points).toMatchObject({ count: 2, epsg: '4326', geometryType: 'Point' });
      expect(points.features.map((f) => f.wkt)).toEqual(['POINT (106.5 47.5)', 'POINT (106.75 47.125)']);
    },
  );
});
