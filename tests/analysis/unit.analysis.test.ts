/**
 * Per-unit analysis through the API (issue 6; SPEC §2.3): a synthetic RGB ortho (make-ortho.py, UTM
 * 48N, 25 cm) uploaded and processed, three pasture units inserted by SQL (inside, crossing the
 * east edge, outside; a reference biomass on the inside one), field plots posted through the API.
 * Checked against independent references: coverage % against PostGIS ST_Area(ST_Intersection(unit,
 * footprint)::geography); the mean index against POST /api/statistics; cover % against the mean of
 * cover.tif read with rasterio over the unit; the plot index (ExG over the plot's 1 m square) with
 * rasterio on the source ortho; biomass, class and capacity by hand (DOMAIN §6). Then stale detection
 * after a unit's geometry is edited in SQL. Runs on PGlite, and on PostgreSQL with DATABASE_URL.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import proj4 from 'proj4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../api/src/testing/test.server.ts';
import { createSurvey, orgWithUser, type OrgUser } from '../../api/src/testing/fixtures.ts';
import { PEERS, PYTHON, sh } from '../../processing/src/testing/gdal.ts';
import { waitForSurvey } from '../support/tus.ts';
import { decodeMvt, tileAt } from '../tiler/mvt.decode.ts';

const UTM = '+proj=utm +zone=48 +datum=WGS84 +units=m +no_defs';
/** The ortho: 800 × 800 px of 25 cm from (512345, 5480000), so x 512345–512545, y 5479800–5480000. */
const ORTHO = { n: 800, gsd: 0.25, x0: 512345, y0: 5480000 } as const;
/** Unit rectangles in UTM [xmin, ymin, xmax, ymax]: edges on pixel edges, so no centre lies on them. */
const UNITS = {
  inside: [512445, 5479840, 512505, 5479900],
  edge: [512500, 5479850, 512600, 5479950],
  outside: [512700, 5479850, 512800, 5479950],
} as const;
const MOVED_INSIDE = [512420, 5479820, 512480, 5479880] as const;
/** Plot centres (UTM, whole metres: the 1 m square's edges fall on pixel edges). */
const PLOTS: ReadonlyArray<readonly [number, number]> = [
  [512400, 5479900],
  [512420, 5479850],
  [512460, 5479870],
  [512500, 5479930],
  [512520, 5479820],
  [512380, 5479960],
];
/** The line the plot biomass follows exactly: kg DM/ha = A + B · ExG. */
const A = 250;
const B = 4000;
const REFERENCE_KG_HA = 900;

const REFERENCE_PY = `
import json, sys
import numpy as np, rasterio
from rasterio.features import geometry_mask
from shapely.geometry import box, mapping
a = json.load(open(sys.argv[1]))
def mean_over(path, rect, fn):
    with rasterio.open(path) as d:
        inside = geometry_mask([mapping(box(*rect))], (d.height, d.width), d.transform, all_touched=False, invert=True)
        valid = inside & (d.dataset_mask() > 0)
        v = fn(d.read().astype(np.float64))[valid]
        v = v[np.isfinite(v)]
        return float(v.mean()) if v.size else None
def exg(x):
    r, g, b = x[0], x[1], x[2]
    s = r + g + b
    with np.errstate(invalid='ignore', divide='ignore'):
        return np.where(s == 0, np.nan, (2 * g - r - b) / s)
print(json.dumps({
  'cover': {k: mean_over(a['cover'], r, lambda x: x[0]) for k, r in a['units'].items()},
  'plots': [mean_over(a['ortho'], [x - 0.5, y - 0.5, x + 0.5, y + 0.5], exg) for x, y in a['plots']],
}))
`;

let s: TestServer;
let user: OrgUser;
let other: OrgUser;
let id: string;
let dir: string;
let ortho: string;
const unitIds: Record<string, string> = {};

type Json = Record<string, unknown>;
interface UnitProps {
  unit_id: string;
  coverage_pct: number;
  mean: number | null;
  count: number;
  cover_pct: number | null;
  biomass_kg_ha: number | null;
  uncalibrated: boolean;
  recovery_class: string | null;
  capacity_su: number | null;
  season_days: number | null;
  area_ha: number;
}
interface Calibration extends Json {
  points: Json[];
  linear: { model: { slope: number; intercept: number } };
}
interface Analysis {
  status: string;
  stale: boolean;
  version: number;
  calibration: Calibration;
  units: { features: { geometry: Json; properties: UnitProps }[] };
}

const rectWkt = ([x0, y0, x1, y1]: readonly number[]) =>
  `SRID=32648;MULTIPOLYGON(((${x0} ${y0},${x1} ${y0},${x1} ${y1},${x0} ${y1},${x0} ${y0})))`;

async function getAnalysis(): Promise<Analysis> {
  const res = await s.request(`/api/surveys/${id}/analysis`, { token: user.token });
  expect(res.status).toBe(200);
  return (await res.json()) as Analysis;
}

/** Polls the analysis until it is ready and current. */
async function settled(timeoutMs = 90_000): Promise<Analysis> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const a = await getAnalysis();
    if (a.status === 'ready' && !a.stale) return a;
    if (a.status === 'failed' || Date.now() > until)
      throw new Error(`analysis: ${JSON.stringify(a).slice(0, 500)}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

const unitOf = (a: Analysis, key: string) =>
  a.units.features.find((f) => f.properties.unit_id === unitIds[key])?.properties;

async function postPlot(x: number, y: number, biomass: number): Promise<void> {
  const [lon, lat] = proj4(UTM, 'WGS84', [x, y]);
  const res = await s.request('/api/field-plots', {
    method: 'POST',
    token: user.token,
    json: {
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [lon, lat] },
      properties: { date: '2026-06-15', survey: id, biomass_kg_ha: biomass, plot_size_m: 1 },
    },
  });
  expect(res.status).toBe(201);
}

async function reference(): Promise<{ cover: Record<string, number | null>; plots: (number | null)[] }> {
  const cover = path.join(dir, 'cover.tif');
  const res = await s.request(`/api/surveys/${id}/products/cover.tif`, { token: user.token });
  expect(res.status).toBe(200);
  await writeFile(cover, Buffer.from(await res.arrayBuffer()));
  const input = path.join(dir, 'reference.json');
  await writeFile(input, JSON.stringify({ cover, ortho, units: UNITS, plots: PLOTS }));
  const script = path.join(dir, 'reference.py');
  await writeFile(script, REFERENCE_PY);
  return JSON.parse(await sh(PYTHON, [script, input])) as Awaited<ReturnType<typeof reference>>;
}

let ref: Awaited<ReturnType<typeof reference>>;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'belcheer-analysis-'));
  ortho = path.join(dir, 'ortho.tif');
  await sh(PYTHON, [
    `${PEERS}make-ortho.py`,
    String(ORTHO.n),
    ortho,
    '--bands',
    'rgb',
    '--gsd',
    String(ORTHO.gsd),
  ]);
  s = await startTestServer();
  user = await orgWithUser(s, 'Selenge office', 'land_officer');
  other = await orgWithUser(s, 'Uvs office');
  id = await createSurvey(s, user.token, { name: 'analysis' });
  const put = await s.request(`/api/surveys/${id}/imagery`, {
    method: 'PUT',
    token: user.token,
    body: await readFile(ortho),
  });
  expect(put.status).toBe(202);
  expect((await waitForSurvey(s, user.token, id, 120_000)).status).toBe('ready');
  const [soum] = await s.db.query<{ code: string }>(
    `SELECT code FROM admin_units WHERE level = 'soum' ORDER BY code LIMIT 1`,
  );
  const seasons: Record<string, string> = { inside: 'summer', edge: 'winter', outside: 'summer' };
  for (const [key, rect] of Object.entries(UNITS)) {
    const [row] = await s.db.query<{ id: string }>(
      `INSERT INTO pasture_units (organisation_id, soum_code, name, season, use, geom, area_ha, reference_biomass_kg_ha)
       SELECT $1, $2, $3, $4, 'pasture', g, ST_Area(g::geography) / 10000, $6
         FROM (SELECT ST_Transform(ST_GeomFromEWKT($5), 4326) AS g) t RETURNING id`,
      [
        user.organisationId,
        soum!.code,
        key,
        seasons[key]!,
        rectWkt(rect),
        key === 'inside' ? REFERENCE_KG_HA : null,
      ],
    );
    unitIds[key] = row!.id;
  }
  ref = await reference();
}, 240_000);

afterAll(async () => {
  await s?.destroy();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('per-unit analysis', () => {
  it('covers the units that meet the footprint, with coverage % as PostGIS measures it', async () => {
    const a = await settled();
    expect(a.version).toBe(1);
    expect(a.units.features.map((f) => f.properties.unit_id).sort()).toEqual(
      [unitIds.inside!, unitIds.edge!].sort(),
    );
    const rows = await s.db.query<{ id: string; pct: number }>(
      `SELECT u.id, 100 * ST_Area(ST_Intersection(u.geom, s.footprint)::geography) / ST_Area(u.geom::geography) AS pct
         FROM pasture_units u, surveys s WHERE s.id = $1 AND u.id = ANY($2::uuid[])`,
      [id, [unitIds.inside, unitIds.edge]],
    );
    for (const r of rows) {
      const unit = a.units.features.find((f) => f.properties.unit_id === r.id)!.properties;
      expect(Math.abs(unit.coverage_pct - r.pct)).toBeLessThan(2);
    }
    expect(unitOf(a, 'inside')!.coverage_pct).toBeGreaterThan(99);
    expect(unitOf(a, 'edge')!.coverage_pct).toBeCloseTo(45, 0);
  });

  it('reports the mean index of POST /api/statistics and the cover % of cover.tif (rasterio)', async () => {
    const a = await settled();
    for (const f of a.units.features) {
      const res = await s.request('/api/statistics', {
        method: 'POST',
        token: user.token,
        json: { survey: id, product: 'exg', geometry: f.geometry },
      });
      expect(res.status).toBe(200);
      const stats = ((await res.json()) as { features: { properties: { stats: Json } }[] }).features[0]!
        .properties.stats;
      expect(f.properties.count).toBe(stats['count']);
      expect(f.properties.mean).toBeCloseTo(stats['mean'] as number, 12);
    }
    expect(unitOf(a, 'inside')!.cover_pct).toBeCloseTo(ref.cover['inside']!, 9);
    expect(unitOf(a, 'edge')!.cover_pct).toBeCloseTo(ref.cover['edge']!, 9);
  });

  it('is uncalibrated with 4 plots: no biomass, class or capacity', async () => {
    for (const [i, [x, y]] of PLOTS.slice(0, 4).entries()) await postPlot(x, y, A + B * ref.plots[i]!);
    const a = await settled();
    expect(a.calibration).toMatchObject({ status: 'uncalibrated', n: 4, model: null, index: 'exg' });
    const inside = unitOf(a, 'inside')!;
    expect(inside).toMatchObject({
      biomass_kg_ha: null,
      uncalibrated: true,
      recovery_class: null,
      capacity_su: null,
    });
    expect(inside.season_days).toBe(183);
  });

  it('calibrates with 6 plots on an exact line and computes capacity as by hand', async () => {
    for (const [i, [x, y]] of PLOTS.slice(4).entries()) await postPlot(x, y, A + B * ref.plots[i + 4]!);
    const a = await settled();
    const c = a.calibration;
    expect(c).toMatchObject({ status: 'calibrated', n: 6, model: 'linear' });
    expect(c.linear.model.slope).toBeCloseTo(B, 5);
    expect(c.linear.model.intercept).toBeCloseTo(A, 6);
    expect(c['rmse'] as number).toBeLessThan(1e-6);
    const indexOfPoints = c.points.map((p) => p['index'] as number).sort();
    const refSorted = [...(ref.plots as number[])].sort();
    indexOfPoints.forEach((v, i) => expect(v).toBeCloseTo(refSorted[i]!, 12));

    const unit = unitOf(a, 'inside')!;
    const [{ area }] = (await s.db.query<{ area: number }>(
      `SELECT ST_Area(geom::geography) / 10000 AS area FROM pasture_units WHERE id = $1`,
      [unitIds.inside!],
    )) as [{ area: number }];
    const F = A + B * unit.mean!;
    expect(unit.biomass_kg_ha).toBeCloseTo(F, 6);
    // Class by hand: F / reference banded at 0.8, 0.6, 0.4, 0.2; stocking cut I 0, II 5, III 10, IV–V 15 %.
    const ratio = F / REFERENCE_KG_HA;
    const [cls, cut] =
      ratio >= 0.8
        ? ['I', 0]
        : ratio >= 0.6
          ? ['II', 0.05]
          : ratio >= 0.4
            ? ['III', 0.1]
            : ratio >= 0.2
              ? ['IV', 0.15]
              : ['V', 0.15];
    expect(unit.recovery_class).toBe(cls);
    expect(unit.capacity_su).toBeCloseTo((F * area * 0.3 * (1 - (cut as number))) / (1.4 * 183), 6);
    const edge = unitOf(a, 'edge')!;
    expect(edge.recovery_class).toBeNull(); // no reference
    expect(edge.capacity_su).toBeCloseTo(((A + B * edge.mean!) * edge.area_ha * 0.3) / (1.4 * 182), 6);

    const cal = await s.request(`/api/surveys/${id}/calibration`, { token: user.token });
    expect(cal.status).toBe(200);
    expect(((await cal.json()) as { calibration: Json }).calibration).toMatchObject({
      n: 6,
      model: 'linear',
    });
  });

  it('serves the results as the `results` vector tile layer, to their organisation only', async () => {
    const a = await settled();
    const [lon, lat] = proj4(UTM, 'WGS84', [512475, 5479870]);
    const { z, x, y } = tileAt(lon, lat, 16);
    const tile = await s.request(`/tiles/results/${z}/${x}/${y}.mvt`, { token: user.token });
    expect(tile.status).toBe(200);
    const features = decodeMvt(new Uint8Array(await tile.arrayBuffer())).get('results')!.features;
    const inside = features.find((f) => f.properties['unit'] === unitIds.inside)!.properties;
    expect(inside).toMatchObject({
      survey: id,
      name: 'inside',
      index: 'exg',
      recovery_class: unitOf(a, 'inside')!.recovery_class!,
    });
    expect(inside['biomass_kg_ha']).toBeCloseTo(unitOf(a, 'inside')!.biomass_kg_ha!, 6);
    const theirs = await s.request(`/tiles/results/${z}/${x}/${y}.mvt`, { token: other.token });
    expect([200, 204]).toContain(theirs.status);
    if (theirs.status === 200)
      expect(decodeMvt(new Uint8Array(await theirs.arrayBuffer())).get('results')).toBeUndefined();
  });

  it('sees a unit edited in SQL as stale and recomputes it', async () => {
    const before = unitOf(await settled(), 'inside')!;
    await s.db.query(
      `UPDATE pasture_units SET geom = g, area_ha = ST_Area(g::geography) / 10000, version = version + 1
         FROM (SELECT ST_Transform(ST_GeomFromEWKT($2), 4326) AS g) t WHERE id = $1`,
      [unitIds.inside!, rectWkt(MOVED_INSIDE)],
    );
    const stale = await getAnalysis();
    expect(stale.stale).toBe(true);
    expect(['queued', 'running']).toContain(stale.status);
    expect(unitOf(stale, 'inside')!.mean).toBe(before.mean);
    const after = unitOf(await settled(), 'inside')!;
    expect(after.mean).not.toBe(before.mean);
    expect(after.biomass_kg_ha).toBeCloseTo(A + B * after.mean!, 6);
  });

  it('hides the analysis from another organisation and lets writers force a recompute', async () => {
    expect((await s.request(`/api/surveys/${id}/analysis`, { token: other.token })).status).toBe(404);
    expect((await s.request(`/api/surveys/${id}/calibration`, { token: other.token })).status).toBe(404);
    const forced = await s.request(`/api/surveys/${id}/analysis`, { method: 'POST', token: user.token });
    expect(forced.status).toBe(202);
    expect(['queued', 'running']).toContain(((await forced.json()) as Analysis).status);
    expect((await settled()).units.features).toHaveLength(2);
  });
});
