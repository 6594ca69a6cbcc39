import { describe, expect, it } from 'vitest';
import { hasGdal } from '../testing/gdal.ts';
import { csvChunks, csvField } from './csv.write.ts';
import { ogrRead, PLOTS, UNITS } from './fixture.layers.ts';

describe('CSV writer', () => {
  it('quotes by RFC 4180 only when needed', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(null)).toBe('');
    expect(csvField(false)).toBe('false');
  });

  it('starts with the UTF-8 BOM and a header, WKT first (a point has no comma: unquoted), CRLF line ends', () => {
    const text = [...csvChunks(PLOTS)].join('');
    expect(text).toBe(
      '\uFEFFWKT,name,biomass_kg_ha,fresh\r\n' +
        'POINT (106.5 47.5),Талбай 1,812.5,false\r\n' +
        'POINT (106.75 47.125),,,\r\n',
    );
    expect([...new TextEncoder().encode(text).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it.skipIf(!hasGdal)('is read by OGR: WKT geometry, detected types, quotes and Cyrillic intact', () => {
    const text = [...csvChunks(UNITS)].join('');
    const ogr = ogrRead('units.csv', text, ['AUTODETECT_TYPE=YES']);
    expect(ogr).toMatchObject({ driver: 'CSV', count: 2, geometryType: 'Unknown (any)' });
    expect(ogr.fields).toMatchObject({
      name: 'String',
      area_ha: 'Real',
      version: 'Integer',
      survey_date: 'Date',
    });
    expect(ogr.features[0]!.values.name).toBe('Хаврын "зуслан" & <өвөлжөө>');
    expect(ogr.features[1]!.values.name).toBe('Өвөлжөө, 2');
    expect(ogr.features[0]!.wkt).toMatch(/^MULTIPOLYGON \(\(\(106 47,106 48/);
  });
});
