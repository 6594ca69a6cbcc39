/**
 * POST /api/statistics (issue 6; SPEC §3) on the sample Pix4D ortho (UTM 50S, RGBA) uploaded and
 * processed: results equal ../shared/peers/zonal-reference.py (rasterio) run on the uploaded file, for
 * polygons whose pixel bounds fall on .25 (left, top) and .3 (right, bottom) of a pixel, so the peer's
 * rounded window (floor(offset + 0.001), floor(length + 0.5)) holds every pixel whose centre is inside; input order, ids and properties kept; count 0 and nulls outside; coverage
 * mode, overview and histogram; every bad input of acceptance 5 → 400 (or 404) with the SPEC error.
 */
import { execFile, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../api/src/testing/test.server.ts';
import { createSurvey, orgWithUser, type OrgUser } from '../../api/src/testing/fixtures.ts';
import { waitForSurvey } from '../support/tus.ts';
import { PEERS, PYTHON, relClose } from '../analysis/zonal.peer.ts';

const SAMPLE = 'sample-data/drone/pix4d_alpha_nodata.tif';
const hasPeer = spawnSync(PYTHON, ['-c', 'import rasterio, shapely']).status === 0;
const exec = promisify(execFile);

let s: TestServer;
let user: OrgUser;
let other: OrgUser;
let id: string;
let pending: string;
let dir: string;

type Ring = number[][];
interface Stats {
  count: number;
  area_ha: number;
  mean: number | null;
  std: number | null;
  min: number | null;
  max: number | null;
  p10: number | null;
  p50: number | null;
  p90: number | null;
  histogram: { bins: number; min: number; max: number; counts: number[] } | null;
}
interface OutFeature {
  id?: string | number;
  properties: Record<string, unknown> & { stats: Stats };
}

/** Pixel (col, row) rings of the sample → lon/lat, by rasterio (the file's own transform and PROJ). */
async function lonLat(rings: Ring[][]): Promise<Ring[][]> {
  const script = `
import json, sys, rasterio
from rasterio.warp import transform
rings = json.loads(sys.argv[2])
with rasterio.open(sys.argv[1]) as d:
    out = []
    for poly in rings:
        p = []
        for ring in poly:
            xs, ys = zip(*[d.transform * (c, r) for c, r in ring])
            lon, lat = transform(d.crs, "EPSG:4326", xs, ys)
            p.append([[a, b] for a, b in zip(lon, lat)])
        out.append(p)
print(json.dumps(out))`;
  const { stdout } = await exec(PYTHON, ['-c', script, SAMPLE, JSON.stringify(rings)]);
  return JSON.parse(stdout) as Ring[][];
}

const post = (body: unknown, token = user.token) =>
  s.request('/api/statistics', {
    method: 'POST',
    token,
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json' },
  });

async function features(body: unknown): Promise<OutFeature[]> {
  const res = await post(body);
  const json = (await res.json()) as { features: OutFeature[] };
  expect(res.status, JSON.stringify(json)).toBe(200);
  return json.features;
}

// Bounds of each polygon fall on .25 (left/top) and .3 (right/bottom) of a pixel.
const QUAD: Ring = [
  [100.25, 300.6],
  [300.1, 120.25],
  [420.3, 330.3],
  [250.4, 500.3],
  [100.25, 300.6],
];
const HOLED: Ring[] = [
  [
    [400.25, 400.25],
    [600.3, 400.25],
    [600.3, 700.3],
    [400.25, 700.3],
    [400.25, 400.25],
  ],
  [
    [450.3, 450.3],
    [450.3, 600.3],
    [550.3, 600.3],
    [450.3, 450.3],
  ],
];
const OUTSIDE: Ring = [
  [2000, 2000],
  [2100, 2000],
  [2100, 2100],
  [2000, 2000],
];

let geo: Ring[][];
const fc = () => ({
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      id: 'a',
      properties: { name: 'quad' },
      geometry: { type: 'Polygon', coordinates: geo[0] },
    },
    {
      type: 'Feature',
      id: 7,
      properties: { name: 'holed' },
      geometry: { type: 'Polygon', coordinates: geo[1] },
    },
    { type: 'Feature', properties: { name: 'outside' }, geometry: { type: 'Polygon', coordinates: geo[2] } },
  ],
});

beforeAll(async () => {
  s = await startTestServer();
  user = await orgWithUser(s, 'Govi-Altai office');
  other = await orgWithUser(s, 'Khovd office');
  id = await createSurvey(s, user.token, { name: 'statistics' });
  pending = await createSurvey(s, user.token, { name: 'not processed' });
  const put = await s.request(`/api/surveys/${id}/imagery`, {
    method: 'PUT',
    token: user.token,
    body: await readFile(SAMPLE),
  });
  expect(put.status).toBe(202);
  expect((await waitForSurvey(s, user.token, id, 120_000)).status).toBe('ready');
  dir = await mkdtemp(path.join(tmpdir(), 'belcheer-stats-'));
  if (hasPeer) geo = await lonLat([[QUAD], HOLED, [OUTSIDE]]);
}, 180_000);
afterAll(async () => {
  await s?.destroy();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe.skipIf(!hasPeer)('POST /api/statistics', () => {
  it.each(['vari', 'b1', 'green'])(
    'equals zonal-reference.py for %s, in input order with ids and properties',
    async (product) => {
      const out = await features({ survey: id, product, featureCollection: fc() });
      expect(out.map((f) => [f.id, f.properties['name']])).toEqual([
        ['a', 'quad'],
        [7, 'holed'],
        [undefined, 'outside'],
      ]);
      const polygons = path.join(dir, `${product}.geojson`);
      await writeFile(polygons, JSON.stringify({ ...fc(), features: fc().features.slice(0, 2) }));
      const expr = product === 'green' ? 'b2' : product;
      const { stdout } = await exec(PYTHON, [`${PEERS}zonal-reference.py`, SAMPLE, polygons, '--expr', expr]);
      const peer = stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { count: number; mean: number; min: number; max: number; std: number });
      peer.forEach((p, i) => {
        const o = out[i]!.properties.stats;
        expect(o.count).toBe(p.count);
        expect(p.count).toBeGreaterThan(1000);
        for (const k of ['mean', 'min', 'max', 'std'] as const)
          expect(relClose(o[k], p[k], 1e-9), `${k} ${o[k]} vs ${p[k]}`).toBe(true);
        // 0.35272 m pixels (gdalinfo prints the size to 1e-15)
        expect(relClose(o.area_ha, (p.count * 0.35272 * 0.35272) / 10_000, 1e-9)).toBe(true);
      });
      const { count, area_ha, ...rest } = out[2]!.properties.stats;
      expect([count, area_ha]).toEqual([0, 0]);
      expect(Object.keys(rest).sort()).toEqual([
        'histogram',
        'max',
        'mean',
        'min',
        'p10',
        'p50',
        'p90',
        'std',
      ]);
      expect(Object.values(rest).every((v) => v === null)).toBe(true);
    },
  );

  it('coverage mode, an overview and a fixed histogram', async () => {
    const geometry = { type: 'Polygon', coordinates: geo[0] };
    const [centre] = await features({
      survey: id,
      product: 'b1',
      geometry,
      histogram: { bins: 4, min: 0, max: 256 },
    });
    const c = centre!.properties.stats;
    expect(c.histogram!.counts.reduce((a, b) => a + b, 0)).toBe(c.count);
    expect(c.histogram).toMatchObject({ bins: 4, min: 0, max: 256 });
    expect(c.p10! <= c.p50! && c.p50! <= c.p90!).toBe(true);
    const [covered] = await features({ survey: id, product: 'b1', geometry, mode: 'coverage' });
    const w = covered!.properties.stats;
    expect(w.count).toBeGreaterThan(c.count);
    expect(Math.abs(w.area_ha - c.area_ha) / c.area_ha).toBeLessThan(0.01);
    const [half] = await features({ survey: id, product: 'b1', geometry, overview: 1 });
    expect(half!.properties.stats.count / c.count).toBeGreaterThan(0.2);
    expect(half!.properties.stats.count / c.count).toBeLessThan(0.3);
  });

  it('gives only the statistics listed in stats (count and area always), equal to zonal-reference.py', async () => {
    const polygons = path.join(dir, 'stats.geojson');
    await writeFile(polygons, JSON.stringify({ ...fc(), features: fc().features.slice(0, 2) }));
    const { stdout } = await exec(PYTHON, [`${PEERS}zonal-reference.py`, SAMPLE, polygons, '--expr', 'vari']);
    const peer = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { count: number; mean: number; std: number });
    for (const mode of ['centre', 'coverage']) {
      const stats = ['mean', 'std'];
      const out = await features({ survey: id, product: 'vari', featureCollection: fc(), mode, stats });
      const all = await features({ survey: id, product: 'vari', featureCollection: fc(), mode });
      out.forEach((f, i) => {
        const o = f.properties.stats;
        const full = all[i]!.properties.stats;
        expect(o).toEqual({
          ...full,
          min: null,
          max: null,
          p10: null,
          p50: null,
          p90: null,
          histogram: null,
        });
        if (mode === 'centre' && i < 2) {
          expect(o.count).toBe(peer[i]!.count);
          expect(relClose(o.mean, peer[i]!.mean, 1e-9) && relClose(o.std, peer[i]!.std, 1e-9)).toBe(true);
        }
      });
    }
  });
});

describe.skipIf(!hasPeer)('POST /api/statistics on the thread pool', () => {
  it('answers 120 features (a request for the pool) as zonal-reference.py does, in input order, twice', async () => {
    // 12 × 10 squares of 30 px, bounds on .25 / .3 of a pixel as above.
    const squares: Ring[][] = [];
    for (let r = 0; r < 10; r++) {
      for (let c = 0; c < 12; c++) {
        const [x0, y0, x1, y1] = [50 * c + 20.25, 60 * r + 20.25, 50 * c + 50.3, 60 * r + 50.3];
        squares.push([
          [
            [x0, y0],
            [x1, y0],
            [x1, y1],
            [x0, y1],
            [x0, y0],
          ],
        ]);
      }
    }
    const rings = await lonLat(squares);
    const many = {
      type: 'FeatureCollection',
      features: rings.map((coordinates, i) => ({
        type: 'Feature',
        id: i,
        properties: {},
        geometry: { type: 'Polygon', coordinates },
      })),
    };
    const polygons = path.join(dir, 'many.geojson');
    await writeFile(polygons, JSON.stringify(many));
    const { stdout } = await exec(PYTHON, [`${PEERS}zonal-reference.py`, SAMPLE, polygons, '--expr', 'vari']);
    const peer = stdout
      .trim()
      .split('\n')
      .map(
        (l) => JSON.parse(l) as { count: number; mean?: number; min?: number; max?: number; std?: number },
      );
    for (const stats of [undefined, ['count', 'mean', 'min', 'max', 'std']]) {
      const out = await features({ survey: id, product: 'vari', featureCollection: many, stats });
      expect(out.map((f) => f.id)).toEqual(many.features.map((f) => f.id));
      expect(peer.filter((p) => p.count > 0).length).toBeGreaterThan(60);
      peer.forEach((p, i) => {
        const o = out[i]!.properties.stats;
        expect(o.count).toBe(p.count);
        for (const k of ['mean', 'min', 'max', 'std'] as const)
          expect(relClose(o[k], p[k], 1e-9), `${i} ${k} ${o[k]} vs ${p[k]}`).toBe(true);
      });
    }
    // A product the survey lacks is refused before any thread runs.
    const res = await post({ survey: id, product: 'ndvi', featureCollection: many });
    expect(res.status).toBe(400);
  });
});

describe('POST /api/statistics refusals', () => {
  const square = [
    [100, -10],
    [100.001, -10],
    [100.001, -9.999],
    [100, -9.999],
    [100, -10],
  ];
  async function refused(body: unknown, status = 400, token = user.token) {
    const res = await post(body, token);
    const json = (await res.json()) as { error: { code: string; message: string; details?: unknown } };
    expect(res.status, JSON.stringify(json)).toBe(status);
    expect(json.error.code).toBeTypeOf('string');
    return json.error;
  }

  it('refuses an unknown statistic and an empty stats list', async () => {
    const body = { survey: id, product: 'b1', geometry: { type: 'Polygon', coordinates: [square] } };
    await refused({ ...body, stats: ['mean', 'median'] });
    await refused({ ...body, stats: [] });
  });

  it('reports a self-intersecting polygon with its location', async () => {
    const bowtie = [
      [100, -10],
      [100.001, -9.999],
      [100.001, -10],
      [100, -9.999],
      [100, -10],
    ];
    const e = await refused({
      survey: id,
      product: 'b1',
      geometry: { type: 'Polygon', coordinates: [bowtie] },
    });
    expect(e.message).toMatch(
      /feature 0, ring 0: self-intersection at \(100\.0005, -9\.999\d+\) between edges 0 and 2/,
    );
    expect(e.details).toMatchObject({ reason: 'self_intersection' });
    const [x, y] = (e.details as { location: number[] }).location;
    expect([x, y].map((v) => v!.toFixed(6))).toEqual(['100.000500', '-9.999500']);
  });

  it('refuses a CRS it cannot resolve, out-of-range coordinates and 6,000 features', async () => {
    const geometry = { type: 'Polygon', coordinates: [square] };
    const crs = await refused({
      survey: id,
      product: 'b1',
      geometry,
      crs: { type: 'name', properties: { name: 'EPSG:9999' } },
    });
    expect(crs.message).toMatch(/EPSG:9999.*cannot be resolved/);
    const range = await refused({
      survey: id,
      product: 'b1',
      geometry: { type: 'Polygon', coordinates: [square.map(([x, y]) => [x! + 100, y!])] },
    });
    expect(range.message).toMatch(/coordinate \(200, -10\) is outside/);
    const many = Array.from({ length: 6000 }, () => ({ type: 'Feature', properties: {}, geometry }));
    const big = await refused({
      survey: id,
      product: 'b1',
      featureCollection: { type: 'FeatureCollection', features: many },
    });
    expect(big.message).toMatch(/6000 features: at most 5000/);
  });

  it('refuses products the survey does not have and a missing overview', async () => {
    const geometry = { type: 'Polygon', coordinates: [square] };
    expect((await refused({ survey: id, product: 'ndvi', geometry })).message).toMatch(
      /ndvi needs the nir band/,
    );
    expect((await refused({ survey: id, product: 'rgb', geometry })).message).toMatch(/not a scalar/);
    expect((await refused({ survey: id, product: 'b9', geometry })).message).toMatch(/band 9 of 4/);
    expect((await refused({ survey: id, product: 'b1', geometry, overview: 30 })).message).toMatch(
      /level 30 of/,
    );
    expect((await refused({ survey: id, product: 'b1' })).message).toMatch(
      /exactly one of geometry and featureCollection/,
    );
  });

  it('answers 404 for another organisation and for a survey not processed', async () => {
    const geometry = { type: 'Polygon', coordinates: [square] };
    await refused({ survey: id, product: 'b1', geometry }, 404, other.token);
    await refused({ survey: pending, product: 'b1', geometry }, 404);
  });
});
