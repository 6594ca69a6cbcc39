/**
 * Vector exports `/api/exports/layers/{layer}.{format}` (issue 7, acceptance 5): every layer × format
 * opens in GDAL — `ogrinfo -al -so` for the feature count, geometry type, CRS and field list, the GDAL
 * Python bindings for field types and values — with Cyrillic names, a multipolygon with a hole, nulls
 * and a deleted unit left out; the other organisation gets empty layers and 404 for our survey; the
 * package routes `/api/exports/{id}` still answer. Runs on PGlite, and on PostgreSQL with DATABASE_URL.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../api/src/testing/test.server.ts';
import { createSurvey, orgWithUser, type OrgUser } from '../../api/src/testing/fixtures.ts';
import { EXPORT_LAYERS, LAYER_IDS, type LayerId } from '../../api/src/vector-exports/export.layers.ts';
import { createVectorExportService } from '../../api/src/vector-exports/vector.exports.service.ts';
import type { Caller } from '../../api/src/auth/caller.ts';
import { dbfFieldNames, type FieldType } from '../../processing/src/index.ts';
import { ogrReadAsync, ogrSource, type OgrLayer } from '../../processing/src/vector/fixture.layers.ts';

let s: TestServer;
let alpha: OrgUser;
let beta: OrgUser;
let surveyId: string;
const unitIds: string[] = [];

const SOUM = 'MN4304';
const NAME_1 = 'Хаврын бэлчээр "Их" & <Бага>';
const NAME_2 = 'Өвөлжөө №2';
const FORMATS = ['geojson', 'gpkg', 'shp.zip', 'csv', 'kml'] as const;
type Format = (typeof FORMATS)[number];

/** A square of side 2d around (x, y), counter-clockwise. */
const square = (x: number, y: number, d: number) => [
  [x - d, y - d],
  [x + d, y - d],
  [x + d, y + d],
  [x - d, y + d],
  [x - d, y - d],
];

async function post(
  path: string,
  token: string,
  json: unknown,
): Promise<{ id: string; etag: string | null }> {
  const res = await s.request(path, { method: 'POST', token, json });
  expect(res.status, await res.clone().text()).toBe(201);
  return { id: ((await res.json()) as { id: string }).id, etag: res.headers.get('etag') };
}

beforeAll(async () => {
  s = await startTestServer({ env: { WORKERS: '0' } });
  alpha = await orgWithUser(s, 'Selenge land office', 'land_officer');
  beta = await orgWithUser(s, 'Dornod land office', 'land_officer');
  const [c] = await s.db.query<{ x: number; y: number }>(
    `SELECT ST_X(p) AS x, ST_Y(p) AS y FROM (SELECT ST_PointOnSurface(geom) AS p FROM admin_units WHERE code = $1) q`,
    [SOUM],
  );
  const { x, y } = c!;
  const unit = (geometry: unknown, properties: Record<string, unknown>) => ({
    type: 'Feature',
    geometry,
    properties: { soum: SOUM, use: 'pasture', ...properties },
  });
  const withHole = {
    type: 'MultiPolygon',
    coordinates: [[square(x, y, 0.01), square(x, y, 0.004).reverse()]],
  };
  const u1 = await post('/api/pasture-units', alpha.token, {
    ...unit(withHole, {
      name: NAME_1,
      season: 'spring',
      notes: 'Худаг, "булаг"',
      reference_biomass_kg_ha: 1200,
    }),
  });
  const u2 = await post('/api/pasture-units', alpha.token, {
    ...unit(
      { type: 'Polygon', coordinates: [square(x + 0.03, y, 0.01)] },
      { name: NAME_2, season: 'winter', use: 'hayfield' },
    ),
  });
  const u3 = await post('/api/pasture-units', alpha.token, {
    ...unit(
      { type: 'Polygon', coordinates: [square(x - 0.03, y, 0.01)] },
      { name: 'Устгасан', season: 'summer' },
    ),
  });
  const del = await s.request(`/api/pasture-units/${u3.id}`, {
    method: 'DELETE',
    token: alpha.token,
    headers: { 'if-match': u3.etag! },
  });
  expect(del.status).toBe(204);
  unitIds.push(u1.id, u2.id, u3.id);
  surveyId = await createSurvey(s, alpha.token, { soum: SOUM });
  await createSurvey(s, beta.token);
  const plot = (lon: number, lat: number, properties: Record<string, unknown>) => ({
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [lon, lat] },
    properties: { date: '2026-06-14', ...properties },
  });
  await post('/api/field-plots', alpha.token, {
    ...plot(x + 0.007, y, {
      name: 'Талбай 1',
      survey: surveyId,
      biomass_kg_ha: 850.5,
      cover_pct: 45,
      height_cm: 12,
    }),
  });
  // outside the soum, no survey, nulls
  await post('/api/field-plots', alpha.token, { ...plot(90.5, 47.5, { name: null, fresh: true }) });
  await post('/api/field-plots', beta.token, { ...plot(x, y, { name: 'Beta plot' }) });
  for (const [i, unitId] of unitIds.entries()) {
    await s.db.query(
      `INSERT INTO results (survey_id, unit_id, survey_version, unit_version, organisation_id, product, stats,
                            coverage_pct, cover_pct, biomass_kg_ha, recovery_class, capacity_su, season_days)
       VALUES ($1, $2, 1, 1, $3, 'ndvi', $4::jsonb, $5, 40, $6, $7, $8, 90)`,
      [
        surveyId,
        unitId,
        alpha.organisationId,
        JSON.stringify({ mean: 0.42 + i / 100 }),
        98.5 - i,
        i === 0 ? 910.25 : null,
        i === 0 ? 'II' : null,
        12.5 * (i + 1),
      ],
    );
  }
}, 120_000);
afterAll(async () => s?.destroy());

async function download(path: string, token: string): Promise<Response> {
  return s.request(path, { token });
}

async function ogrinfo(source: string, openOptions: string[] = []): Promise<string> {
  const args = ['-ro', '-al', '-so', ...openOptions.flatMap((o) => ['-oo', o]), source];
  const { stdout } = await promisify(execFile)('ogrinfo', args, { maxBuffer: 16 * 1024 * 1024 });
  return stdout;
}

/** Where OGR reads a field type of ours differently by format (GDAL 3.6; newer reads L as Boolean). */
function ogrType(type: FieldType, format: Format, ogr: string): string {
  const typed: Record<FieldType, string> = {
    string: 'String',
    real: 'Real',
    integer: 'Integer',
    date: 'Date',
    datetime: 'DateTime',
    boolean: 'Integer(Boolean)',
  };
  if (format === 'shp.zip' && type === 'datetime') return 'String';
  if (format === 'shp.zip' && type === 'boolean') return ogr === 'String' ? 'String' : typed.boolean;
  if (format === 'kml' && (type === 'date' || type === 'datetime')) return 'String';
  return typed[type];
}

const EXPECTED_COUNT: Record<LayerId, number> = { 'pasture-units': 2, 'field-plots': 2, results: 2 };
const GEOMETRY: Record<LayerId, RegExp> = {
  'pasture-units': /^Geometry: (Multi Polygon|Polygon)$/m,
  results: /^Geometry: (Multi Polygon|Polygon)$/m,
  'field-plots': /^Geometry: Point$/m,
};

describe.each(LAYER_IDS)('%s', (layerId) => {
  const layer = EXPORT_LAYERS[layerId];
  it.each(FORMATS)(`.%s opens in OGR with the right count, CRS, fields and values`, async (format) => {
    const res = await download(`/api/exports/layers/${layerId}.${format}`, alpha.token);
    expect(res.status, await res.clone().text()).toBe(200);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${layerId}.${format}"`);
    expect(res.headers.get('content-type')).toMatch(
      {
        geojson: /^application\/geo\+json/,
        gpkg: /^application\/geopackage\+sqlite3$/,
        'shp.zip': /^application\/zip$/,
        csv: /^text\/csv; charset=utf-8$/,
        kml: /^application\/vnd\.google-earth\.kml\+xml/,
      }[format],
    );
    const source = ogrSource(`${layer.name}.${format}`, new Uint8Array(await res.arrayBuffer()));
    const options = format === 'csv' ? ['AUTODETECT_TYPE=YES'] : [];
    const info = await ogrinfo(source, options);
    expect(info).toContain(`Feature Count: ${EXPECTED_COUNT[layerId]}`);
    if (format !== 'kml' && format !== 'csv') expect(info).toMatch(GEOMETRY[layerId]);
    // CSV has no place for a CRS; every other format says WGS 84
    if (format !== 'csv') expect(info).toMatch(/ID\["EPSG",4326\]|GEOGCRS\["WGS 84"/);
    const ogr: OgrLayer = await ogrReadAsync(source, options);
    expect(ogr.count).toBe(EXPECTED_COUNT[layerId]);
    // the Shapefile's 10-character names; LIBKML reads a Placemark's <name> as the field Name
    const names =
      format === 'shp.zip'
        ? dbfFieldNames(layer.fields)
        : layer.fields.map((f) => (format === 'kml' && f.name === 'name' ? 'Name' : f.name));
    for (const name of names) expect(info).toMatch(new RegExp(`^${name}: `, 'm'));
    if (format === 'gpkg' || format === 'geojson' || format === 'shp.zip') {
      const types = Object.fromEntries(
        layer.fields.map((f, k) => [names[k], ogrType(f.type, format, ogr.fields[names[k]!]!)]),
      );
      expect(ogr.fields).toEqual(types);
    }
    checkValues(layerId, format, ogr);
  });
});

/** A value or two per layer, as OGR reads them. */
function checkValues(layerId: LayerId, format: Format, ogr: OgrLayer): void {
  const all = ogr.features.map((f) => f.values);
  const byName = (name: string) => all.find((v) => Object.values(v).includes(name));
  if (layerId === 'pasture-units' || layerId === 'results') {
    expect(byName(NAME_1), `${NAME_1} in ${format}`).toBeDefined();
    expect(byName(NAME_2)).toBeDefined();
    expect(all.some((v) => Object.values(v).includes('Устгасан'))).toBe(false);
    const holed = ogr.features.find((f) => Object.values(f.values).includes(NAME_1))!;
    expect(holed.wkt.match(/\(/g)!.length, holed.wkt).toBeGreaterThanOrEqual(3); // an outer ring and a hole
  }
  if (layerId === 'pasture-units' && format !== 'csv') {
    const refBio = format === 'shp.zip' ? 'ref_bio' : 'reference_biomass_kg_ha';
    expect(byName(NAME_1)![refBio]).toBe(1200);
    if (format !== 'kml') expect(byName(NAME_2)![refBio]).toBeNull();
    expect(byName(NAME_1)!.notes).toBe('Худаг, "булаг"');
  }
  if (layerId === 'results' && format !== 'csv') {
    expect(byName(NAME_1)![format === 'shp.zip' ? 'capacity' : 'capacity_su']).toBe(12.5);
    expect(byName(NAME_1)![format === 'shp.zip' ? 'recovery' : 'recovery_class']).toBe('II');
  }
  if (layerId === 'field-plots') {
    const plot = byName('Талбай 1')!;
    expect(plot[format === 'shp.zip' ? 'biomass' : 'biomass_kg_ha']).toBe(format === 'csv' ? 850.5 : 850.5);
    expect(ogr.features.map((f) => f.wkt).every((w) => w.startsWith('POINT'))).toBe(true);
  }
}

describe('filters and organisations', () => {
  const count = async (path: string, token = alpha.token) => {
    const res = await download(path, token);
    expect(res.status, await res.clone().text()).toBe(200);
    return ((await res.json()) as { features: unknown[] }).features.length;
  };

  it('filters by soum, season, use and survey where they apply', async () => {
    expect(await count('/api/exports/layers/pasture-units.geojson?season=winter')).toBe(1);
    expect(await count(`/api/exports/layers/pasture-units.geojson?soum=${SOUM}`)).toBe(2);
    expect(await count('/api/exports/layers/pasture-units.geojson?soum=MN4310')).toBe(0);
    expect(await count('/api/exports/layers/results.geojson?use=hayfield')).toBe(1);
    expect(await count(`/api/exports/layers/results.geojson?survey=${surveyId}`)).toBe(2);
    expect(await count(`/api/exports/layers/field-plots.geojson?survey=${surveyId}`)).toBe(1);
    expect(await count(`/api/exports/layers/field-plots.geojson?soum=${SOUM}`)).toBe(1);
  });

  it('refuses filters that do not apply, unknown soums, layers and formats', async () => {
    const status = async (path: string) => (await download(path, alpha.token)).status;
    expect(await status('/api/exports/layers/field-plots.csv?season=winter')).toBe(400);
    expect(await status(`/api/exports/layers/pasture-units.csv?survey=${surveyId}`)).toBe(400);
    expect(await status('/api/exports/layers/pasture-units.csv?soum=MN999999')).toBe(400);
    expect(await status('/api/exports/layers/surveys.csv')).toBe(400);
    expect(await status('/api/exports/layers/pasture-units.xlsx')).toBe(400);
    expect((await s.request('/api/exports/layers/pasture-units.csv')).status).toBe(401);
  });

  it('gives the other organisation empty layers, and 404 for our survey', async () => {
    for (const layerId of LAYER_IDS) {
      const expected = layerId === 'field-plots' ? 1 : 0; // beta's own plot
      expect(await count(`/api/exports/layers/${layerId}.geojson`, beta.token)).toBe(expected);
    }
    const source = ogrSource(
      'beta.gpkg',
      new Uint8Array(await (await download('/api/exports/layers/results.gpkg', beta.token)).arrayBuffer()),
    );
    expect(await ogrinfo(source)).toContain('Feature Count: 0');
    const res = await download(`/api/exports/layers/results.geojson?survey=${surveyId}`, beta.token);
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBeDefined();
  });

  it('refuses more features than the bound (413 payload_too_large) naming it', async () => {
    const caller: Caller = {
      userId: alpha.userId,
      email: 'x@test.mn',
      name: 'x',
      role: 'land_officer',
      organisationId: alpha.organisationId,
      organisationName: 'Selenge land office',
    };
    const bounded = createVectorExportService(s.db, 1);
    await expect(bounded.layer(caller, 'pasture-units', {})).rejects.toMatchObject({
      code: 'payload_too_large',
      message: 'pasture-units has more than 1 features for this request; filter by soum',
    });
    expect((await bounded.layer(caller, 'pasture-units', { season: 'winter' })).features).toHaveLength(1);
  });

  it('is described in OpenAPI as /api/exports/layers/{layer}.{format}', async () => {
    const doc = (await (await s.request('/api/openapi.json')).json()) as {
      paths: Record<string, { get?: { parameters: { name: string; in: string }[] } }>;
    };
    const op = doc.paths['/api/exports/layers/{layer}.{format}']?.get;
    expect(op?.parameters.map((p) => `${p.in}:${p.name}`)).toEqual([
      'path:layer',
      'path:format',
      'query:soum',
      'query:season',
      'query:use',
      'query:survey',
    ]);
  });

  it('leaves the package routes /api/exports/{id} working', async () => {
    const id = '00000000-0000-4000-8000-000000000000';
    const res = await download(`/api/exports/${id}`, alpha.token);
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { message: string } }).error.message).toBe(
      `export ${id} not found`,
    );
    expect((await download('/api/exports/not-a-uuid', alpha.token)).status).toBe(400);
    const file = await download(`/api/exports/${id}/package.zip`, alpha.token);
    expect(file.status).toBe(404);
  });
});
