import { describe, expect, it } from 'vitest';
import type { MultiPolygon } from 'geojson';
import type { Survey } from '../api/survey.types.ts';
import {
  DETAIL_PX,
  detailZoom,
  onMap,
  surveyFootprints,
  surveyPoint,
  surveyPoints,
} from './survey.features.ts';

const square: MultiPolygon = {
  type: 'MultiPolygon',
  coordinates: [
    [
      [
        [106.87, 47.83],
        [106.874, 47.83],
        [106.874, 47.834],
        [106.87, 47.834],
        [106.87, 47.83],
      ],
    ],
  ],
};

function survey(over: Partial<Survey>): Survey {
  return {
    id: 'a',
    name: 'n',
    date: '2024-06-01',
    kind: 'rgb',
    status: 'ready',
    progress: 100,
    error: null,
    soum: null,
    organisation: { id: 'o', name: 'O' },
    version: 1,
    footprint: square,
    bbox: [106.87, 47.83, 106.874, 47.834],
    crs: null,
    gsd: 0.05,
    width: 100,
    height: 100,
    bands: null,
    sampleFormat: null,
    products: [],
    source: null,
    createdAt: '',
    updatedAt: '',
    ...over,
  };
}

describe('survey features', () => {
  it('detailZoom: the bbox spans DETAIL_PX pixels of a 512 px world at that zoom', () => {
    // 0.004° of longitude is 0.004 / 360 of the world; hand computation of the zoom.
    const lonFraction = 0.004 / 360;
    const z = detailZoom([106.87, 47.83, 106.874, 47.834]);
    // At 47.8° N the Mercator height of 0.004° of latitude is larger than its width: 1/cos(φ).
    const latFraction = lonFraction / Math.cos((47.832 * Math.PI) / 180);
    expect(z).toBeCloseTo(Math.log2(DETAIL_PX / (Math.max(lonFraction, latFraction) * 512)), 3);
    expect(Math.pow(2, z) * 512 * latFraction).toBeCloseTo(DETAIL_PX, 3);
  });

  it('a survey ten times larger is detailed 3.32 zooms earlier', () => {
    const small = detailZoom([100, 45, 100.01, 45.01]);
    const large = detailZoom([100, 45, 100.1, 45.1]);
    expect(small - large).toBeCloseTo(Math.log2(10), 1);
  });

  it('draws only ready surveys that have a footprint and bbox', () => {
    const list = [
      survey({ id: 'ready' }),
      survey({ id: 'processing', status: 'processing' }),
      survey({ id: 'nofootprint', footprint: null }),
    ];
    expect(onMap(list).map((s) => s.id)).toEqual(['ready']);
    expect(surveyFootprints(list).features.map((f) => f.properties.id)).toEqual(['ready']);
    expect(surveyPoints(list).features).toHaveLength(1);
  });

  it('puts the point inside the footprint', () => {
    const [x, y] = surveyPoint(square);
    expect(x).toBeGreaterThan(106.87);
    expect(x).toBeLessThan(106.874);
    expect(y).toBeGreaterThan(47.83);
    expect(y).toBeLessThan(47.834);
  });
});
