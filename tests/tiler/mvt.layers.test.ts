/**
 * The organisation vector layers `pasture-units`, `field-plots` and `results` (issue 5 / issue 7):
 * units created through the API, plots and results inserted by SQL; tiles decoded with
 * @mapbox/vector-tile. Expected ids and properties are the rows the test wrote; expected positions
 * come from the Web Mercator tile formula written out in `mvt.decode.ts`. Another organisation sees
 * none of them; deleted rows are not drawn. On PostgreSQL each tile is also made both ways (PostGIS
 * ST_AsMVT and the JS cut) and compared feature by feature.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../api/src/testing/test.server.ts';
import { createSurvey, orgWithUser, type OrgUser } from '../../api/src/testing/fixtures.ts';
import type { Caller } from '../../api/src/auth/caller.ts';
import { createVectorTileService } from '../../api/src/vector-tiles/vector.tiles.service.ts';
import { decodeMvt, tileAt, tileBounds, type DecodedFeature } from './mvt.decode.ts';
import { lonLatRect } from '../support/lonlat.rect.ts';

let s: TestServer;
let alpha: OrgUser;
let beta: OrgUser;
let gamma: OrgUser;

/** The z14 tile holding (106.905, 47.905); units and plots are placed inside it. */
const T = tileAt(106.905, 47.905, 14);
const [W, S, E, N] = tileBounds(T.z, T.x, T.y);
/** Lon/lat at fractions (fx from the west, fy from the south) of the tile. */
const at = (fx: number, fy: number): [number, number] => [W + fx * (E - W), S + fy * (N - S)];

/** Tile units of a lon/lat in tile T (x from the west edge, y down from the north edge), by the formula. */
function tileUnits(lon: number, lat: number): [number, number] {
  const n = 2 ** T.z;
  const phi = (lat * Math.PI) / 180;
  const x = ((lon + 180) / 360) * n - T.x;
  const y = ((1 - Math.log(Math.tan(phi) + 1 / Math.cos(phi)) / Math.PI) / 2) * n - T.y;
  return [x * 4096, y * 4096];
}

function box(fw: number, fs: number, fe: number, fn: number) {
  return lonLatRect(...at(fw, fs), ...at(fe, fn));
}

interface Unit {
  id: string;
  area_ha: number;
  geometry: ReturnType<typeof box>;
  name: string;
}

async function createUnit(user: OrgUser, name: string, geometry: ReturnType<typeof box>, extra = {}) {
  const res = await s.request('/api/pasture-units', {
    method: 'POST',
    token: user.token,
    json: {
      type: 'Feature',
      geometry,
      properties: { name, soum: 'MN4304', season: 'winter', use: 'pasture', ...extra },
    },
  });
  expect(res.status, await res.clone().text()).toBe(201);
  const f = (await res.json()) as { id: string; properties: { area_ha: number } };
  return { id: f.id, area_ha: f.properties.area_ha, geometry, name, etag: res.headers.get('etag')! };
}

let units: Unit[];
let deletedUnit: Unit;
let betaUnit: Unit;
let surveyId: string;
const plots = [
  { id: '00000000-0000-4000-8000-000000000001', fx: 0.25, fy: 0.5, biomass: 812.5, cover: 41, height: 6.5 },
  { id: '00000000-0000-4000-8000-000000000002', fx: 0.75, fy: 0.25, biomass: 0, cover: 3, height: 0 },
];
const deletedPlot = '00000000-0000-4000-8000-000000000003';
const betaPlot = '00000000-0000-4000-8000-000000000004';

beforeAll(async () => {
  s = await startTestServer({ env: { WORKERS: '0' } });
  alpha = await orgWithUser(s, 'Tuv land office', 'land_officer');
  beta = await orgWithUser(s, 'Khentii land office', 'land_officer');
  gamma = await orgWithUser(s, 'Dornod land office', 'land_officer');
  const u1 = await createUnit(alpha, 'Өвөлжөө A', box(0.1, 0.1, 0.45, 0.4));
  const u2 = await createUnit(alpha, 'Зуслан B', box(0.55, 0.5, 0.9, 0.9), {
    season: 'summer',
    use: 'hayfield',
  });
  const gone = await createUnit(alpha, 'Deleted C', box(0.1, 0.6, 0.3, 0.8));
  const del = await s.request(`/api/pasture-units/${gone.id}`, {
    method: 'DELETE',
    token: alpha.token,
    headers: { 'if-match': gone.etag },
  });
  expect(del.status).toBe(204);
  units = [u1, u2];
  deletedUnit = gone;
  betaUnit = await createUnit(beta, 'Beta D', box(0.2, 0.2, 0.6, 0.6));
  surveyId = await createSurvey(s, alpha.token, { name: 'Tile survey' });
  for (const p of plots) {
    const [lon, lat] = at(p.fx, p.fy);
    await s.db.query(
      `INSERT INTO field_plots (id, organisation_id, survey_id, plot_date, geom, biomass_kg_ha, cover_pct, height_cm)
       VALUES ($1, $2, $3, '2026-07-01', ST_SetSRID(ST_MakePoint($4, $5), 4326), $6, $7, $8)`,
      [p.id, alpha.organisationId, surveyId, lon, lat, p.biomass, p.cover, p.height],
    );
  }
  const [lon, lat] = at(0.5, 0.5);
  for (const [id, org, deleted] of [
    [deletedPlot, alpha.organisationId, true],
    [betaPlot, beta.organisationId, false],
  ] as const) {
    await s.db.query(
      `INSERT INTO field_plots (id, organisation_id, plot_date, geom, deleted_at)
       VALUES ($1, $2, '2026-07-02', ST_SetSRID(ST_MakePoint($3, $4), 4326), CASE WHEN $5 THEN now() END)`,
      [id, org, lon, lat, deleted],
    );
  }
  await s.db.query(
    `INSERT INTO results (survey_id, unit_id, survey_version, unit_version, organisation_id, product, stats,
                          coverage_pct, cover_pct, biomass_kg_ha, recovery_class, capacity_su)
     VALUES ($1, $2, 1, 1, $3, 'ndvi', '{"mean": 0.4125, "count": 10}', 97.5, 38.25, 640, 'III', 12.5),
            ($1, $4, 1, 1, $3, 'ndvi', '{"mean": 0.61, "count": 10}', 100, 55, NULL, NULL, NULL)`,
    [surveyId, units[0]!.id, alpha.organisationId, deletedUnit.id],
  );
}, 180_000);
afterAll(async () => s?.destroy());

const path = (layer: string) => `/tiles/${layer}/${T.z}/${T.x}/${T.y}.mvt`;

async function features(layer: string, user: OrgUser): Promise<DecodedFeature[] | null> {
  const res = await s.request(path(layer), { token: user.token });
  if (res.status === 204) return null;
  expect(res.status).toBe(200);
  expect(res.headers.get('cache-control')).toMatch(/^private, max-age=30/);
  const layers = decodeMvt(new Uint8Array(await res.arrayBuffer()));
  expect([...layers.keys()]).toEqual([layer]);
  return layers.get(layer)!.features;
}

/** Expected bbox (tile units) of a box geometry, by the formula. */
function expectedBbox(g: ReturnType<typeof box>): [number, number, number, number] {
  const ring = g.coordinates[0]!;
  const [x0, y0] = tileUnits(ring[0]![0]!, ring[2]![1]!);
  const [x1, y1] = tileUnits(ring[2]![0]!, ring[0]![1]!);
  return [x0, y0, x1, y1];
}

describe('pasture-units layer', () => {
  it('draws the organisation’s units (not the deleted one) with their properties where the formula puts them', async () => {
    const got = (await features('pasture-units', alpha))!;
    expect(got.map((f) => f.properties.id).sort()).toEqual(units.map((u) => u.id).sort());
    for (const u of units) {
      const f = got.find((x) => x.properties.id === u.id)!;
      expect(f.type).toBe(3);
      expect(f.properties).toEqual({
        id: u.id,
        name: u.name,
        soum: 'MN4304',
        season: u === units[0] ? 'winter' : 'summer',
        use: u === units[0] ? 'pasture' : 'hayfield',
        area_ha: u.area_ha,
        version: 1,
      });
      const want = expectedBbox(u.geometry);
      for (let i = 0; i < 4; i++) expect(Math.abs(f.bbox[i]! - want[i]!), `bbox ${i}`).toBeLessThanOrEqual(1);
      expect(f.area).toBeGreaterThan(0);
    }
  });

  it('shows an edit in the next tile at once, though tiles are cached for 30 s', async () => {
    const before = (await features('pasture-units', alpha))!;
    const u = units[1]!;
    const current = await s.request(`/api/pasture-units/${u.id}`, { token: alpha.token });
    const res = await s.request(`/api/pasture-units/${u.id}`, {
      method: 'PATCH',
      token: alpha.token,
      headers: { 'if-match': current.headers.get('etag')! },
      json: { type: 'Feature', properties: { name: 'Зуслан B2' } },
    });
    expect(res.status).toBe(200);
    const after = (await features('pasture-units', alpha))!;
    expect(before.find((f) => f.properties.id === u.id)?.properties).toMatchObject({
      name: u.name,
      version: 1,
    });
    expect(after.find((f) => f.properties.id === u.id)?.properties).toMatchObject({
      name: 'Зуслан B2',
      version: 2,
    });
    u.name = 'Зуслан B2';
  });

  it('shows another organisation only its own units, and a third one nothing (204)', async () => {
    const theirs = (await features('pasture-units', beta))!;
    expect(theirs.map((f) => f.properties.id)).toEqual([betaUnit.id]);
    expect(await features('pasture-units', gamma)).toBeNull();
  });

  it('has a TileJSON whose bounds hold the organisation’s units', async () => {
    const res = await s.request('/tiles/pasture-units/tilejson.json', { token: alpha.token });
    expect(res.status).toBe(200);
    const tj = (await res.json()) as { bounds: number[]; vector_layers: { id: string; fields: object }[] };
    expect(tj.vector_layers[0]).toMatchObject({
      id: 'pasture-units',
      fields: { area_ha: 'Number', soum: 'String' },
    });
    const [w, so] = at(0.1, 0.1);
    const [e, n] = at(0.9, 0.9);
    expect(tj.bounds[0]).toBeCloseTo(w, 9);
    expect(tj.bounds[1]).toBeCloseTo(so, 9);
    expect(tj.bounds[2]).toBeCloseTo(e, 9);
    expect(tj.bounds[3]).toBeCloseTo(n, 9);
  });
});

describe('field-plots layer', () => {
  it('draws the organisation’s plots as points with their numbers; not deleted ones, not others’', async () => {
    const got = (await features('field-plots', alpha))!;
    expect(got.map((f) => f.properties.id).sort()).toEqual(plots.map((p) => p.id));
    for (const p of plots) {
      const f = got.find((x) => x.properties.id === p.id)!;
      expect(f.type).toBe(1);
      expect(f.properties).toEqual({
        id: p.id,
        date: '2026-07-01',
        biomass_kg_ha: p.biomass,
        cover_pct: p.cover,
        height_cm: p.height,
        survey_id: surveyId,
      });
      const [x, y] = tileUnits(...at(p.fx, p.fy));
      expect(Math.abs(f.bbox[0] - x)).toBeLessThanOrEqual(1);
      expect(Math.abs(f.bbox[1] - y)).toBeLessThanOrEqual(1);
    }
    const theirs = (await features('field-plots', beta))!;
    // A plot without survey or numbers carries only what it has (null attributes are left out).
    expect(theirs.map((f) => f.properties)).toEqual([{ id: betaPlot, date: '2026-07-02' }]);
    expect(await features('field-plots', gamma)).toBeNull();
  });
});

describe('results layer', () => {
  it('draws results on live units only, to their organisation only', async () => {
    const got = (await features('results', alpha))!;
    expect(got).toHaveLength(1);
    expect(got[0]!.properties).toMatchObject({
      survey: surveyId,
      unit: units[0]!.id,
      name: units[0]!.name,
      mean: 0.4125,
      coverage_pct: 97.5,
      cover_pct: 38.25,
      biomass_kg_ha: 640,
      recovery_class: 'III',
      capacity_su: 12.5,
    });
    const want = expectedBbox(units[0]!.geometry);
    for (let i = 0; i < 4; i++) expect(Math.abs(got[0]!.bbox[i]! - want[i]!)).toBeLessThanOrEqual(1);
    expect(await features('results', beta)).toBeNull();
  });
});

describe.runIf(process.env.DATABASE_URL)('both backends give the same features (PostgreSQL run)', () => {
  it('PostGIS ST_AsMVT and the JS cut agree on pasture units, plots and results', async () => {
    const service = createVectorTileService(s.db);
    const caller: Caller = {
      userId: alpha.userId,
      email: 'alpha@test.mn',
      name: 'alpha',
      role: 'land_officer',
      organisationId: alpha.organisationId,
      organisationName: 'Tuv land office',
    };
    const inside = at(0.3, 0.25);
    for (const layer of ['pasture-units', 'field-plots', 'results']) {
      for (const z of [10, 14, 16]) {
        const t = z === 14 ? T : tileAt(inside[0], inside[1], z);
        const pg =
          decodeMvt((await service.tile(caller, layer, t, 'postgis')).bytes).get(layer)?.features ?? [];
        const js = decodeMvt((await service.tile(caller, layer, t, 'js')).bytes).get(layer)?.features ?? [];
        const key = (f: DecodedFeature) => String(f.properties.id ?? f.properties.unit);
        const label = `${layer} ${t.z}/${t.x}/${t.y}`;
        expect(pg.map(key).sort(), label).toEqual(js.map(key).sort());
        if (z !== 16) expect(pg.length, label).toBeGreaterThan(0);
        for (const a of pg) {
          const b = js.find((f) => key(f) === key(a))!;
          expect(a.type, label).toBe(b.type);
          expect(a.properties, label).toEqual(b.properties);
          for (let i = 0; i < 4; i++) expect(Math.abs(a.bbox[i]! - b.bbox[i]!), label).toBeLessThanOrEqual(2);
        }
      }
    }
  });
});
