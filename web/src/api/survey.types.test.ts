import { describe, expect, it } from 'vitest';
import { ShapeError } from './guards.ts';
import { isActive, parseSurvey, parseSurveyList } from './survey.types.ts';

/** A survey as GET /api/surveys/{id} sent it for the shipped sample ortho (trimmed footprint). */
const wire = {
  id: '62332a5b-8942-4101-9755-8d8cc53954fe',
  name: 'Pix4D sample orthomosaic (rio-tiler fixture)',
  date: '2018-08-22',
  kind: 'rgb',
  status: 'ready',
  progress: 100,
  soum: null,
  organisation: { id: 'eab44c17-c25f-49a6-852c-682f5e3be271', name: 'Belcheer' },
  version: 1,
  products: ['rgb'],
  createdAt: '2026-11-25T20:11:44.569Z',
  updatedAt: '2026-11-25T20:11:45.094Z',
  footprint: {
    type: 'MultiPolygon',
    coordinates: [
      [
        [
          [115.16, -8.586],
          [115.162, -8.586],
          [115.16, -8.584],
          [115.16, -8.586],
        ],
      ],
    ],
  },
  bbox: [115.15967088462918, -8.58621283491372, 115.16186621302538, -8.583793013135669],
  crs: {
    epsg: 32750,
    name: 'WGS 84 / UTM zone 50S',
    proj4: '+proj=utm +zone=50 +south +datum=WGS84 +units=m +no_defs',
  },
  gsd: 0.35272000000000003,
  width: 686,
  height: 758,
  bands: ['red', 'green', 'blue', 'alpha'],
  sampleFormat: 'uint8',
  source: {
    filename: 'pix4d_alpha_nodata.tif',
    size: 1531189,
    sha256: 'b5a48e5fb680adb7150f736fa11777cc6697349f7659001bc9768655a135d297',
  },
};

describe('parseSurvey', () => {
  it('reads a ready survey', () => {
    const s = parseSurvey(wire);
    expect(s.status).toBe('ready');
    expect(s.crs?.epsg).toBe(32750);
    expect(s.bbox).toEqual(wire.bbox);
    expect(s.source?.size).toBe(1531189);
    expect(s.error).toBeNull();
  });

  it('turns absent optional fields into null', () => {
    const {
      footprint: _f,
      bbox: _b,
      crs: _c,
      gsd: _g,
      width: _w,
      height: _h,
      bands: _bd,
      source: _s,
      ...created
    } = wire;
    const s = parseSurvey({ ...created, status: 'created', progress: 0 });
    expect([s.footprint, s.bbox, s.crs, s.gsd, s.width, s.bands, s.source]).toEqual([
      null,
      null,
      null,
      null,
      null,
      null,
      null,
    ]);
  });

  it('names the field that is wrong', () => {
    expect(() => parseSurvey({ ...wire, status: 'done' })).toThrow(new ShapeError('survey.status is "done"'));
    expect(() => parseSurvey({ ...wire, bbox: [1, 2, 3] })).toThrow(/survey\.bbox/);
    expect(() => parseSurveyList({ surveys: [wire, { ...wire, progress: '5' }] })).toThrow(
      /surveys\[1\]\.progress/,
    );
  });

  it('polls only statuses that change on their own', () => {
    expect(
      ['created', 'uploading', 'queued', 'processing', 'ready', 'failed'].map((s) => isActive(s as never)),
    ).toEqual([false, true, true, true, false, false]);
  });
});
