import { describe, expect, it } from 'vitest';
import { parsePoint, pointUrl } from './survey.point.ts';
import { legendUrl, parseLegend, tileJsonUrl } from './survey.products.ts';

describe('product URLs', () => {
  it('carries colormap and rescale only when chosen', () => {
    expect(tileJsonUrl('s1', 'ndvi', { colormap: null, range: null })).toBe(
      '/tiles/surveys/s1/ndvi/tilejson.json',
    );
    expect(legendUrl('s1', 'ndvi', { colormap: 'magma', range: [-0.1, 0.8] })).toBe(
      '/tiles/surveys/s1/ndvi/legend.json?colormap=magma&rescale=-0.1%2C0.8',
    );
  });

  it('asks for a point with seven decimals (about 1 cm)', () => {
    expect(pointUrl('s1', 106.91234567, 47.9)).toBe('/api/surveys/s1/point?lon=106.9123457&lat=47.9000000');
  });
});

describe('legend answers', () => {
  it('reads a continuous legend', () => {
    const legend = parseLegend({
      product: 'ndvi',
      title: { mn: 'NDVI', en: 'NDVI' },
      kind: 'continuous',
      colormap: 'rdylgn',
      range: [-0.2, 1],
      stops: [
        { value: -0.2, color: '#a50026' },
        { value: 1, color: '#006837' },
      ],
    });
    expect(legend).toMatchObject({ kind: 'continuous', range: [-0.2, 1], classes: [], unit: null });
    expect(legend.stops).toHaveLength(2);
  });

  it('reads classes with their labels', () => {
    const legend = parseLegend({
      product: 'cover',
      title: { mn: 'Ногоон бүрхэвч', en: 'Green cover' },
      kind: 'classes',
      classes: [{ value: 1, color: '#e5f5e0', label: { mn: '0–10 %', en: '0–10 %' } }],
      unit: '%',
    });
    expect(legend.classes[0]?.label.en).toBe('0–10 %');
    expect(legend.range).toBeNull();
  });

  it('names the field that is wrong', () => {
    expect(() => parseLegend({ product: 'x', title: { mn: 'a', en: 'b' }, kind: 'pie' })).toThrow(
      'legend.kind is "pie"',
    );
    expect(() =>
      parseLegend({ product: 'x', title: { mn: 'a', en: 'b' }, kind: 'continuous', range: [1] }),
    ).toThrow('legend.range is not two numbers');
  });
});

describe('point answers', () => {
  it('keeps band and index order and null values', () => {
    const point = parsePoint({
      lon: 106.9,
      lat: 47.9,
      inside: true,
      pixel: { x: 12, y: 40 },
      bands: { red: 120, green: 140, blue: 90 },
      indices: { vari: 0.1176, ndvi: null },
      cover: { index: 'exg', threshold: 0.05, green: null },
    });
    expect(point.bands).toEqual([
      ['red', 120],
      ['green', 140],
      ['blue', 90],
    ]);
    expect(point.indices).toEqual([
      ['vari', 0.1176],
      ['ndvi', null],
    ]);
    expect(point.cover).toEqual({ index: 'exg', threshold: 0.05, green: null });
  });

  it('reads a point outside the survey', () => {
    const point = parsePoint({
      lon: 1,
      lat: 2,
      inside: false,
      pixel: null,
      bands: {},
      indices: {},
      cover: null,
    });
    expect(point).toMatchObject({ inside: false, pixel: null, bands: [], cover: null });
  });

  it('refuses a value that is not a number', () => {
    expect(() =>
      parsePoint({ lon: 1, lat: 2, inside: true, pixel: null, bands: { red: 'x' }, indices: {} }),
    ).toThrow('point.bands.red is not a number or null');
  });
});
