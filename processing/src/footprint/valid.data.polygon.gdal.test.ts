/**
 * validDataPolygon and simplifyPolygon judged by GDAL and shapely on the Pix4D orthomosaic
 * sample-data/drone/pix4d_alpha_nodata.tif (686×758 px RGBA, UTM 50S; band 4 is the alpha mask; a copy of
 * ../shared/data/drone/pix4d_alpha_nodata.tif, origin in sample-data/README.md):
 * rasterio reads the alpha band, gdal_polygonize.py (4-connected) traces it independently, and
 * shapely checks validity, areas, the symmetric difference and the Hausdorff distance.
 * Random masks stress the diagonal contacts that naive pixel tracing gets wrong.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MultiPolygon } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Crs } from '../raster/types.ts';
import { groundSampleDistance } from './ground.sample.distance.ts';
import { footprintTolerance, simplifyPolygon } from './simplify.polygon.ts';
import { hasGdal } from '../testing/gdal.ts';
import { hausdorff, judge, type Judgement, type MaskRead, polygonize, readBand } from './testing/gdal.ts';
import { validDataPolygon } from './valid.data.polygon.ts';

const ORTHO = fileURLToPath(new URL('../../../sample-data/drone/pix4d_alpha_nodata.tif', import.meta.url));
const ALPHA = 4;
const KEEP_ALL = { minPolygonPixels: 1, minHolePixels: 1 };

describe.skipIf(!hasGdal)('validDataPolygon against gdal_polygonize.py and shapely', () => {
  let dir = '';
  const at = (name: string): string => join(dir, name);
  let read: MaskRead;
  let traced: MultiPolygon;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'footprint-'));
    read = readBand(ORTHO, ALPHA, at('alpha.bin'));
    const alpha = new Uint8Array(readFileSync(at('alpha.bin')));
    polygonize(ORTHO, ALPHA, at('gdal.geojson'));
    traced = validDataPolygon(alpha, read.width, read.height, read.transform, KEEP_ALL);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('covers exactly the area gdal_polygonize.py gives the alpha = 255 pixels, and is valid', () => {
    const [j] = judge([traced], at('ours.json'), { path: at('gdal.geojson'), value: 255 }) as [Judgement];
    expect(j.reason).toBe('Valid Geometry');
    expect(j.valid).toBe(true);
    const gdalArea = j.gdalArea as number;
    expect(gdalArea).toBeGreaterThan(0);
    expect(Math.abs(j.area - gdalArea) / gdalArea).toBeLessThan(1e-6);
    expect((j.symmetricDifference as number) / gdalArea).toBeLessThan(1e-6);
    // 455 325 valid pixels of 0.35272 m.
    expect(j.area / (0.35272 * 0.35272)).toBeCloseTo(455_325, 0);
  });

  it('stays valid and within the tolerance when simplified at 2 pixels', () => {
    const tolerance = footprintTolerance(read.transform);
    expect(tolerance).toBeCloseTo(2 * 0.35272, 12);
    const simplified = simplifyPolygon(traced, tolerance);
    const [before, after] = judge([traced, simplified], at('simplified.json')) as [Judgement, Judgement];
    expect(after.reason).toBe('Valid Geometry');
    expect(Math.abs(after.area - before.area) / before.area).toBeLessThan(0.01);
    const vertices = (mp: MultiPolygon): number => mp.coordinates.flat(2).length;
    expect(vertices(simplified)).toBeLessThan(vertices(traced) / 4);
    expect(hausdorff(traced, simplified, at('a.geojson'), at('b.geojson'))).toBeLessThanOrEqual(
      tolerance * (1 + 1e-9),
    );
  });

  it('has the GSD that gdalinfo reports for the orthomosaic (0.35272 m pixels in UTM 50S)', () => {
    const utm50s: Crs = {
      epsg: 32750,
      name: 'WGS 84 / UTM zone 50S',
      proj4: '+proj=utm +zone=50 +south +datum=WGS84 +units=m +no_defs',
    };
    expect(groundSampleDistance(read.transform, utm50s, read.width, read.height)).toBeCloseTo(0.35272, 12);
  });

  it('gives valid polygons of the right area for random masks, before and after simplification', () => {
    let seed = 12345;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const width = 40;
    const height = 30;
    const densities = [0.3, 0.5, 0.7];
    const masks = densities.map((density) =>
      Uint8Array.from({ length: width * height }, () => (random() < density ? 255 : 0)),
    );
    const traced = masks.map((mask) =>
      validDataPolygon(mask, width, height, [400000, 2, 0, 5300000, 0, -2], KEEP_ALL),
    );
    const judged = judge([...traced, ...traced.map((t) => simplifyPolygon(t, 3))], at('random.json'));
    masks.forEach((mask, i) => {
      const valid = mask.reduce((n, v) => n + (v === 255 ? 1 : 0), 0);
      expect(judged[i]?.reason).toBe('Valid Geometry');
      expect(judged[i]?.area).toBeCloseTo(valid * 4, 6);
      expect(judged[i + masks.length]?.reason).toBe('Valid Geometry');
    });
  });
});
