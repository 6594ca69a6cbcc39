import { describe, expect, it } from 'vitest';
import { hasGdal } from '../testing/gdal.ts';
import { LONG_NOTE, ogrRead, PLOTS, UNITS } from './fixture.layers.ts';
import { geojsonChunks } from './geojson.write.ts';
import { signedArea2 } from './ring.orient.ts';

const text = (chunks: Iterable<string>) => [...chunks].join('');

describe('GeoJSON writer', () => {
  it('writes an RFC 7946 FeatureCollection: no crs, typed properties, outer rings counter-clockwise', () => {
    const doc = JSON.parse(text(geojsonChunks(UNITS)));
    expect(doc.crs).toBeUndefined();
    expect(doc.type).toBe('FeatureCollection');
    expect(doc.features).toHaveLength(2);
    expect(doc.features[0].properties).toEqual({
      name: 'Хаврын "зуслан" & <өвөлжөө>',
      area_ha: 1234.5678,
      version: 3,
      survey_date: '2026-06-15',
      created_at: '2026-06-15T08:30:00.000Z',
      fenced: true,
      notes: LONG_NOTE,
    });
    const [outer, hole] = doc.features[0].geometry.coordinates[0];
    expect(signedArea2(outer)).toBeGreaterThan(0);
    expect(signedArea2(hole)).toBeLessThan(0);
    expect(doc.features[1].properties.area_ha).toBeNull();
  });

  it('keeps a decimal point on whole reals, not on integers', () => {
    const layer = {
      ...UNITS,
      features: [{ ...UNITS.features[0]!, values: ['x', 1200, 3, null, null, null, null] }],
    };
    const text = [...geojsonChunks(layer)].join('');
    expect(text).toContain('"properties":{"name":"x","area_ha":1200.0,"version":3,"survey_date":null,');
  });

  it('writes an empty collection', () => {
    expect(JSON.parse(text(geojsonChunks({ ...PLOTS, features: [] })))).toEqual({
      type: 'FeatureCollection',
      name: 'field_plots',
      features: [],
    });
  });

  it.skipIf(!hasGdal)('is read by OGR with WGS 84 and typed fields', () => {
    const ogr = ogrRead('units.geojson', text(geojsonChunks(UNITS)));
    expect(ogr).toMatchObject({ driver: 'GeoJSON', count: 2, epsg: '4326', geometryType: 'Multi Polygon' });
    expect(ogr.fields).toMatchObject({ area_ha: 'Real', version: 'Integer', fenced: 'Integer(Boolean)' });
  });
});
