import { describe, expect, it } from 'vitest';
import { UnsupportedRasterError } from '../errors.ts';
import { crsFromGeoKeys } from './geo.crs.ts';
import { GeoKey, type GeoKeyValue, parseGeoKeys } from './geo.keys.ts';
import { Tag } from './tiff.tags.ts';

const keys = (entries: Array<[number, GeoKeyValue]>) => new Map<number, GeoKeyValue>(entries);

describe('parseGeoKeys', () => {
  it('resolves inline, double and ASCII values (GeoTIFF §7.1.3)', () => {
    const directory = Float64Array.from([
      1,
      1,
      0,
      3,
      1024,
      0,
      1,
      1,
      3073,
      Tag.GeoAsciiParams,
      22,
      0,
      3081,
      Tag.GeoDoubleParams,
      2,
      1,
    ]);
    const parsed = parseGeoKeys({
      directory,
      doubles: Float64Array.from([9, 1.5, 2.5]),
      ascii: 'WGS 84 / UTM zone 48N|',
    });
    expect(parsed.get(GeoKey.GTModelType)).toBe(1);
    expect(parsed.get(GeoKey.PCSCitation)).toBe('WGS 84 / UTM zone 48N');
    expect(parsed.get(3081)).toEqual([1.5, 2.5]);
  });

  it('refuses a directory shorter than its key count or pointing outside its parameters', () => {
    expect(() =>
      parseGeoKeys({ directory: Float64Array.from([1, 1, 0, 5, 1024, 0, 1, 1]), doubles: null, ascii: null }),
    ).toThrow('GeoKeyDirectory declares 5 keys but holds 1');
    const directory = Float64Array.from([1, 1, 0, 1, 3081, Tag.GeoDoubleParams, 4, 0]);
    expect(() => parseGeoKeys({ directory, doubles: Float64Array.from([1]), ascii: null })).toThrow(
      'GeoKey 3081 points to values 0–4 outside its 1-value tag',
    );
    expect(() =>
      parseGeoKeys({ directory: Float64Array.from([2, 1, 0, 0]), doubles: null, ascii: null }),
    ).toThrow('GeoKeyDirectory version 2');
  });
});

describe('crsFromGeoKeys', () => {
  it('projected and geographic EPSG codes', () => {
    expect(
      crsFromGeoKeys(
        keys([
          [GeoKey.GTModelType, 1],
          [GeoKey.ProjectedCSType, 32648],
        ]),
      ),
    ).toMatchObject({ epsg: 32648, name: 'WGS 84 / UTM zone 48N' });
    expect(
      crsFromGeoKeys(
        keys([
          [GeoKey.GTModelType, 2],
          [GeoKey.GeographicType, 4326],
        ]),
      ),
    ).toMatchObject({ epsg: 4326 });
    expect(crsFromGeoKeys(keys([[GeoKey.ProjectedCSType, 3857]]))).toMatchObject({ epsg: 3857 });
  });

  it('a UTM ProjectionGeoKey over WGS 84 instead of a ProjectedCSType', () => {
    const utm48n = keys([
      [GeoKey.GTModelType, 1],
      [GeoKey.ProjectedCSType, 32767],
      [GeoKey.GeographicType, 4326],
      [GeoKey.Projection, 16048],
    ]);
    const utm50s = keys([
      [GeoKey.GTModelType, 1],
      [GeoKey.GeographicType, 4326],
      [GeoKey.Projection, 16150],
    ]);
    expect(crsFromGeoKeys(utm48n).epsg).toBe(32648);
    expect(crsFromGeoKeys(utm50s).epsg).toBe(32750);
  });

  it('refuses unknown codes, user-defined and geocentric CRSs by name', () => {
    const refuse = (k: Map<number, GeoKeyValue>) => () => crsFromGeoKeys(k);
    expect(
      refuse(
        keys([
          [GeoKey.GTModelType, 1],
          [GeoKey.ProjectedCSType, 2000],
        ]),
      ),
    ).toThrow(UnsupportedRasterError);
    expect(
      refuse(
        keys([
          [GeoKey.GTModelType, 1],
          [GeoKey.ProjectedCSType, 2000],
        ]),
      ),
    ).toThrow(/^CRS EPSG:2000 is not supported/);
    expect(
      refuse(
        keys([
          [GeoKey.GTModelType, 2],
          [GeoKey.GeographicType, 4284],
        ]),
      ),
    ).toThrow(/^CRS EPSG:4284 is not supported/);
    expect(
      refuse(
        keys([
          [GeoKey.GTModelType, 1],
          [GeoKey.ProjectedCSType, 32767],
          [GeoKey.PCSCitation, 'Local grid'],
        ]),
      ),
    ).toThrow(/^user-defined projected CRS "Local grid" is not supported/);
    expect(
      refuse(
        keys([
          [GeoKey.GTModelType, 2],
          [GeoKey.GeographicType, 32767],
        ]),
      ),
    ).toThrow(/^user-defined geographic CRS is not supported/);
    expect(refuse(keys([[GeoKey.GTModelType, 3]]))).toThrow('geocentric CRS is not supported');
    expect(refuse(keys([]))).toThrow('no CRS: GTModelTypeGeoKey is missing');
  });
});
