import { describe, expect, it } from 'vitest';
import { hasGdal } from '../testing/gdal.ts';
import { ogrRead, PLOTS, UNITS } from './fixture.layers.ts';
import { kmlChunks } from './kml.write.ts';
import { xmlEscape } from '../text/xml.escape.ts';

describe('KML writer', () => {
  it('escapes XML and drops characters XML 1.0 forbids', () => {
    expect(xmlEscape(`<a href="x">'&'</a>\u0001`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;',
    );
  });

  it('writes a typed Schema, the name as <name>, holes as innerBoundaryIs, nulls left out', () => {
    const text = [...kmlChunks(UNITS)].join('');
    expect(text).toContain(
      '<Schema name="pasture_units" id="pasture_units"><SimpleField name="area_ha" type="double"/>' +
        '<SimpleField name="version" type="int"/><SimpleField name="survey_date" type="string"/>',
    );
    expect(text).toContain('<name>Хаврын &quot;зуслан&quot; &amp; &lt;өвөлжөө&gt;</name>');
    expect(text).toContain(
      '<innerBoundaryIs><LinearRing><coordinates>106.25,47.25 106.75,47.25 106.75,47.75 106.25,47.75 106.25,47.25',
    );
    // feature 2: area_ha, survey_date, notes null → no SimpleData for them
    const second = text.split('<Placemark>')[2]!;
    expect(second).not.toContain('name="area_ha"');
    expect(second).toContain('<SimpleData name="fenced">false</SimpleData>');
  });

  it.skipIf(!hasGdal)('is read by OGR (LIBKML): names, typed fields, polygons with holes, points', () => {
    const ogr = ogrRead('units.kml', [...kmlChunks(UNITS)].join(''));
    expect(ogr.count).toBe(2);
    expect(ogr.epsg).toBe('4326');
    expect(ogr.fields).toMatchObject({ area_ha: 'Real', version: 'Integer', notes: 'String' });
    expect(ogr.features[0]!.values).toMatchObject({ area_ha: 1234.5678, version: 3 });
    expect(Object.values(ogr.features[0]!.values)).toContain('Хаврын "зуслан" & <өвөлжөө>');
    expect(ogr.features[0]!.wkt).toContain(
      '(106.25 47.25,106.75 47.25,106.75 47.75,106.25 47.75,106.25 47.25)',
    );
    const points = ogrRead('plots.kml', [...kmlChunks(PLOTS)].join(''));
    expect(points.features.map((f) => f.wkt)).toEqual(['POINT (106.5 47.5)', 'POINT (106.75 47.125)']);
  });
});
