import { describe, expect, it } from 'vitest';
import { hasGdal, runOk } from '../testing/gdal.ts';
import { esriWkt } from './esri.prj.ts';

describe('esriWkt', () => {
  it.skipIf(!hasGdal).each([4326, 3857, 32645, 32648, 32650, 32601, 32660, 32748])(
    'EPSG:%i equals gdalsrsinfo -o wkt_esri',
    (epsg) => {
      const gdal = runOk('gdalsrsinfo', ['-o', 'wkt_esri', `EPSG:${epsg}`]).replace(/\s*\n\s*/g, '');
      expect(esriWkt(epsg)).toBe(gdal);
    },
  );

  it('has no WKT for other CRSs', () => {
    expect(esriWkt(28413)).toBeNull();
    expect(esriWkt(null)).toBeNull();
  });
});
