import { describe, expect, it } from 'vitest';
import { hasGdal } from '../testing/gdal.ts';
import { LONG_NOTE, ogrRead, PLOTS, UNITS } from './fixture.layers.ts';
import { layerDbfFields, layerShapefileFiles } from './shapefile.layer.ts';
import { zipStore } from './zip.store.ts';
import { shapefile } from './shapefile.ts';

const ascii = (bytes: Uint8Array, from: number, to: number) =>
  new TextDecoder().decode(bytes.subarray(from, to));

describe('Shapefile of a layer', () => {
  it('maps field types to dBASE as documented; text width is the longest value, at most 254 bytes', () => {
    expect(layerDbfFields(UNITS)).toEqual([
      // 'Хаврын "зуслан" & <өвөлжөө>': 6 + 6 + 7 Cyrillic letters (2 bytes each) + 8 ASCII = 46 bytes
      { name: 'name', type: 'C', length: 46, decimals: 0 },
      { name: 'area_ha', type: 'N', length: 24, decimals: 10 },
      { name: 'version', type: 'N', length: 9, decimals: 0 },
      { name: 'date', type: 'D', length: 8, decimals: 0 },
      { name: 'created_at', type: 'C', length: 24, decimals: 0 },
      { name: 'fenced', type: 'L', length: 1, decimals: 0 },
      { name: 'notes', type: 'C', length: 253, decimals: 0 },
    ]);
  });

  it('writes the headers and records of the 1998 description byte by byte (points)', () => {
    const files = shapefile('p', 'Point', layerDbfFields(PLOTS), PLOTS.features, null);
    expect(files.map((f) => f.name)).toEqual(['p.shp', 'p.shx', 'p.dbf', 'p.cpg']);
    const [shp, shx, dbf, cpg] = files.map((f) => f.data) as [Uint8Array, Uint8Array, Uint8Array, Uint8Array];
    const sv = new DataView(shp.buffer);
    // main header: file code 9994 (big-endian), length in 16-bit words, version 1000, type 1, bbox
    expect(shp.length).toBe(100 + 2 * (8 + 20));
    expect([
      sv.getInt32(0, false),
      sv.getInt32(24, false),
      sv.getInt32(28, true),
      sv.getInt32(32, true),
    ]).toEqual([9994, shp.length / 2, 1000, 1]);
    expect([36, 44, 52, 60].map((o) => sv.getFloat64(o, true))).toEqual([106.5, 47.125, 106.75, 47.5]);
    // record 1: number 1, content 10 words; shape type 1, x, y
    expect([sv.getInt32(100, false), sv.getInt32(104, false), sv.getInt32(108, true)]).toEqual([1, 10, 1]);
    expect([sv.getFloat64(112, true), sv.getFloat64(120, true)]).toEqual([106.5, 47.5]);
    // index: offset 50 words (byte 100), then 50 + 14 words
    const xv = new DataView(shx.buffer);
    expect([xv.getInt32(100, false), xv.getInt32(104, false), xv.getInt32(108, false)]).toEqual([50, 10, 64]);
    // dbf: version 3, 2 records, header 32 + 3·32 + 1, record 1 + 14 + 24 + 1; field 2 "biomass" N(24,10)
    const dv = new DataView(dbf.buffer);
    expect([dbf[0], dv.getUint32(4, true), dv.getUint16(8, true), dv.getUint16(10, true)]).toEqual([
      3, 2, 129, 40,
    ]);
    expect([ascii(dbf, 64, 71), String.fromCharCode(dbf[75]!), dbf[80], dbf[81]]).toEqual([
      'biomass',
      'N',
      24,
      10,
    ]);
    expect(dbf[128]).toBe(0x0d);
    // record 1: ' ' then 'Талбай 1' (6 Cyrillic letters · 2 + 2 = 14 bytes, the longest value), '812.5' in 24
    expect(ascii(dbf, 129, 129 + 1 + 14)).toBe(' Талбай 1');
    expect(ascii(dbf, 144, 168)).toBe('812.5000000000'.padStart(24, ' '));
    expect(ascii(dbf, 168, 169)).toBe('F');
    expect(ascii(cpg, 0, cpg.length)).toBe('UTF-8');
    expect(dbf[dbf.length - 1]).toBe(0x1a);
  });

  it('writes a polygon record with its rings as parts, outer ring clockwise', () => {
    const [shp] = shapefile('u', 'MultiPolygon', [], UNITS.features, null).map((f) => f.data) as [Uint8Array];
    const sv = new DataView(shp.buffer);
    expect(sv.getInt32(32, true)).toBe(5);
    // record 1 content: type, box, 2 parts, 10 points → 44 + 2·4 + 10·16 = 212 bytes = 106 words
    expect([
      sv.getInt32(104, false),
      sv.getInt32(108, true),
      sv.getInt32(144, true),
      sv.getInt32(148, true),
    ]).toEqual([106, 5, 2, 10]);
    expect([sv.getInt32(152, true), sv.getInt32(156, true)]).toEqual([0, 5]);
    // outer ring from (106,47): clockwise goes up to (106,48) first — as given
    expect([sv.getFloat64(160 + 16, true), sv.getFloat64(168 + 16, true)]).toEqual([106, 48]);
  });

  it.skipIf(!hasGdal)(
    'is read by OGR: count, CRS, field types, UTF-8 values cut at a character, nulls, holes',
    () => {
      const ogr = ogrRead('units.shp.zip', zipStore(layerShapefileFiles(UNITS)));
      expect(ogr).toMatchObject({
        driver: 'ESRI Shapefile',
        count: 2,
        epsg: '4326',
        geometryType: 'Polygon',
      });
      expect(ogr.fields).toEqual({
        name: 'String',
        area_ha: 'Real',
        version: 'Integer',
        date: 'Date',
        created_at: 'String',
        fenced: ogr.fields.fenced,
        notes: 'String',
      });
      // GDAL reads L fields as String 'T'/'F' up to 3.6, as Integer(Boolean) from 3.7
      expect(['String', 'Integer(Boolean)']).toContain(ogr.fields.fenced);
      const [yes, no] = ogr.fields.fenced === 'String' ? ['T', 'F'] : [true, false];
      expect(ogr.features[0]!.values).toEqual({
        name: 'Хаврын "зуслан" & <өвөлжөө>',
        area_ha: 1234.5678,
        version: 3,
        date: '2026/06/15',
        created_at: '2026-06-15T08:30:00.000Z',
        fenced: yes,
        notes: LONG_NOTE.slice(0, 127),
      });
      expect(ogr.features[1]!.values).toMatchObject({ area_ha: null, date: null, fenced: no, notes: null });
      expect(ogr.features[0]!.wkt).toBe(
        'POLYGON ((106 47,106 48,107 48,107 47,106 47),(106.25 47.25,106.75 47.25,106.75 47.75,106.25 47.75,106.25 47.25))',
      );
      expect(ogr.features[1]!.wkt).toBe(
        'MULTIPOLYGON (((108 46,108 47,109 46,108 46)),((110 46,110 47,111 46,110 46)))',
      );
      const points = ogrRead('plots.shp.zip', zipStore(layerShapefileFiles(PLOTS)));
      expect(points).toMatchObject({ count: 2, epsg: '4326', geometryType: 'Point' });
      expect(points.features.map((f) => f.wkt)).toEqual(['POINT (106.5 47.5)', 'POINT (106.75 47.125)']);
    },
  );
});
