/**
 * Vector tiles `/tiles/{layer}/{z}/{x}/{y}.mvt` (issue 5, acceptance 4): tiles decode with
 * @mapbox/vector-tile and hold the expected features on both backends. Expected features come from the
 * admin-units GeoJSON API and the tile formula written out in the test; on PostgreSQL, every tile is also
 * made both ways — PostGIS ST_AsMVT and the JS cut (geojson-vt + vt-pbf) on the same rows — and compared
 * feature by feature: same ids and properties, bboxes within 2 tile units, areas within 1 %.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../api/src/testing/test.server.ts';
import { createSurvey, orgWithUser, type OrgUser } from '../../api/src/testing/fixtures.ts';
import type { Caller } from '../../api/src/auth/caller.ts';
import { createVectorTileService } from '../../api/src/vector-tiles/vector.tiles.service.ts';
import { waitForSurvey } from '../support/tus.ts';
import { decodeMvt, tileAt, tileBounds, type DecodedFeature } from './mvt.decode.ts';

let s: TestServer;
let alpha: OrgUser;
let beta: OrgUser;
let surveyId: string;
let footprint: { type: string; coordinates: number[][][][] };

/** Selenge aimag (MN43): lon 106°, lat 49.5° lies in tile 6/50/21. */
const SELENGE = { z: 6, x: 50, y: 21 };

beforeAll(async () => {
  s = await startTestServer();
  alpha = await orgWithUser(s, 'Selenge aimag office');
  beta = await orgWithUser(s, 'Dornod aimag office');
  surveyId = await createSurvey(s, alpha.token, { name: 'Alpha footprint' });
  const bytes = await readFile('sample-data/drone/pix4d_alpha_nodata.tif');
  const put = await s.request(`/api/surveys/${surveyId}/imagery`, {
    method: 'PUT',
    token: alpha.token,
    body: bytes,
  });
  expect(put.status).toBe(202);
  const survey = await waitForSurvey(s, alpha.token, surveyId, 120_000);
  expect(survey.status).toBe('ready');
  footprint = survey.footprint as typeof footprint;
}, 180_000);
afterAll(async () => s?.destroy());

async function getTile(path: string, token: string | undefined, headers: Record<string, string> = {}) {
  return s.request(path, { ...(token ? { token } : {}), headers });
}

async function tileBytes(path: string, token: string): Promise<Uint8Array> {
  const res = await getTile(path, token);
  expect(res.status, `${path}: ${res.status}`).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/vnd.mapbox-vector-tile');
  return new Uint8Array(await res.arrayBuffer());
}

/** Centre of the footprint's bbox. */
function footprintCentre(): [number, number] {
  const pts = footprint.coordinates.flat(2);
  const lons = pts.map((p) => p[0]!);
  const lats = pts.map((p) => p[1]!);
  return [(Math.min(...lons) + Math.max(...lons)) / 2, (Math.min(...lats) + Math.max(...lats)) / 2];
}

describe('admin-units tiles', () => {
  it('z=6 over Selenge holds its soums (MN43xx) with names, as the GeoJSON API has them', async () => {
    const { z, x, y } = SELENGE;
    const layers = decodeMvt(await tileBytes(`/tiles/admin-units/${z}/${x}/${y}.mvt`, alpha.token));
    const layer = layers.get('admin-units');
    expect(layer?.extent).toBe(4096);
    expect(layer?.version).toBe(2);
    const features = layer!.features;
    const codes = new Set(features.map((f) => String(f.properties.code)));
    // Every Selenge soum whose bbox overlaps the tile (by the API's bbox filter) is in the tile, or touches
    // it only within the bbox slack; every soum in the tile is one the bbox filter returns.
    const [w, so, e, n] = tileBounds(z, x, y);
    const res = await s.request(`/api/admin-units?level=soum&parent=MN43&bbox=${w},${so},${e},${n}`, {
      token: alpha.token,
    });
    const api = (await res.json()) as {
      features: { id: string; properties: Record<string, string | number | null> }[];
    };
    expect(api.features.length).toBeGreaterThan(5);
    const selenge = features.filter(
      (f) => String(f.properties.code).startsWith('MN43') && f.properties.level === 'soum',
    );
    expect(selenge.length).toBeGreaterThan(5);
    for (const f of selenge) {
      const ref = api.features.find((a) => a.id === f.properties.code);
      expect(ref, `${String(f.properties.code)} from the API`).toBeDefined();
      expect(f.properties.name_en).toBe(ref!.properties.name_en);
      expect(f.properties.name_mn).toBe(ref!.properties.name_mn);
      expect(typeof f.properties.name_mn).toBe('string');
      expect(f.properties.parent_code).toBe('MN43');
      expect(f.properties.area_ha).toBeCloseTo(Number(ref!.properties.area_ha), 1);
      expect(f.id).toBe(Number(String(f.properties.code).slice(2)));
      expect(f.type).toBe(3);
      expect(f.area).toBeGreaterThan(0);
    }
    expect(codes.has('MN43')).toBe(true);
    const sukhbaatar = features.find(
      (f) => f.properties.name_en === 'Sukhbaatar' && f.properties.parent_code === 'MN43',
    );
    expect(sukhbaatar ?? selenge[0]).toBeDefined();
  });

  it('answers 204 for a tile without features, with ETag and a long private Cache-Control', async () => {
    const res = await getTile('/tiles/admin-units/6/0/0.mvt', alpha.token);
    expect(res.status).toBe(204);
    expect((await res.arrayBuffer()).byteLength).toBe(0);
    const full = await getTile(`/tiles/admin-units/${SELENGE.z}/${SELENGE.x}/${SELENGE.y}.mvt`, alpha.token);
    expect(full.status).toBe(200);
    const etag = full.headers.get('etag');
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(full.headers.get('cache-control')).toMatch(/private, max-age=86400/);
    await full.arrayBuffer();
    const again = await getTile(
      `/tiles/admin-units/${SELENGE.z}/${SELENGE.x}/${SELENGE.y}.mvt`,
      alpha.token,
      {
        'if-none-match': etag!,
      },
    );
    expect(again.status).toBe(304);
  });

  it('refuses bad addresses (400, SPEC error shape), unknown layers (404) and anonymous callers (401)', async () => {
    for (const path of [
      '/tiles/admin-units/23/0/0.mvt',
      '/tiles/admin-units/40/0/0.mvt',
      '/tiles/admin-units/6/64/0.mvt',
      '/tiles/admin-units/6/0/64.mvt',
      '/tiles/admin-units/6/-1/0.mvt',
      '/tiles/admin-units/6/1.5/0.mvt',
      '/tiles/admin-units/0/1/0.mvt',
    ]) {
      const res = await getTile(path, alpha.token);
      expect(res.status, path).toBe(400);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(typeof body.error.code).toBe('string');
      expect(body.error.message.length).toBeGreaterThan(0);
    }
    const unknown = await getTile('/tiles/rivers/6/50/21.mvt', alpha.token);
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { message: string } }).error.message).toMatch(/admin-units/);
    const anon = await getTile('/tiles/admin-units/6/50/21.mvt', undefined);
    expect(anon.status).toBe(401);
    expect(((await anon.json()) as { error: { code: string } }).error.code).toBeTruthy();
  });

  it('has a TileJSON 3.0.0 with fields, bounds over Mongolia and zooms', async () => {
    const res = await s.request('/tiles/admin-units/tilejson.json', { token: alpha.token });
    expect(res.status).toBe(200);
    const tj = (await res.json()) as {
      tilejson: string;
      tiles: string[];
      bounds: number[];
      minzoom: number;
      maxzoom: number;
      vector_layers: { id: string; fields: Record<string, string> }[];
    };
    expect(tj.tilejson).toBe('3.0.0');
    expect(tj.tiles[0]).toBe(`${s.url}/tiles/admin-units/{z}/{x}/{y}.mvt`);
    expect(tj.minzoom).toBe(0);
    expect(tj.maxzoom).toBe(22);
    // Mongolia: about 87.7–119.9 °E, 41.6–52.2 °N.
    const [w, so, e, n] = tj.bounds;
    expect(w).toBeGreaterThan(87);
    expect(w).toBeLessThan(88.5);
    expect(e).toBeGreaterThan(119.5);
    expect(e).toBeLessThan(120.5);
    expect(so).toBeGreaterThan(41);
    expect(n).toBeLessThan(52.5);
    expect(tj.vector_layers[0]?.id).toBe('admin-units');
    expect(tj.vector_layers[0]?.fields).toMatchObject({
      code: 'String',
      name_mn: 'String',
      area_ha: 'Number',
    });
  });
});

describe('surveys tiles (footprints)', () => {
  it('shows a ready survey to its organisation only', async () => {
    const [lon, lat] = footprintCentre();
    for (const z of [8, 14, 18]) {
      const { x, y } = tileAt(lon, lat, z);
      const path = `/tiles/surveys/${z}/${x}/${y}.mvt`;
      const mine = decodeMvt(await tileBytes(path, alpha.token)).get('surveys');
      expect(mine?.features.map((f) => f.properties.id)).toEqual([surveyId]);
      const f = mine!.features[0]!;
      expect(f.properties).toMatchObject({ name: 'Alpha footprint', date: '2026-06-15', kind: 'rgb' });
      expect(f.properties.gsd).toBeGreaterThan(0);
      expect(f.area).toBeGreaterThan(0);
      const theirs = await getTile(path, beta.token);
      expect(theirs.status, `${path} for another organisation`).toBe(204);
    }
    const res = await getTile(`/tiles/surveys/${tileAt(lon, lat, 14).z}/0/0.mvt`, alpha.token);
    expect(res.status).toBe(204);
  });

  it('caches footprint tiles briefly and privately; TileJSON bounds hold the footprint', async () => {
    const [lon, lat] = footprintCentre();
    const { z, x, y } = tileAt(lon, lat, 12);
    const res = await getTile(`/tiles/surveys/${z}/${x}/${y}.mvt`, alpha.token);
    expect(res.headers.get('cache-control')).toMatch(/^private, max-age=30/);
    await res.arrayBuffer();
    const tj = (await (await s.request('/tiles/surveys/tilejson.json', { token: alpha.token })).json()) as {
      bounds: number[];
    };
    expect(tj.bounds[0]).toBeLessThanOrEqual(lon);
    expect(tj.bounds[2]).toBeGreaterThanOrEqual(lon);
    const other = (await (await s.request('/tiles/surveys/tilejson.json', { token: beta.token })).json()) as {
      bounds: number[];
    };
    expect(other.bounds[0]).toBe(-180);
  });
});

/** Compares two decoded layers feature by feature; returns the largest differences seen. */
function compareLayers(a: DecodedFeature[], b: DecodedFeature[], key: (f: DecodedFeature) => string) {
  const byKey = new Map(b.map((f) => [key(f), f]));
  expect(a.map(key).sort()).toEqual(b.map(key).sort());
  let bboxDiff = 0;
  let areaRel = 0;
  for (const fa of a) {
    const fb = byKey.get(key(fa))!;
    expect(fa.id).toBe(fb.id);
    expect(fa.type).toBe(fb.type);
    expect(fa.properties).toEqual(fb.properties);
    for (let i = 0; i < 4; i++) bboxDiff = Math.max(bboxDiff, Math.abs(fa.bbox[i]! - fb.bbox[i]!));
    const rel = Math.abs(fa.area - fb.area) / Math.max(Math.abs(fb.area), 1);
    // Snapping moves every vertex by ≤ 0.5 unit: tiny slivers may differ by a few units² in absolute terms.
    if (Math.abs(fa.area - fb.area) > 64) areaRel = Math.max(areaRel, rel);
  }
  return { bboxDiff, areaRel };
}

describe.runIf(process.env.DATABASE_URL)('both backends give the same features (PostgreSQL run)', () => {
  it('PostGIS ST_AsMVT and the JS cut agree on admin units and footprints', async () => {
    const service = createVectorTileService(s.db);
    const caller: Caller = {
      userId: alpha.userId,
      email: 'alpha@test.mn',
      name: 'alpha',
      role: 'agronomist',
      organisationId: alpha.organisationId,
      organisationName: 'Selenge aimag office',
    };
    const [lon, lat] = footprintCentre();
    const cases: [string, { z: number; x: number; y: number }][] = [
      ['admin-units', { z: 0, x: 0, y: 0 }],
      ['admin-units', { z: 3, x: 6, y: 2 }],
      ['admin-units', SELENGE],
      ['admin-units', tileAt(106.2, 50.1, 8)],
      ['admin-units', tileAt(104.0, 49.0, 10)],
      ['admin-units', tileAt(106.9, 47.9, 12)],
      ['admin-units', tileAt(106.2, 50.1, 14)],
      ['admin-units', tileAt(105.95, 50.2, 17)],
      ['surveys', tileAt(lon, lat, 10)],
      ['surveys', tileAt(lon, lat, 16)],
      ['surveys', tileAt(lon, lat, 19)],
    ];
    const report: string[] = [];
    let features = 0;
    for (const [layer, t] of cases) {
      const pg = await service.tile(caller, layer, t, 'postgis');
      const js = await service.tile(caller, layer, t, 'js');
      const a = decodeMvt(pg.bytes).get(layer)?.features ?? [];
      const b = decodeMvt(js.bytes).get(layer)?.features ?? [];
      expect(a.length, `${layer} ${t.z}/${t.x}/${t.y}`).toBeGreaterThan(0);
      const key = (f: DecodedFeature) => String(f.properties.code ?? f.properties.id);
      const { bboxDiff, areaRel } = compareLayers(a, b, key);
      features += a.length;
      report.push(
        `${layer} ${t.z}/${t.x}/${t.y}: ${a.length} features, ${pg.bytes.length} vs ${js.bytes.length} B, ` +
          `max bbox Δ ${bboxDiff} units, max area Δ ${(areaRel * 100).toFixed(3)} %`,
      );
      expect(bboxDiff, `${layer} ${t.z}/${t.x}/${t.y} bbox`).toBeLessThanOrEqual(2);
      expect(areaRel, `${layer} ${t.z}/${t.x}/${t.y} area`).toBeLessThan(0.01);
    }
    console.log(`MVT PostGIS vs JS, ${features} features:\n  ${report.join('\n  ')}`);
  });
});
